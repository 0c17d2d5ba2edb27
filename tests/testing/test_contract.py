"""The contract reads any spec the way it reads ours: the parts of OpenAPI ours does not use yet.

If the overlays one day add a response header, a status range or an operation without
credentials, the fake already enforces it; what it cannot enforce, it refuses to load.
"""

from __future__ import annotations

from typing import Any

import pytest

from heygen.testing._app import App
from heygen.testing._clock import FakeClock
from heygen.testing._contract import Contract, Operation, Problem
from heygen.testing._state import Accounts

JSON_BODY = {"application/json": {"schema": {"type": "object", "required": ["n"]}}}


def _document(**overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
            "schemas": {"ApiErrorEnvelope": {"type": "object", "required": ["error"]}},
        },
        "security": [{"key": []}],
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "get-thing",
                    "security": [],
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {
                                "X-Count": {
                                    "required": True,
                                    "schema": {"type": "string", "pattern": "^[0-9]+$"},
                                }
                            },
                            "content": JSON_BODY,
                        },
                        "4XX": {"description": "client error", "content": JSON_BODY},
                        "default": {"description": "anything else"},
                    },
                },
            },
            "/things": {
                "post": {
                    "operationId": "make-thing",
                    "requestBody": {"content": JSON_BODY},
                    "responses": {"201": {"description": "made"}},
                }
            },
        },
    }
    document.update(overrides)
    return document


@pytest.fixture
def get_thing() -> Operation:
    routed = Contract(_document()).route("GET", "/things/a%20b")
    assert isinstance(routed, tuple)
    operation, params = routed
    assert params == {"id": "a%20b"}  # still encoded: the handler decodes
    return operation


def test_an_operation_without_security_needs_no_key(get_thing: Operation) -> None:
    assert get_thing.api_key_header is None
    routed = Contract(_document()).route("POST", "/things")
    assert isinstance(routed, tuple) and routed[0].api_key_header == "x-key"


@pytest.mark.parametrize(
    ("status", "headers", "body", "problem"),
    [
        (200, {"x-count": "3"}, b'{"n": 1}', None),
        (200, {}, b'{"n": 1}', "required header x-count is missing"),
        (200, {"X-Count": "three"}, b'{"n": 1}', "header x-count: 'three' does not match '^[0-9]+$'"),
        (200, {"x-count": "3"}, b"<html>", "body is not JSON"),
        (418, {}, b'{"n": 1}', None),  # 4XX
        (418, {}, b"{}", "body at $: 'n' is a required property"),
        (503, {}, b"", None),  # default, no content
        (503, {}, b"oops", "a body was sent where none is documented"),
    ],
)
def test_responses_are_checked_against_exact_statuses_ranges_and_default(
    get_thing: Operation, status: int, headers: dict[str, str], body: bytes, problem: str | None
) -> None:
    problems = get_thing.response_problems(status, headers, body)
    if problem is None:
        assert problems == []
    else:
        (only,) = problems
        assert only.startswith(f"GET /things/{{id}} -> {status}: {problem}")


def test_an_optional_body_may_be_absent() -> None:
    routed = Contract(_document()).route("POST", "/things")
    assert isinstance(routed, tuple)
    assert routed[0].body_problem(b"", None) == (None, None)
    assert routed[0].body_problem(b'{"m": 1}', None) == ({"m": 1}, Problem("n is required", "n"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["paths"]["/things/{id}"].update({"parameters": [{"name": "id", "in": "path"}]}),
            "declare path parameters on the operation",
        ),
        (
            lambda d: d["paths"]["/things"]["post"]["responses"].update({"400": {"$ref": "#/components/x"}}),
            "referenced responses are not supported",
        ),
        (
            lambda d: d["components"]["securitySchemes"]["key"].update({"in": "cookie"}),
            "only header API keys are supported",
        ),
    ],
)
def test_what_the_fake_cannot_enforce_it_refuses_to_load(change: Any, message: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(ValueError, match=message):
        Contract(document)


def test_the_fake_refuses_a_spec_with_operations_it_does_not_implement() -> None:
    accounts = Accounts(
        FakeClock(), api_keys=None, groups={}, auto_create_groups=False, pending_seconds=0, training_seconds=0
    )
    with pytest.raises(NotImplementedError, match=r"\['get-thing', 'make-thing'\]"):
        App(Contract(_document()), accounts)
