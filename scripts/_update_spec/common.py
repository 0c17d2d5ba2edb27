"""What every step shares: the repository paths an update touches, its two failures, JSON pointers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import _spec
from _spec import JSON

# Repository-relative paths, resolved against --root (the checkout the script lives in by default).
PROVIDED = _spec.PROVIDED_SPEC.relative_to(_spec.ROOT)
PROVIDED_V3 = Path("openapi") / "provided" / "heygen-v3.json"
OURS_V3 = _spec.V3_SPEC.relative_to(_spec.ROOT)
OVERLAYS = _spec.OVERLAYS_DIR.relative_to(_spec.ROOT)
CODEGEN = _spec.CODEGEN_CONFIG.relative_to(_spec.ROOT)
CLIENT = Path("generated") / _spec.PACKAGE_NAME
FACADE = Path("heygen")
CHANGELOG = Path("CHANGELOG.md")
TIMEOUT = 600  # seconds, for each tool run


class Refused(Exception):
    """The update cannot go ahead; the repository is untouched."""


class Unusable(Exception):
    """The new document cannot be read as an OpenAPI 3.1 document."""


MISSING: Any = object()


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]


def _follow(document: JSON, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
        seen += 1
        if seen > 20:
            break
        node = resolve(document, node["$ref"][1:], follow_refs=False)
    return node


def resolve(document: JSON, pointer: str, *, follow_refs: bool = True) -> Any:
    """The node a JSON pointer names (through local $refs, as Optic reads them), or MISSING."""
    node: Any = document
    for token in tokens(pointer):
        if follow_refs:
            node = _follow(document, node)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return MISSING
    return _follow(document, node) if follow_refs else node
