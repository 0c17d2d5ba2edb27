"""One place that knows where the specs live and how overlays turn the provided one into ours.

The provided document (HeyGen's, verbatim) is never edited; `openapi/overlays/*.yaml` are applied in
file-name order with oas-patch, the maintained Overlay 1.0 implementation. Unlike oas-patch's CLI,
an action whose target matches nothing is an error that names the overlay and the action: an
overlay that silently stops applying is how a fix gets lost when HeyGen's spec changes.
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
CODEGEN_CONFIG = ROOT / "openapi" / "codegen.yml"
GENERATED_DIR = ROOT / "generated"
PACKAGE_NAME = "heygen_api_client"
CORRECTED_SPEC_NAME = "openapi.json"
CORRECTED_SPEC = GENERATED_DIR / PACKAGE_NAME / CORRECTED_SPEC_NAME

JSON = dict[str, Any]


class OverlayError(Exception):
    """An overlay action could not be applied."""


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
