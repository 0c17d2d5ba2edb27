"""Property-based: any body our specs allow (v2 corrected and v3) parses through the generated models
and round-trips, and (v2, for now) through `HeyGen` and `AsyncHeyGen` gives a result or the right
`HeyGenError`.
Bodies come from hypothesis-jsonschema.

One test per operation and distinct response schema: the error statuses share ApiErrorEnvelope,
so each generated body is sent with one of the statuses that document that schema, drawn too.

The facade's outcome is predicted by a small oracle per operation (`ORACLES`), written from the
documented rules rather than from the facade's code: a 200 whose `error` is set, or whose nested
`code` is not 100, is an `EnvelopeError`; a 200 without the data a result needs (`data: null`, no
`flow_id`, a negative count, a timestamp no datetime can hold) is an `APIResponseValidationError`;
an error status raises its class.
"""

from __future__ import annotations

import asyncio
import json
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import _spec
import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from heygen import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    EnvelopeError,
    HeyGenDeprecationWarning,
    HeyGenError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    TrainingState,
)
from tests._openapi import Operation, SchemaValidators, examples, operations, pointer
from tests.contract import _hypothesis_compat
from tests.contract._generated import parse_response
from tests.support.facade import KINDS, open_facade

_hypothesis_compat.install()

MAX_EXAMPLES = 50
# The v3 schemas are flat records, also covered by a fixture per operation and status and by
# Prism; fewer bodies each keeps the suite (which `make update-spec` also runs) quick.
V3_MAX_EXAMPLES = 20
FACADE_MAX_EXAMPLES = 25
# hypothesis-jsonschema filters inside its own object strategies (about 1 seed in 100 trips
# Hypothesis's filter_too_much check on the v3 group schemas); that is its generation cost, not a
# gap in ours. What matters is that every case still runs its full count, which the tests assert.
FILTERING_IS_HYPOTHESIS_JSONSCHEMAS = [HealthCheck.too_slow, HealthCheck.filter_too_much]
CORRECTED = _spec.corrected_spec()
CLIENT = _spec.client_spec()
VALIDATORS = SchemaValidators(CLIENT)  # the v2 pointers are the same in the merged document


def _cases(spec: dict[str, Any]) -> list[Any]:
    """(operation, schema pointer, statuses) for each distinct JSON response schema."""
    grouped: dict[tuple[str, str], tuple[Operation, str, list[int]]] = {}
    for operation in operations(spec):
        by_schema: dict[str, list[int]] = defaultdict(list)
        pointers: dict[str, str] = {}
        for key in operation.documented_statuses:
            documented = operation.json_schema_pointer(int(key)) if key.isdigit() else None
            if documented:
                schema = json.dumps(VALIDATORS.inline(documented[1]), sort_keys=True)
                by_schema[schema].append(int(key))
                pointers.setdefault(schema, documented[1])
        for schema, statuses in by_schema.items():
            # v3 operations share their schemas (one error envelope, a few records), and the
            # fixtures already run every operation's parser: one case per distinct v3 schema.
            owner = "v3" if operation.path.startswith("/v3/") else operation.operation_id
            if (owner, schema) not in grouped:
                grouped[owner, schema] = (operation, pointers[schema], statuses)
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


@pytest.mark.parametrize(("operation", "schema_pointer", "statuses"), _cases(CLIENT))
def test_generated_models_accept_every_body_the_spec_allows(
    operation: Operation, schema_pointer: str, statuses: list[int], record_property: Any
) -> None:
    bodies = from_schema(VALIDATORS.inline(schema_pointer))
    tried = 0
    wanted = V3_MAX_EXAMPLES if operation.path.startswith("/v3/") else MAX_EXAMPLES

    @settings(
        max_examples=wanted,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=FILTERING_IS_HYPOTHESIS_JSONSCHEMAS,
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
    assert tried >= wanted, f"hypothesis-jsonschema produced only {tried} of {wanted} bodies"
    record_property("hypothesis_examples", tried)


# --- through the facade ----------------------------------------------------------------------

Outcome = type[HeyGenError] | dict[str, Any]
"""What the facade should do with a body: raise this class, or return these attributes."""

TRAIN_SUCCESS = 100
STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
    500: InternalServerError,
}
KNOWN_STATES = {state.value: state for state in TrainingState if state is not TrainingState.UNKNOWN}


def _train_outcome(body: dict[str, Any]) -> Outcome:
    if body.get("error") is not None:
        return EnvelopeError
    data = body.get("data")
    if not isinstance(data, dict):
        return APIResponseValidationError
    if data["code"] != TRAIN_SUCCESS:
        return EnvelopeError
    job = data.get("data")
    if not isinstance(job, dict) or not job["flow_id"]:
        return APIResponseValidationError
    counts = {
        "photo_avatar_count": job.get("num_of_photar"),
        "instant_avatar_count": job.get("num_of_instant_avatar"),
        "studio_avatar_count": job.get("num_of_studio_avatar"),
    }
    if any(count is not None and count < 0 for count in counts.values()):
        return APIResponseValidationError
    return {"flow_id": job["flow_id"], **counts}


