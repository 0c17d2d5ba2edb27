"""HeyGen's published v3 document: keep the operations we ship, say how they differ from ours.

Our v3 spec (openapi/v3/heygen-v3.yaml) is written by hand from HeyGen's schemas because their
complete document could not be had. When it can (`make update-spec SPEC=external-api.json`), this
keeps only the operations listed in openapi/codegen.yml `shipped_operations.v3` (and the
components they use), stores that subset as openapi/provided/heygen-v3.json, and reports every
difference from ours, so a maintainer can correct ours. Generation still reads ours: nothing in
generated/ changes. A shipped operation missing from HeyGen's document refuses the update.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _spec
import yaml
from _spec import JSON

from _update_spec.common import CHANGELOG, CODEGEN, OURS_V3, PROVIDED_V3, Refused
from _update_spec.diff import run_optic, server_changes
from _update_spec.read import NewSpec
from _update_spec.report import insert_entry
from _update_spec.stage import install

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def is_v3(document: JSON) -> bool:
    """HeyGen's v3 document rather than a v2 reference page: it has /v3/ paths."""
    return any(str(path).startswith("/v3/") for path in document.get("paths") or {})


def shipped_operations(root: Path, version: str = "v3") -> list[str]:
    """ "METHOD /path" of every operation we ship, from the codegen config."""
    config = yaml.safe_load((root / CODEGEN).read_text(encoding="utf-8")) or {}
    listed = (config.get("shipped_operations") or {}).get(version)
    if not listed:
        raise Refused(f"{CODEGEN} has no shipped_operations.{version} list: add the operations we ship")
    return [str(item) for item in listed]


def select(document: JSON, shipped: list[str]) -> tuple[JSON, list[str]]:
    """The document cut down to the shipped operations and what they reference; and the shipped
    operations it does not have."""
    paths: dict[str, Any] = {}
    missing: list[str] = []
    for item in shipped:
        method, _, path = item.partition(" ")
        operation = (document.get("paths") or {}).get(path, {}).get(method.lower())
        if not isinstance(operation, dict):
            missing.append(item)
            continue
        entry = paths.setdefault(path, {})
        shared = {k: v for k, v in document["paths"][path].items() if k not in HTTP_METHODS}
        entry.update(shared)
        entry[method.lower()] = operation
    kept: JSON = {key: document[key] for key in ("openapi", "info", "servers", "security") if key in document}
    kept["paths"] = {path: paths[path] for path in document.get("paths", {}) if path in paths}
    components = _referenced_components(document, kept)
    if components:
        kept["components"] = components
    used_tags = {
        tag
        for item in paths.values()
        for op in item.values()
        if isinstance(op, dict)
        for tag in op.get("tags", [])
    }
    tags = [tag for tag in document.get("tags", []) if isinstance(tag, dict) and tag.get("name") in used_tags]
    if tags:
        kept["tags"] = tags
    return kept, missing


def _referenced_components(document: JSON, kept: JSON) -> JSON:
    """Every component the kept part reaches through $refs, transitively, and the security schemes
    its security requirements name."""
    source = document.get("components") or {}
    found: dict[str, dict[str, Any]] = {}
    pending = list(_refs(kept))
    while pending:
        ref = pending.pop()
        parts = ref.removeprefix("#/").split("/")
        if len(parts) != 3 or parts[0] != "components":
            continue
        section, name = parts[1], parts[2].replace("~1", "/").replace("~0", "~")
        if name in found.get(section, {}) or name not in source.get(section, {}):
            continue
        found.setdefault(section, {})[name] = source[section][name]
        pending.extend(_refs(source[section][name]))
    schemes = {name for requirement in _security_requirements(kept) for name in requirement}
    for name in sorted(schemes):
        if name in source.get("securitySchemes", {}):
            found.setdefault("securitySchemes", {})[name] = source["securitySchemes"][name]
    # HeyGen's order, not discovery order: the stored subset is stable from one update to the next.
    return {
        section: {name: value for name, value in source[section].items() if name in found[section]}
        for section in source
        if section in found
    }


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _security_requirements(kept: JSON) -> Iterator[dict[str, Any]]:
    yield from kept.get("security", [])
    for item in kept["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                yield from operation.get("security", [])


def update_v3(root: Path, spec_path: Path, new_spec: NewSpec, source: str, optic: Path) -> int:
    shipped = shipped_operations(root)
    theirs = new_spec.document
    kept, missing = select(theirs, shipped)
    total = sum(1 for item in (theirs.get("paths") or {}).values() for m in item if m in HTTP_METHODS)
    version = str(theirs.get("info", {}).get("version"))
    heading = (
        f"HeyGen v3 document from {source}: info.version {version}; kept {len(shipped) - len(missing)} of "
        f"{total} operations (openapi/codegen.yml shipped_operations.v3)"
    )
    if missing:
        print(heading + "\n\nShipped operations HeyGen's document does not have:\n" + _bullets(missing))
        raise Refused(
            f"HeyGen's document lacks {len(missing)} operation(s) we ship: check whether they moved or were "
            f"renamed, then update {OURS_V3} and {CODEGEN}"
        )
    kept_text = _spec.dump_json(kept)
    stored = root / PROVIDED_V3
    if stored.exists() and stored.read_text(encoding="utf-8") == kept_text:
        print(f"{spec_path}: the operations we ship are unchanged since {PROVIDED_V3}: nothing to update.")
        return 0
    ours = _spec.v3_spec(root / OURS_V3)
    changes = run_optic(optic, ours, json.dumps(ours, indent=2), kept, kept_text)
    differences = [
        change.text
        + (
            f" [breaking for clients of ours; Optic: {' '.join(dict.fromkeys(change.breaking))}]"
            if change.breaking
            else ""
        )
        for change in changes
    ]
    sections = [
        (f"Where HeyGen's document differs from ours ({OURS_V3}); correct ours where HeyGen's is right",
         differences or ["none that Optic reports"]),
        ("Server URL", server_changes(ours, kept)),
    ]  # fmt: skip
    text = heading + "".join(f"\n\n{title}:\n{_bullets(lines)}" for title, lines in sections if lines)
    print(text)
    digest = hashlib.sha256(kept_text.encode("utf-8")).hexdigest()
    entry = (
        f"## {datetime.date.today().isoformat()}: HeyGen v3 document {version}\n\n"
        f"`make update-spec` stored the operations we ship in `{PROVIDED_V3}` ({source}; sha256 "
        f"`{digest[:12]}`). The client is still generated from `{OURS_V3}`.\n"
        + "".join(
            f"\n### {title}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
            for title, lines in sections
            if lines
        )
        + "\n"
    )
    existing = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).exists() else None
    with tempfile.TemporaryDirectory(prefix="heygen-update-spec-") as tmp:
        staging = Path(tmp)
        (staging / PROVIDED_V3).parent.mkdir(parents=True)
        (staging / PROVIDED_V3).write_text(kept_text, encoding="utf-8")
        install(root, staging, insert_entry(existing, entry), PROVIDED_V3, regenerated=False)
    print(f"\nUpdated {PROVIDED_V3} and {CHANGELOG}. Review with `git diff`, then commit.")
    return 0


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"  - {line}" for line in lines)
