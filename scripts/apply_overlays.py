#!/usr/bin/env python3
"""Apply openapi/overlays/*.yaml to the provided spec and print (or write) the corrected spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _spec import PROVIDED_SPEC, OverlayError, corrected_spec, dump_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spec", type=Path, default=PROVIDED_SPEC, help="provided OpenAPI JSON")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    try:
        text = dump_json(corrected_spec(args.spec))
    except OverlayError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
