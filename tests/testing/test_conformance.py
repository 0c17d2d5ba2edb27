"""Every response the fake sends conforms to the corrected spec, checked two independent ways.

One test drives every scenario the fake knows (each outcome of each operation, every documented
error status, every kind of bad request, requests outside the spec) through each front end, in
strict mode. The fake's own self-check must stay silent, and openapi-core, a validator that
shares no code with the fake, must agree about every response.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import pytest
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.testing import MockRequest, MockResponse

from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen, FakeResponse, SpecViolationError
from heygen.testing import _app as app_module
from tests.testing.conftest import BASE_URL, KEY, STATUS, TRAIN, Send

OPERATIONS: dict[str, tuple[Literal["train", "training_status"], str, str]] = {
    "train-photo-avatar-group": ("train", "POST", TRAIN),
    "get-training-job-status": ("training_status", "GET", STATUS),
}


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    response: FakeResponse


@pytest.fixture
def exchanges(fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch) -> list[Exchange]:
    """Every exchange at the core, whichever front end carried it."""
    recorded: list[Exchange] = []
    answer = fake.handle

    def recording(method: str, path: str, headers: Mapping[str, str], body: bytes = b"") -> FakeResponse:
        response = answer(method, path, headers, body)
        recorded.append(Exchange(method, path, dict(headers), body, response))
        return response

    monkeypatch.setattr(fake, "handle", recording)
    return recorded


async def drive_every_scenario(fake: FakeHeyGen, clock: FakeClock, send: Send, spec: dict[str, Any]) -> None:
    train = {"group_id": DEMO_GROUP_ID}
    # The life of a training: empty, pending, a refused second train, training, ready.
    await send("GET", STATUS + DEMO_GROUP_ID)
    await send("POST", TRAIN, json=train)
    await send("GET", STATUS + DEMO_GROUP_ID)
    await send("POST", TRAIN, json=train)
    clock.advance(2)
    await send("GET", STATUS + DEMO_GROUP_ID)
    clock.advance(3)
    await send("GET", STATUS + DEMO_GROUP_ID)
    # Failures: at the end (fail_with) and on request (fail_training).
    fake.add_group("doomed", fail_with="No face detected in the photos")
    fake.add_group("stopped")
    for group_id in ("doomed", "stopped"):
        await send("POST", TRAIN, json={"group_id": group_id})
    fake.fail_training("stopped", error_msg="Cancelled")
    clock.advance(5)
    for group_id in ("doomed", "stopped"):
        await send("GET", STATUS + group_id)
    # Keys, unknown groups, and requests the spec rejects.
    for key in (None, "", "wrong-key"):
        await send("POST", TRAIN, key=key, json=train)
        await send("GET", STATUS + DEMO_GROUP_ID, key=key)
    await send("POST", TRAIN, json={"group_id": "nope"})
    await send("GET", STATUS + "nope")
    for content in (b"", b"{}", b'{"group_id": ""}', b'{"group_id": 1}', b"[]", b"{", b"\xff"):
        await send("POST", TRAIN, content=content, headers={"content-type": "application/json"})
    await send("POST", TRAIN, content=b"group_id=x", headers={"content-type": "text/plain"})
    await send("GET", STATUS)
    await send("GET", STATUS + "%FF")
    # Outside the spec: unknown paths, wrong methods.
    await send("GET", "/v2/unknown")
    await send("PUT", TRAIN, json=train)
    await send("POST", STATUS + DEMO_GROUP_ID)
    # Every error status the spec documents for each operation, injected.
    for operation_id, (name, method, path) in OPERATIONS.items():
        for status in _documented(spec, operation_id):
            if status >= 400:
                fake.queue_error(
                    status, operation=name, headers={"Retry-After": "2"} if status == 429 else None
                )
                await send(
                    method,
                    path + (DEMO_GROUP_ID if method == "GET" else ""),
                    json=train if method == "POST" else None,
                )


async def test_every_response_of_every_scenario_conforms_to_the_spec(
    fake: FakeHeyGen, clock: FakeClock, send: Send, exchanges: list[Exchange], corrected_spec: dict[str, Any]
) -> None:
    await drive_every_scenario(fake, clock, send, corrected_spec)

    assert fake.strict and fake.spec_violations == []
    assert len(exchanges) == len(fake.requests) > 40
    assert _independent_problems(corrected_spec, exchanges) == []


def test_the_independent_check_does_catch_a_bad_response(corrected_spec: dict[str, Any]) -> None:
    bad = [
        Exchange(
            "GET",
            STATUS + "g",
            {},
            b"",
            FakeResponse(200, {"Content-Type": "application/json"}, b'{"data": 1}'),
        ),
        Exchange(
            "GET",
            "/nowhere",
            {},
            b"",
            FakeResponse(404, {"Content-Type": "application/json"}, b'{"data": 1}'),
        ),
    ]
    first, *rest = _independent_problems(corrected_spec, bad)
    assert first.startswith("GET /v2/photo_avatar/train/status/g -> 200: InvalidData()")
    assert set(rest) == {
        "GET /nowhere -> 404: 1 is not of type 'null'",
        "GET /nowhere -> 404: 'error' is a required property",
    }


async def test_the_scenarios_reach_every_documented_response_and_status_value(
    fake: FakeHeyGen, clock: FakeClock, send: Send, corrected_spec: dict[str, Any], exchanges: list[Exchange]
) -> None:
    await drive_every_scenario(fake, clock, send, corrected_spec)

    reached = {(request.operation_id, request.status) for request in fake.requests}
    documented = {(op, status) for op in OPERATIONS for status in _documented(corrected_spec, op)}
    assert documented <= reached
    statuses = {
        json.loads(exchange.response.body)["data"]["status"]
        for exchange in exchanges
        if exchange.path.startswith(STATUS) and exchange.response.status == 200
    }
    assert statuses == {"empty", "pending", "training", "ready", "failed"}


def test_the_fake_implements_exactly_the_operations_of_the_spec(corrected_spec: dict[str, Any]) -> None:
    in_spec = {
        operation["operationId"] for item in corrected_spec["paths"].values() for operation in item.values()
    }
    assert in_spec == set(OPERATIONS)


# --- The self-check catches a fake that breaks the spec ---------------------------------------


@pytest.fixture
def broken_status_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the fake answer a status whose ``status`` is a number, which the spec forbids."""
    monkeypatch.setattr(
        app_module, "ok", lambda data: app_module._json(200, {"error": None, "data": {"status": 5}})
    )


