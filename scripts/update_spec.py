#!/usr/bin/env python3
"""Take a new version of HeyGen's spec: a gate, a regenerate, a report.

    scripts/update_spec.py NEW_SPEC [--accept-breaking]   (what `make update-spec SPEC=...` runs)

NEW_SPEC is either of HeyGen's two documents:
- the v2 "Train Photo Avatar Group" OpenAPI JSON, or its Markdown reference page with the document
  in a ```json block: the full update below;
- HeyGen's published v3 document (external-api.json, recognised by its /v3/ paths): only the
  operations listed in openapi/codegen.yml `shipped_operations.v3` are kept, stored as
  openapi/provided/heygen-v3.json, and compared with ours (openapi/v3/heygen-v3.yaml); see
  scripts/_update_spec/v3.py. The client is still generated from ours.

The v2 update, in order (one module of scripts/_update_spec/ per step):

1. read: validate an OpenAPI 3.1 document that openapi-spec-validator accepts, local $refs resolvable;
2. diff: compare with openapi/provided/ using Optic (`optic diff --check`): every change in plain words,
   breaking ones marked by Optic's rules, and any changed server URL named explicitly;
3. overlays: check them against the new document: an action whose target matches nothing is an
   error; an action that no longer changes anything is reported as redundant (HeyGen fixed it);
4. stage: in a temporary copy of the repository: replace the provided document, regenerate generated/,
   run the contract suite and `mypy --strict heygen/`, and compare the generated client's models
   and functions with the current ones (the facade's view of the change);
5. install (stage.py), only when everything passed: move the new document, generated/ and a
   CHANGELOG.md entry into the repository. Anything that fails on the way leaves the repository as it was.

Breaking changes (Optic's, or a facade that no longer type-checks) refuse the update unless
--accept-breaking is given. Overlay errors and contract failures always refuse it.

Exit status: 0 updated, or nothing to update; 1 refused (repository untouched); 2 NEW_SPEC is
unusable (unreadable, not OpenAPI 3.1, invalid).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

if __name__ == "__main__":
    sys.dont_write_bytecode = True  # a refused update leaves no trace, not even __pycache__/
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _spec
import yaml
from _update_spec.common import CHANGELOG, CLIENT, CODEGEN, FACADE, PROVIDED, Refused, Unusable
from _update_spec.diff import differing_pointers, run_optic, server_changes, urls_of
from _update_spec.effects import client_effects, facade_effects, facade_mentions
from _update_spec.overlays import check_overlays
from _update_spec.read import read_new_spec, validation_errors
from _update_spec.report import Report, insert_entry
from _update_spec.stage import install, run_in, stage, tail, typecheck_facade
from _update_spec.v3 import is_v3, update_v3


def update(root: Path, spec_path: Path, optic: Path, accept_breaking: bool) -> int:
    new_spec = read_new_spec(spec_path)
    errors = validation_errors(new_spec.document)
    if errors:
        raise Unusable(f"{spec_path} is not a valid OpenAPI 3.1 document:\n  - " + "\n  - ".join(errors))
    old_text = (root / PROVIDED).read_text(encoding="utf-8")
    old = json.loads(old_text)
    new = new_spec.document
    source = f"`{spec_path.name}`" + (", extracted from a Markdown page" if new_spec.from_markdown else "")
    if is_v3(new):
        return update_v3(root, spec_path, new_spec, source, optic)
    if new == old:
        print(f"{spec_path} has the same content as {PROVIDED}: nothing to update.")
        return 0
    report = Report(source, str(old.get("info", {}).get("version")), str(new.get("info", {}).get("version")))
    report.changes = run_optic(optic, old, old_text, new, new_spec.text)
    report.servers = server_changes(old, new)
    if not report.changes and not report.servers:
        report.other_differences = [
            f"{pointer} (not an API change Optic reports)"
            for pointer in list(differing_pointers(old, new))[:12]
        ]
    report.overlays = check_overlays(root, old, new)
    pinned = str(
        (yaml.safe_load((root / CODEGEN).read_text(encoding="utf-8")) or {}).get("package_version_override")
    )
    if report.new_version != report.old_version and pinned != report.new_version:
        report.attention.append(
            f"{CODEGEN} pins package_version_override {pinned}; "
            f"HeyGen's info.version is now {report.new_version}"
        )
    if report.servers:
        old_urls = tuple(url for url in urls_of(old.get("servers")) if url not in urls_of(new.get("servers")))
        uses = facade_mentions(root / FACADE, old_urls)
        report.servers.append(
            "the generated client takes its base URL from the caller, never from `servers`: "
            + (
                f"heygen/ names the old URL at {', '.join(uses)}, update it there"
                if uses
                else "no heygen/ module names the old URL; check the facade's default base URL"
            )
        )

    refusals: list[str] = []
    if report.overlays.errors:
        refusals.append("overlay actions no longer apply: update or remove them in openapi/overlays/")
    if report.breaking and not accept_breaking:
        refusals.append("the new document has breaking changes: rerun with --accept-breaking to take them")
    if refusals:
        print(report.text(regenerated=False))
        raise Refused("; ".join(refusals))

    with tempfile.TemporaryDirectory(prefix="heygen-update-spec-") as tmp:
        staging = Path(tmp)
        stage(root, staging, new_spec.text)
        generated = run_in(staging, "scripts/generate.py")
        if generated.returncode != 0:
            print(report.text(regenerated=False))
            raise Refused(f"regenerating generated/ failed:\n{tail(generated)}")
        report.client = client_effects(root / CLIENT, staging / CLIENT)
        contract = run_in(staging, "-m", "pytest", "-q", "--tb=no", "tests/contract")
        report.facade_errors = typecheck_facade(staging)
        facade_effects(root, report)
        print(report.text(regenerated=True))
        if contract.returncode != 0:
            raise Refused(f"the contract suite fails against the new document:\n{tail(contract)}")
        if report.facade_errors and not accept_breaking:
            raise Refused("the facade no longer type-checks: rerun with --accept-breaking, then fix heygen/")
        digest = hashlib.sha256(new_spec.text.encode("utf-8")).hexdigest()
        existing = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).exists() else None
        entry = report.changelog_entry(accepted=accept_breaking, digest=digest)
        install(root, staging, insert_entry(existing, entry))
    print(f"Updated {PROVIDED}, {CLIENT}/ and {CHANGELOG}. Review with `git diff`, then commit.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("spec", type=Path, help="HeyGen's new OpenAPI JSON, or its Markdown reference page")
    parser.add_argument(
        "--accept-breaking", action="store_true", help="take the update despite breaking changes"
    )
    parser.add_argument(
        "--root", type=Path, default=_spec.ROOT, help="repository to update (default: this one)"
    )
    parser.add_argument("--optic", type=Path, help="optic binary (default: ROOT/node_modules/.bin/optic)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    optic = args.optic or root / "node_modules" / ".bin" / "optic"
    try:
        return update(root, args.spec, optic, args.accept_breaking)
    except Unusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired as error:
        print(f"refused: {error}\nNothing in {root} was changed.", file=sys.stderr)
        return 1
    except Refused as error:
        print(f"refused: {error}\nNothing in {root} was changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