def _status_outcome(body: dict[str, Any]) -> Outcome:
    if body.get("error") is not None:
        return EnvelopeError
    data = body.get("data")
    if not isinstance(data, dict):
        return APIResponseValidationError
    times: dict[str, datetime | None] = {}
    for name in ("created_at", "updated_at"):
        seconds = data.get(name)
        try:
            times[name] = None if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return APIResponseValidationError
    status = data["status"]
    return {
        "state": KNOWN_STATES.get(status, TrainingState.UNKNOWN),
        "raw_status": status,
        "error_message": data.get("error_msg") or None,
        **times,
    }


# operationId -> what a 200 body should give; a new operation adds its oracle here.
ORACLES: dict[str, Callable[[dict[str, Any]], Outcome]] = {
    "train-photo-avatar-group": _train_outcome,
    "get-training-job-status": _status_outcome,
}

# operationId -> a narrowing of its 200 schema towards success. Random bodies almost never have
# `error: null` with nested `code: 100`, so half the 200 bodies are drawn from
# `allOf: [schema, narrowing]`: still valid under the spec (checked), but results, not errors.
SUCCESS_HINTS: dict[str, dict[str, Any]] = {
    "train-photo-avatar-group": {
        "required": ["data"],
        "properties": {
            "error": {"type": "null"},
            "data": {
                "type": "object",
                "required": ["code", "data"],
                "properties": {
                    "code": {"const": TRAIN_SUCCESS},
                    "data": {"type": "object", "properties": {"flow_id": {"minLength": 1}}},
                },
            },
        },
    },
    "get-training-job-status": {
        "required": ["data"],
        "properties": {"error": {"type": "null"}, "data": {"type": "object"}},
    },
}


def _expected(operation_id: str, status: int, body: Any) -> Outcome:
    if status != 200:
        return STATUS_ERRORS[status]
    return ORACLES[operation_id](body)


def _documented_examples(operation: Operation, statuses: list[int]) -> list[tuple[Any, int]]:
    """(body, status) of every example the spec documents for these statuses: always tried, so
    the documented success is checked on every run, whatever Hypothesis draws."""
    found = []
    for status in statuses:
        # Body examples only: those of the response's headers describe header values.
        prefix = pointer("paths", operation.path, operation.method, "responses", str(status), "content") + "/"
        found += [
            (example.value, status) for example in examples(CORRECTED) if example.pointer.startswith(prefix)
        ]
    return found


async def _through_facade(kind: str, operation_id: str, status: int, body: Any) -> Any:
    """The facade's result, or the HeyGenError it raised, for one answer.

    A body may carry the sunset's `warning` object; its warning is issued once per process and
    tested elsewhere, so here only the result counts.
    """
    response = httpx.Response(status, json=body)
    async with open_facade(kind, handler=lambda request: response, max_retries=0) as facade:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HeyGenDeprecationWarning)
            try:
                return await facade.call(operation_id, "grp_property")
            except HeyGenError as error:
                return error


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("operation", "schema_pointer", "statuses"), _cases(CORRECTED))
def test_facade_turns_every_body_the_spec_allows_into_a_result_or_its_error(
    operation: Operation, schema_pointer: str, statuses: list[int], kind: str, record_property: Any
) -> None:
    assert operation.operation_id in ORACLES, f"add an oracle for {operation.operation_id} to ORACLES"
    schema = VALIDATORS.inline(schema_pointer)
    bodies = from_schema(schema)
    if 200 in statuses:
        bodies |= from_schema({"allOf": [schema, SUCCESS_HINTS[operation.operation_id]]})
    tried = 0
    outcomes: set[str] = set()

    with asyncio.Runner() as runner:

        @settings(
            max_examples=FACADE_MAX_EXAMPLES,
            deadline=None,
            database=None,
            print_blob=True,
            suppress_health_check=FILTERING_IS_HYPOTHESIS_JSONSCHEMAS,
        )
        @given(body=bodies, status=st.sampled_from(statuses))
        def gives_the_documented_outcome(body: Any, status: int) -> None:
            nonlocal tried
            tried += 1
            assert VALIDATORS.errors(schema_pointer, body) == []
            expected = _expected(operation.operation_id, status, body)
            outcome = runner.run(_through_facade(kind, operation.operation_id, status, body))
            outcomes.add(type(outcome).__name__)
            if isinstance(expected, dict):
                assert not isinstance(outcome, HeyGenError), f"raised {outcome!r}, expected {expected}"
                assert outcome.group_id == "grp_property"
                assert {name: getattr(outcome, name) for name in expected} == expected
                return
            assert type(outcome) is expected, f"got {outcome!r}, expected {expected.__name__}"
            assert isinstance(outcome, APIStatusError | EnvelopeError | APIResponseValidationError)
            assert outcome.status_code == status
            error = body.get("error") if isinstance(body, dict) else None
            if status != 200 and isinstance(error, dict):
                code, message = error.get("code"), error.get("message")
                if isinstance(code, str) and code.strip():
                    assert outcome.code == code.strip()
                if isinstance(message, str) and message.strip():
                    assert message.strip() in str(outcome)

        run = gives_the_documented_outcome
        for body, status in _documented_examples(operation, statuses):
            run = example(body=body, status=status)(run)
        run()
    assert tried >= FACADE_MAX_EXAMPLES, f"hypothesis-jsonschema produced only {tried} bodies"
    record_property("facade_examples", tried)
    if 200 in statuses:
        assert len(outcomes) > 1 and any(not name.endswith("Error") for name in outcomes), (
            f"the 200 bodies never reached a result (only {sorted(outcomes)}): check SUCCESS_HINTS"
        )
