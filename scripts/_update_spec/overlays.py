"""Step 3: the v2 overlays against the new document: still applying, and still needed."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _spec import JSON, OverlayAction, OverlayError, apply_actions, load_actions

from _update_spec.common import OVERLAYS, escape, tokens
from _update_spec.diff import locate


@dataclass
class OverlayReport:
    errors: list[str] = field(default_factory=list)
    redundant: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    count: int = 0


def _walk_actions(
    provided: JSON, actions: list[OverlayAction]
) -> tuple[JSON, list[str], list[OverlayAction]]:
    """Apply the actions one by one: the corrected document, the failures, the no-op actions."""
    document = copy.deepcopy(provided)
    errors: list[str] = []
    no_ops: list[OverlayAction] = []
    for item in actions:
        try:
            result = apply_actions(document, [item])  # raises OverlayError naming overlay and action
        except OverlayError as error:
            errors.append(str(error))
            continue
        if canonical(result) == canonical(document):
            no_ops.append(item)
        document = result
    return document, errors, no_ops


def canonical(node: Any) -> Any:
    """A document up to repeated list items: an overlay `update` appends to lists, so one that
    re-adds `required: [flow_id]` or `tags: [x]` already there changes nothing that matters."""
    if isinstance(node, dict):
        return {key: canonical(value) for key, value in node.items()}
    if isinstance(node, list):
        unique: list[Any] = []
        for item in map(canonical, node):
            if item not in unique:
                unique.append(item)
        return unique
    return node


def check_overlays(root: Path, old: JSON, new: JSON) -> OverlayReport:
    try:
        actions = load_actions(root / OVERLAYS)
    except OverlayError as error:
        return OverlayReport(errors=[str(error)])
    corrected_old, _, old_no_ops = _walk_actions(old, actions)
    corrected_new, errors, new_no_ops = _walk_actions(new, actions)
    already = {(item.overlay.name, item.index) for item in old_no_ops}
    redundant = [
        f"{item.label}: applying it to the new document changes nothing (HeyGen fixed the defect). "
        "Remove the action and its defect test in tests/contract/test_overlays.py."
        for item in new_no_ops
        if (item.overlay.name, item.index) not in already
    ]
    warnings = []
    for pointer, name in sorted(
        set(_dangling_required(corrected_new)) - set(_dangling_required(corrected_old))
    ):
        at = locate(tokens(pointer), corrected_new)
        warnings.append(
            f"{at.where}: {at.subject} requires `{name}`, which the corrected document no longer defines "
            "(an overlay's `required` outlived the property?)"
        )
    return OverlayReport(errors, redundant, warnings, len(actions))


def _dangling_required(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        properties, required = node.get("properties"), node.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            for name in required:
                if isinstance(name, str) and name not in properties:
                    yield pointer or "/", name
        for key, value in node.items():
            yield from _dangling_required(value, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _dangling_required(value, f"{pointer}/{index}")
