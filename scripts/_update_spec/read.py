"""Step 1: read the new document (JSON, or the JSON block of a Markdown page) and validate it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _spec import JSON
from openapi_spec_validator import OpenAPIV31SpecValidator

from _update_spec.common import MISSING, Unusable, escape, resolve


@dataclass(frozen=True)
class NewSpec:
    text: str  # exactly what becomes openapi/provided/ (HeyGen's bytes, not re-serialised)
    document: JSON
    from_markdown: bool


_FENCE = re.compile(r"^```json[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def read_new_spec(path: Path) -> NewSpec:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Unusable(f"cannot read {path}: {error}") from error
    try:
        document = json.loads(text)
        from_markdown = False
    except json.JSONDecodeError as json_error:
        blocks = []
        for block in _FENCE.findall(text):
            try:
                candidate = json.loads(block)
            except json.JSONDecodeError:
                continue
            if isinstance(candidate, dict) and "openapi" in candidate:
                blocks.append((block, candidate))
        if len(blocks) != 1:
            found = "no" if not blocks else str(len(blocks))
            raise Unusable(
                f"{path} is neither JSON ({json_error}) nor a Markdown page with exactly one ```json "
                f"block holding an OpenAPI document ({found} found)"
            ) from json_error
        text, document = blocks[0]
        from_markdown = True
    if not isinstance(document, dict):
        raise Unusable(f"{path}: the document is not a JSON object")
    return NewSpec(text if text.endswith("\n") else text + "\n", document, from_markdown)


def validation_errors(document: JSON) -> list[str]:
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        return [f"`openapi` is {version or 'missing'!r}: this pipeline takes OpenAPI 3.1 documents"]
    try:
        errors = [
            f"{error.message} (at {error.json_path})"
            for error in OpenAPIV31SpecValidator(document).iter_errors()
        ]
    except Exception as error:  # the validator gives up on some malformed documents
        errors = [f"openapi-spec-validator failed: {error!r}"]
    # openapi-spec-validator does not resolve $refs inside schemas; Optic and the generator need them.
    for pointer, ref in _local_refs(document, ""):
        if resolve(document, ref[1:]) is MISSING:
            errors.append(f"$ref {ref!r} at {pointer or '/'} resolves to nothing")
    return errors


def _local_refs(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            yield pointer, ref
        for key, value in node.items():
            yield from _local_refs(value, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _local_refs(value, f"{pointer}/{index}")