@pytest.mark.usefixtures("broken_status_body")
def test_in_strict_mode_a_response_that_breaks_the_spec_raises_and_is_recorded(fake: FakeHeyGen) -> None:
    with pytest.raises(
        SpecViolationError,
        match=r"status/\{group_id\} -> 200: body at \$.data.status: 5 is not of type 'string'",
    ):
        fake.handle("GET", STATUS + DEMO_GROUP_ID, {"x-api-key": KEY})

    assert len(fake.spec_violations) == 1


@pytest.mark.usefixtures("broken_status_body")
def test_in_strict_mode_the_transport_raises_to_the_caller(fake: FakeHeyGen) -> None:
    with (
        httpx.Client(transport=fake.transport(), base_url=BASE_URL) as client,
        pytest.raises(SpecViolationError),
    ):
        client.get(STATUS + DEMO_GROUP_ID, headers={"x-api-key": KEY})


@pytest.mark.usefixtures("broken_status_body")
def test_in_strict_mode_the_server_answers_500_and_logs(
    fake: FakeHeyGen, caplog: pytest.LogCaptureFixture
) -> None:
    with fake.serve() as url:
        response = httpx.get(url + STATUS + DEMO_GROUP_ID, headers={"x-api-key": KEY})

    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "The fake failed; see its log"},
        "data": None,
    }
    assert "SpecViolationError" in caplog.text


@pytest.mark.usefixtures("broken_status_body")
def test_outside_strict_mode_the_response_is_sent_and_the_violation_recorded_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeHeyGen()
    with caplog.at_level(logging.ERROR, logger="heygen.testing"):
        reply = fake.handle("GET", STATUS + DEMO_GROUP_ID, {"x-api-key": KEY})

    assert reply.status == 200
    (violation,) = fake.spec_violations
    assert violation == f"GET {STATUS}{{group_id}} -> 200: body at $.data.status: 5 is not of type 'string'"
    assert "breaks the spec" in caplog.text


def test_an_undocumented_status_is_a_violation(fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        app_module, "group_not_found", lambda group_id: app_module.error(409, "conflict", "x")
    )
    with pytest.raises(SpecViolationError, match="status 409 is not documented for get-training-job-status"):
        fake.handle("GET", STATUS + "nope", {"x-api-key": KEY})


def test_an_error_body_outside_the_spec_is_checked_against_the_error_envelope(
    fake: FakeHeyGen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        app_module, "error", lambda status, code, message, param=None: app_module._json(status, {"data": 1})
    )
    with pytest.raises(
        SpecViolationError, match="ApiErrorEnvelope: body at \\$: 'error' is a required property"
    ):
        fake.handle("GET", "/v2/unknown", {})


# --- helpers ----------------------------------------------------------------------------------


def _documented(spec: dict[str, Any], operation_id: str) -> list[int]:
    for item in spec["paths"].values():
        for operation in item.values():
            if operation["operationId"] == operation_id:
                return sorted(int(status) for status in operation["responses"])
    raise LookupError(operation_id)


def _independent_problems(spec: dict[str, Any], exchanges: list[Exchange]) -> list[str]:
    """openapi-core's verdict on each response; outside the spec, HeyGen's error envelope's."""
    openapi = OpenAPI.from_dict(spec)
    envelope = Draft202012Validator(
        {**spec["components"]["schemas"]["ApiErrorEnvelope"], "components": spec["components"]}
    )
    problems: list[str] = []
    for exchange in exchanges:
        status, headers, body = exchange.response
        label = f"{exchange.method} {exchange.path} -> {status}"
        request = MockRequest(
            BASE_URL,
            exchange.method,
            exchange.path.split("?")[0],
            headers=exchange.headers,
            data=exchange.body,
        )
        response = MockResponse(
            body, status_code=status, headers=headers, content_type=headers["Content-Type"]
        )
        for error in openapi.iter_response_errors(request, response):
            if isinstance(error, PathError):  # no such path or method in the spec
                problems += [f"{label}: {e.message}" for e in envelope.iter_errors(json.loads(body))]
            else:
                problems.append(f"{label}: {error!r} caused by {error.__cause__!r}")
    return problems
