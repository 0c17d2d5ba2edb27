"""One place that knows where the specs live and how they become the one document we generate from.

Two inputs:
- v2: the provided document (HeyGen's, verbatim) is never edited; `openapi/overlays/*.yaml` are
  applied in file-name order with oas-patch, the maintained Overlay 1.0 implementation. Unlike
  oas-patch's CLI, an action whose target matches nothing is an error that names the overlay and
  the action: an overlay that silently stops applying is how a fix gets lost when HeyGen's spec
  changes. `corrected_spec()` is this document.
- v3: `openapi/v3/heygen-v3.yaml`, written by us from HeyGen's schemas (HeyGen's own v3 document
  is not available). `v3_spec()` is this document, its YAML-anchor scratch area removed.

`client_spec()` merges the two; it is what the client is generated from and what ships inside the
generated package as `openapi.json`. The merge refuses any clash (a path, an operationId, a
component name or a tag defined twice differently), so the two inputs can never shadow each other.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from jsonpath_ng.ext.parser import parse as parse_jsonpath
from oas_patch.overlay import apply_overlay

ROOT = Path(__file__).resolve().parent.parent
PROVIDED_SPEC = ROOT / "openapi" / "provided" / "train-photo-avatar-group.json"
OVERLAYS_DIR = ROOT / "openapi" / "overlays"
V3_SPEC = ROOT / "openapi" / "v3" / "heygen-v3.yaml"
V3_SCRATCH_KEY = "x-shared"
"""Top-level key of the v3 file that only holds YAML anchors; dropped from the loaded document."""
CODEGEN_CONFIG = ROOT / "openapi" / "codegen.yml"
GENERATED_DIR = ROOT / "generated"
PACKAGE_NAME = "heygen_api_client"
CORRECTED_SPEC_NAME = "openapi.json"
CORRECTED_SPEC = GENERATED_DIR / PACKAGE_NAME / CORRECTED_SPEC_NAME

JSON = dict[str, Any]


class OverlayError(Exception):
    """An overlay action could not be applied."""


class MergeError(Exception):
    """The v2 and v3 documents define the same thing differently."""


@dataclass(frozen=True)
class OverlayAction:
    overlay: Path
    index: int
    action: JSON

    @property
    def label(self) -> str:
        text = self.action.get("description") or self.action["target"]
        return f"{self.overlay.name} action #{self.index + 1} ({text})"


def load_json(path: Path) -> JSON:
    return cast(JSON, json.loads(path.read_text(encoding="utf-8")))


def dump_json(document: JSON) -> str:
    """Deterministic JSON: same input, same bytes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def overlay_files(overlays_dir: Path = OVERLAYS_DIR) -> list[Path]:
    return sorted(overlays_dir.glob("*.yaml"))


def load_actions(overlays_dir: Path = OVERLAYS_DIR) -> list[OverlayAction]:
    actions: list[OverlayAction] = []
    for path in overlay_files(overlays_dir):
        overlay = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(overlay, dict) or not str(overlay.get("overlay", "")).startswith("1."):
            raise OverlayError(f"{path.name}: not an OpenAPI Overlay 1.x document")
        for index, action in enumerate(overlay.get("actions", [])):
            actions.append(OverlayAction(path, index, action))
    return actions


def apply_actions(provided: JSON, actions: list[OverlayAction]) -> JSON:
    document = copy.deepcopy(provided)
    for item in actions:
        if not parse_jsonpath(item.action["target"]).find(document):
            raise OverlayError(
                f"{item.label}: target {item.action['target']} matches nothing in the spec. "
                "The provided document changed under this overlay: update or remove the action."
            )
        document = apply_overlay(document, {"actions": [copy.deepcopy(item.action)]})
    return document


def corrected_spec(provided_path: Path = PROVIDED_SPEC, overlays_dir: Path = OVERLAYS_DIR) -> JSON:
    """The provided spec with every overlay applied."""
    return apply_actions(load_json(provided_path), load_actions(overlays_dir))


def v3_spec(path: Path = V3_SPEC) -> JSON:
    """Our v3 document, as JSON data (anchors resolved, the anchor-only `x-shared` area dropped)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.1"):
        raise MergeError(f"{path}: not an OpenAPI 3.1 document")
    document.pop(V3_SCRATCH_KEY, None)
    # A round trip through JSON turns the anchors' shared objects into independent copies.
    return cast(JSON, json.loads(json.dumps(document)))


def client_spec(v2: JSON | None = None, v3: JSON | None = None) -> JSON:
    """The v2 corrected spec with the v3 operations, components and tags added: one document."""
    merged = copy.deepcopy(corrected_spec() if v2 is None else v2)
    extra = v3_spec() if v3 is None else v3
    for path, item in extra.get("paths", {}).items():
        if path in merged.setdefault("paths", {}):
            raise MergeError(f"path {path} is in both the v2 and the v3 document")
        merged["paths"][path] = copy.deepcopy(item)
    ids = [
        op.get("operationId")
        for item in merged["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
    ]
    duplicates = sorted({i for i in ids if i is not None and ids.count(i) > 1})
    if duplicates:
        raise MergeError(f"operationIds used twice across v2 and v3: {duplicates}")
    for section, entries in extra.get("components", {}).items():
        target = merged.setdefault("components", {}).setdefault(section, {})
        for name, value in entries.items():
            if name in target and target[name] != value:
                raise MergeError(
                    f"components.{section}.{name} is defined differently in v2 and v3: rename the v3 one"
                )
            target[name] = copy.deepcopy(value)
    tags = {tag["name"]: tag for tag in merged.get("tags", [])}
    for tag in extra.get("tags", []):
        if tag["name"] in tags and tags[tag["name"]] != tag:
            raise MergeError(f"tag {tag['name']} is declared differently in v2 and v3")
        tags[tag["name"]] = tag
    merged["tags"] = [tags[name] for name in sorted(tags)]
    return merged
