"""Every example in the corrected spec matches its schema (JSON Schema 2020-12, `$ref`s resolved);
HeyGen's document has exactly its known invalid example.

test_overlays.py proves each overlay fix; this checks every example, including ones added later.
"""

from __future__ import annotations

from typing import Any

import _spec
import pytest

from tests._openapi import Example, SchemaValidators, examples, operations, pointer, resolve

CORRECTED = _spec.corrected_spec()
RESULT_EXAMPLE = pointer(
    "paths",
    "/v2/photo_avatar/train",
    "post",
    "responses",
    "200",
    "content",
    "application/json",
    "examples",
    "Result",
)
# (example, violation) pairs in HeyGen's document. Only `error` is reported: the schema puts
# msg/message at the top level, so the example's nested null msg/message are unconstrained.
KNOWN_PROVIDED_VIOLATIONS = {(RESULT_EXAMPLE, "$.error: None is not of type 'string'")}


def label(example: Example) -> str:
    """`train-photo-avatar-group 200 application/json Result` rather than a JSON pointer."""
    text = example.pointer
    for operation in operations(CORRECTED):
        text = text.replace(operation.pointer, operation.operation_id)
    return (
        text.replace("/responses/", " ")
        .replace("/content/", " ")
        .replace("/examples/", " ")
        .replace("~1", "/")
    )


@pytest.fixture(scope="module")
def validators(corrected_spec: dict[str, Any]) -> SchemaValidators:
    return SchemaValidators(corrected_spec)


def test_the_corrected_spec_has_examples() -> None:
    assert len(examples(CORRECTED)) >= 10


@pytest.mark.parametrize("example", examples(CORRECTED), ids=label)
def test_example_matches_its_schema(example: Example, validators: SchemaValidators) -> None:
    assert validators.errors(example.schema_pointer, example.value) == []


def test_every_operation_has_a_success_example(corrected_spec: dict[str, Any]) -> None:
    """Prism serves examples verbatim; without one it invents `"string"` values."""
    found = {example.pointer for example in examples(corrected_spec)}
    lacking = [
        str(operation)
        for operation in operations(corrected_spec)
        if not any(
            p.startswith(pointer("paths", operation.path, operation.method, "responses", "200"))
            for p in found
        )
    ]
    assert not lacking, f"operations without a 200 example: {lacking}"


def test_provided_spec_has_exactly_the_known_invalid_examples(provided_spec: dict[str, Any]) -> None:
    provided = SchemaValidators(provided_spec)
    violations = {
        (example.pointer, violation)
        for example in examples(provided_spec)
        for violation in provided.errors(example.schema_pointer, example.value)
    }
    assert violations == KNOWN_PROVIDED_VIOLATIONS, (
        "HeyGen's examples changed: update KNOWN_PROVIDED_VIOLATIONS and check openapi/overlays/"
    )
    assert resolve(provided_spec, RESULT_EXAMPLE)["value"]["data"]["msg"] is None


def test_the_validators_do_reject_a_wrong_body(validators: SchemaValidators) -> None:
    """Guards the checks above against a validator that accepts everything (a broken $ref)."""
    schema = RESULT_EXAMPLE.replace("/examples/Result", "/schema")
    assert validators.errors(schema, {"error": 5, "data": {"code": "100"}}) == [
        "$.data.code: '100' is not of type 'integer'",
        "$.error: 5 is not valid under any of the given schemas",
    ]
