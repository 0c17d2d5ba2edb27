#!/usr/bin/env python3
"""Regenerate generated/ from the v2 spec (provided + overlays) and the v3 spec, or check it is fresh.

    scripts/generate.py          rebuild generated/ (what `make generate` runs)
    scripts/generate.py --check  regenerate into a temporary folder and diff against generated/

Generation always happens in a fresh temporary folder and is then moved into place, so the output
never depends on what was there before (openapi-python-client's --overwrite keeps stray files).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _spec import (
    CODEGEN_CONFIG,
    CORRECTED_SPEC_NAME,
    GENERATED_DIR,
    PACKAGE_NAME,
    MergeError,
    OverlayError,
    client_spec,
    dump_json,
)


def generate_into(workdir: Path) -> Path:
    """Generate the package under workdir and return its folder."""
    workdir.mkdir(parents=True, exist_ok=True)
    spec_path = workdir / "corrected-openapi.json"
    spec_text = dump_json(client_spec())
    spec_path.write_text(spec_text, encoding="utf-8")
    output = workdir / PACKAGE_NAME
    generator = Path(sys.executable).with_name("openapi-python-client")
    command = [
        str(generator), "generate",
        "--path", str(spec_path),
        "--config", str(CODEGEN_CONFIG),
        "--meta", "none",
        "--output-path", str(output),
        "--fail-on-warning",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")
    # The merged v2+v3 spec travels with the client generated from it (the local fake reads it).
    (output / CORRECTED_SPEC_NAME).write_text(spec_text, encoding="utf-8")
    for cache in output.rglob("__pycache__"):
        shutil.rmtree(cache)
    return output


def tree_diff(expected: Path, actual: Path) -> list[str]:
    """Unified diffs (and added/removed files) between two trees, paths relative to generated/."""
    lines: list[str] = []
    comparison = filecmp.dircmp(expected, actual, ignore=["__pycache__"])
    stack = [(comparison, Path(PACKAGE_NAME))]
    while stack:
        node, rel = stack.pop()
        for name in sorted(node.left_only):
            lines.append(f"only in generated/: {rel / name} (not produced by the generator)")
        for name in sorted(node.right_only):
            lines.append(f"missing from generated/: {rel / name}")
        for name in sorted(node.diff_files):
            old = (Path(node.left) / name).read_text(encoding="utf-8").splitlines(keepends=True)
            new = (Path(node.right) / name).read_text(encoding="utf-8").splitlines(keepends=True)
            lines.extend(
                difflib.unified_diff(old, new, f"generated/{rel / name}", f"regenerated/{rel / name}")
            )
        for sub_name, sub in sorted(node.subdirs.items()):
            stack.append((sub, rel / sub_name))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    args = parser.parse_args(argv)
    target = GENERATED_DIR / PACKAGE_NAME
    with tempfile.TemporaryDirectory(prefix="heygen-generate-") as tmp:
        try:
            fresh = generate_into(Path(tmp))
        except (OverlayError, MergeError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if args.check:
            if not target.is_dir():
                print(f"generated/ is missing {PACKAGE_NAME}/. Run `make generate`.", file=sys.stderr)
                return 1
            diff = tree_diff(target, fresh)
            if diff:
                sys.stderr.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
                print(
                    "\ngenerated/ does not match what the spec and overlays produce: it is stale or "
                    "was edited by hand.\nFix: run `make generate` and commit the result (changes "
                    "belong in openapi/overlays/ or heygen/, never in generated/).",
                    file=sys.stderr,
                )
                return 1
            print("generated/ is up to date.")
            return 0
        if target.exists():
            shutil.rmtree(target)
        GENERATED_DIR.mkdir(exist_ok=True)
        shutil.copytree(fresh, target)
    print(f"wrote {target.relative_to(GENERATED_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
