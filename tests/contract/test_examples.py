"""Every example in our specs (the v2 corrected one and the v3 one, merged) matches its schema
(JSON Schema 2020-12, `$ref`s resolved); HeyGen's v2 document has exactly its known invalid example.

test_overlays.py proves each overlay fix; this checks every example, including ones added later.
"""

from __future__ import annotations

from typing import Any

import _spec
import pytest

from tests._openapi import Example, SchemaValidators, examples, operations, pointer, resolve

SPEC = _spec.client_spec()
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
    for operation in operations(SPEC):
        text = text.replace(operation.pointer, operation.operation_id)
    return (
        text.replace("/responses/", " ")
        .replace("/content/", " ")
        .replace("/examples/", " ")
        .replace("~1", "/")
    )


@pytest.fixture(scope="module")
def validators(client_spec: dict[str, Any]) -> SchemaValidators:
    return SchemaValidators(client_spec)


def test_the_specs_have_examples() -> None:
    assert len(examples(SPEC)) >= 10
    v3_operations = [op for op in operations(SPEC) if op.path.startswith("/v3/")]
    assert len(v3_operations) == 18


@pytest.mark.parametrize("example", examples(SPEC), ids=label)
def test_example_matches_its_schema(example: Example, validators: SchemaValidators) -> None:
    assert validators.errors(example.schema_pointer, example.value) == []


def test_every_operation_has_a_success_example(client_spec: dict[str, Any]) -> None:
    """Prism serves examples verbatim; without one it invents `"string"` values."""
    found = {example.pointer for example in examples(client_spec)}
    lacking = [
        str(operation)
        for operation in operations(client_spec)
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


def test_the_validators_do_reject_a_wrong_v3_body(validators: SchemaValidators) -> None:
    """The same guard for the v3 schemas: a nullable enum still refuses an unknown value."""
    schema = "/components/schemas/AvatarGroupResponse"
    body = {"data": {"id": "ag_1", "name": "x", "created_at": 1, "looks_count": 1, "status": "ready"}}
    assert validators.errors(schema, body) == [
        "$.data.status: 'ready' is not valid under any of the given schemas"
    ]
    assert validators.errors(schema, {**body, "data": {**body["data"], "status": None}}) == []
