"""Every recorded response, replayed through `HeyGen` and `AsyncHeyGen`, gives what its `expect`
says: the documented result, or the `HeyGenError` subclass with HeyGen's code and message.

Driven by tests/fixtures/ (format and `expect` in its README): a new fixture is checked by adding
it; a new operation needs its line in tests/support/facade.py OPERATIONS.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from heygen import APIStatusError, HeyGenError, RateLimitError
from tests._fixtures import fixture_id, fixture_paths, load_fixture
from tests._openapi import operations
from tests.support.facade import KINDS, OPERATIONS, V3_OPERATIONS, open_facade

GROUP_ID = "grp_contract_1"
# The v3 operations are in the spec and have fixtures before the facade calls them. This names
# them, so the gap is visible and shrinks: a v3 facade call added to OPERATIONS must leave this set.
V3_AWAITING_FACADE = frozenset(
    {
        "create-webhook-endpoint", "list-webhook-endpoints",
        "update-webhook-endpoint", "delete-webhook-endpoint", "rotate-webhook-secret",
        "list-webhook-event-types", "list-webhook-events",
    }
)  # fmt: skip


def _matches(actual: object, expected: Any) -> bool:
    """`expect.result` writes an enum by its value and a datetime as the Unix seconds HeyGen sent;
    the facade returns the enum and an aware UTC datetime."""
    if isinstance(actual, datetime):
        return actual.tzinfo is UTC and actual == datetime.fromtimestamp(expected, tz=UTC)
    if isinstance(actual, enum.Enum):
        return bool(actual.value == expected)
    return actual == expected and type(actual) is type(expected)


def test_every_operation_in_the_spec_has_a_facade_call(client_spec: dict[str, Any]) -> None:
    in_spec = {op.operation_id for op in operations(client_spec)}
    called = set(OPERATIONS) | set(V3_OPERATIONS)
    missing = sorted(in_spec - called - V3_AWAITING_FACADE)
    assert not missing, f"add a line per operation to OPERATIONS in tests/support/facade.py: {missing}"
    stale = sorted(called - in_spec)
    assert not stale, f"OPERATIONS names operations the spec does not have: {stale}"
    done = sorted(V3_AWAITING_FACADE & called)
    assert not done, f"these have a facade call now: remove them from V3_AWAITING_FACADE: {done}"
    assert not V3_AWAITING_FACADE - in_spec, sorted(V3_AWAITING_FACADE - in_spec)


def _check_v3_items(operation: str, body: Any, view: dict[str, Any]) -> None:
    """A page holds every item of the body, in order, read whole (ids and statuses)."""
    if "items" not in view:
        return
    sent = body["data"]
    assert [item.id for item in view["items"]] == [item["id"] for item in sent], operation
    assert [item.raw_status for item in view["items"]] == [item.get("status") for item in sent], operation


def _replayable() -> list[Path]:
    return [path for path in fixture_paths() if load_fixture(path).operation not in V3_AWAITING_FACADE]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", _replayable(), ids=fixture_id)
async def test_facade_yields_what_the_fixture_expects(path: Path, kind: str) -> None:
    fixture = load_fixture(path)
    async with open_facade(kind, handler=fixture.httpx_response, max_retries=0) as facade:
        if fixture.expected_result is not None:
            result = await facade.call(fixture.operation, GROUP_ID)
            if fixture.operation in V3_OPERATIONS:
                view = V3_OPERATIONS[fixture.operation][1](result)
                _check_v3_items(fixture.operation, fixture.body, view)
            else:
                assert result.group_id == GROUP_ID
                view = {name: getattr(result, name) for name in fixture.expected_result}
            for name, value in fixture.expected_result.items():
                actual = view[name]
                assert _matches(actual, value), f"{path}: {name} is {actual!r}, expected {value!r}"
            return
        with pytest.raises(HeyGenError) as caught:
            await facade.call(fixture.operation, GROUP_ID)
    error: Any = caught.value
    assert type(error).__name__ == fixture.expected_error, f"{path}: raised {type(error).__name__}: {error}"
    assert error.status_code == fixture.status
    assert error.code == fixture.expect["code"]
    message = fixture.expect["message"]
    if message is not None:
        assert message in str(error)
    else:
        assert str(error), "the facade's own message must say something"
    assert error.request_id == fixture.expect.get("request_id")
    if isinstance(error, RateLimitError) or "retry_after" in fixture.expect:
        assert error.retry_after == fixture.expect.get("retry_after")
    assert isinstance(error, APIStatusError) == (fixture.status >= 300)
