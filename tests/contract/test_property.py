"""Property-based: any body the corrected spec allows parses through the generated models and
round-trips. Bodies come from hypothesis-jsonschema.

One test per operation and distinct response schema: the error statuses share ApiErrorEnvelope,
so each generated body is sent with one of the statuses that document that schema, drawn too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import _spec
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from tests._openapi import Operation, SchemaValidators, operations
from tests.contract import _hypothesis_compat
from tests.contract._generated import parse_response

_hypothesis_compat.install()

MAX_EXAMPLES = 50
CORRECTED = _spec.corrected_spec()
VALIDATORS = SchemaValidators(CORRECTED)


def _cases() -> list[Any]:
    """(operation, schema pointer, statuses) for each distinct JSON response schema."""
    grouped: dict[tuple[str, str], tuple[Operation, str, list[int]]] = {}
    for operation in operations(CORRECTED):
        by_schema: dict[str, list[int]] = defaultdict(list)
        pointers: dict[str, str] = {}
        for key in operation.documented_statuses:
            documented = operation.json_schema_pointer(int(key)) if key.isdigit() else None
            if documented:
                schema = json.dumps(VALIDATORS.inline(documented[1]), sort_keys=True)
                by_schema[schema].append(int(key))
                pointers.setdefault(schema, documented[1])
        for schema, statuses in by_schema.items():
            grouped[operation.operation_id, schema] = (operation, pointers[schema], statuses)
    return [
        pytest.param(
            operation, schema_pointer, statuses, id=f"{operation.operation_id}-{'-'.join(map(str, statuses))}"
        )
        for operation, schema_pointer, statuses in grouped.values()
    ]


def test_hypothesis_jsonschema_compat_shim_is_still_needed() -> None:
    assert _hypothesis_compat.needed(), (
        "hypothesis-jsonschema no longer calls the `more()` that Hypothesis dropped: "
        "delete tests/contract/_hypothesis_compat.py and its install() call."
    )


@pytest.mark.parametrize(("operation", "schema_pointer", "statuses"), _cases())
def test_generated_models_accept_every_body_the_spec_allows(
    operation: Operation, schema_pointer: str, statuses: list[int], record_property: Any
) -> None:
    bodies = from_schema(VALIDATORS.inline(schema_pointer))
    tried = 0

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(body=bodies, status=st.sampled_from(statuses))
    def parses_and_round_trips(body: Any, status: int) -> None:
        nonlocal tried
        tried += 1
        # hypothesis-jsonschema reads drafts 4-7; the spec is 2020-12. Make sure they agree.
        assert VALIDATORS.errors(schema_pointer, body) == []
        parsed = parse_response(operation, httpx.Response(status, json=body))
        assert parsed.to_dict() == body

    parses_and_round_trips()
    record_property("hypothesis_examples", tried)
