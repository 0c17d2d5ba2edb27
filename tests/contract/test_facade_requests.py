"""Every request `HeyGen` and `AsyncHeyGen` send is one the corrected spec accepts: its server,
path, method, security scheme, parameters and body, checked by openapi-core's
`V31RequestValidator` on requests captured at the transport (`httpx.MockTransport`).

Group ids that need percent-encoding (`a/b`, `g?x`, `grüße`, an already-encoded `%2F`) must
reach the server as one path segment that decodes back to the exact id.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote

import _spec
import httpx
import pytest
from jsonschema_path import SchemaPath
from openapi_core import V31RequestUnmarshaller, V31RequestValidator
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathNotFound
from openapi_core.validation.request.exceptions import (
    InvalidRequestBody,
    MissingRequiredRequestBody,
    SecurityValidationError,
)
from werkzeug.datastructures import Headers, ImmutableMultiDict

from heygen import HeyGenError
from tests._openapi import Operation, operations
from tests.support.facade import API_KEY, KINDS, open_facade

GROUP_IDS = ["grp_contract_1", "a/b", "g?x", "grüße", "%2F", "a b", "x#y", "50%"]


class HttpxOpenAPIRequest:
    """An `httpx.Request` as openapi-core's `Request` protocol reads it (openapi-core ships
    adapters for requests, werkzeug, aiohttp..., not httpx). The path is the raw, still
    percent-encoded one that goes on the wire."""

    def __init__(self, request: httpx.Request) -> None:
        self.request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(request.url.query.decode("ascii"), keep_blank_values=True)),
            header=Headers(list(request.headers.multi_items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return f"{self.request.url.scheme}://{self.request.url.netloc.decode('ascii')}"

    @property
    def path(self) -> str:
        return self.request.url.raw_path.decode("ascii").partition("?")[0]

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self.request.content or None

    @property
    def content_type(self) -> str:
        return str(self.request.headers.get("content-type", "")).lower()


@pytest.fixture(scope="module")
def spec_path(corrected_spec: dict[str, Any]) -> SchemaPath:
    return SchemaPath.from_dict(corrected_spec)


@pytest.fixture(scope="module")
def validator(spec_path: SchemaPath) -> V31RequestValidator:
    # Extra body properties are errors here: the facade must send only what the spec names.
    return V31RequestValidator(spec_path, forbid_unspecified_additional_properties=True)


@pytest.fixture(scope="module")
def unmarshaller(spec_path: SchemaPath) -> V31RequestUnmarshaller:
    return V31RequestUnmarshaller(spec_path)


async def _send(kind: str, operation_id: str, group_id: str) -> httpx.Request:
    """The one request a facade call puts on the wire. The answer does not matter here (a 503,
    raised at once with retries off), so this does not depend on any fixture."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(503)

    # The base URL is the user's setting, not the facade's contract: aim at the spec's own server,
    # so a new `servers` URL (reported by `make update-spec`) does not read as a broken request.
    server_url = _spec.corrected_spec()["servers"][0]["url"]
    async with open_facade(kind, handler=answer, max_retries=0, base_url=server_url) as facade:
        with contextlib.suppress(HeyGenError):
            await facade.call(operation_id, group_id)
    assert len(sent) == 1, f"expected one request, got {len(sent)}"
    return sent[0]


def _template(operation: Operation) -> re.Pattern[str]:
    """The operation's path template as a pattern: each `{name}` is one non-empty segment."""
    parts = re.split(r"(\{[^}]+\})", operation.path)
    return re.compile(
        "".join(f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts)
        + "$"
    )


def _operation_cases() -> Iterator[Any]:
    for operation in operations(_spec.corrected_spec()):
        for group_id in GROUP_IDS:
            yield pytest.param(operation, group_id, id=f"{operation.operation_id}-{group_id}")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("operation", "group_id"), list(_operation_cases()))
async def test_facade_request_is_valid_under_the_corrected_spec(
    operation: Operation,
    group_id: str,
    kind: str,
    validator: V31RequestValidator,
    unmarshaller: V31RequestUnmarshaller,
) -> None:
    request = await _send(kind, operation.operation_id, group_id)
    wrapped = HttpxOpenAPIRequest(request)

    errors = [f"{type(error).__name__}: {error}" for error in validator.iter_errors(wrapped)]
    assert errors == [], f"{request.method} {request.url.raw_path!r} breaks the spec"

    # The operation the facade meant, not just any operation of the spec.
    assert request.method.lower() == operation.method
    match = _template(operation).match(wrapped.path)
    assert match, f"{wrapped.path} is not {operation.path}"
    # Security scheme (apiKey in header x-api-key), with the configured key.
    assert request.headers["x-api-key"] == API_KEY
    documented_query = {p["name"] for p in operation.node.get("parameters", []) if p["in"] == "query"}
    assert set(wrapped.parameters.query) <= documented_query

    result = unmarshaller.unmarshal(wrapped)
    assert result.errors == []
    path_parameters = {p["name"] for p in operation.node.get("parameters", []) if p["in"] == "path"}
    if "group_id" in path_parameters:
        # openapi-core hands the segment back still encoded; it must decode to the exact id.
        encoded = result.parameters.path["group_id"]
        assert "/" not in encoded and "?" not in encoded and "#" not in encoded
        assert unquote(encoded, errors="strict") == group_id
        assert match["group_id"] == encoded
    if "requestBody" in operation.node:
        assert request.headers["content-type"] == "application/json"
        assert result.body == {"group_id": group_id}
        assert json.loads(request.content) == {"group_id": group_id}


# The validator has teeth: the same captured request, broken in one way, is refused.


async def test_validator_refuses_a_request_without_api_key(validator: V31RequestValidator) -> None:
    request = await _send("sync", "train-photo-avatar-group", "g1")
    del request.headers["x-api-key"]
    errors = list(validator.iter_errors(HttpxOpenAPIRequest(request)))
    assert [type(error) for error in errors] == [SecurityValidationError]


async def test_validator_refuses_a_path_the_spec_does_not_have(validator: V31RequestValidator) -> None:
    request = await _send("sync", "get-training-job-status", "g1")
    request.url = request.url.copy_with(raw_path=b"/v2/photo_avatar/training/status/g1")
    errors = list(validator.iter_errors(HttpxOpenAPIRequest(request)))
    assert [type(error) for error in errors] == [PathNotFound]


@pytest.mark.parametrize(
    ("body", "error_class"),
    [
        (b'{"group_id": ""}', InvalidRequestBody),
        (b'{"group_id": 5}', InvalidRequestBody),
        (b'{"group_id": "g1", "extra": 1}', InvalidRequestBody),
        (b"", MissingRequiredRequestBody),
    ],
)
async def test_validator_refuses_a_bad_train_body(
    validator: V31RequestValidator, body: bytes, error_class: type[Exception]
) -> None:
    sent = await _send("sync", "train-photo-avatar-group", "g1")
    request = httpx.Request(sent.method, sent.url, headers=sent.headers, content=body)
    errors = list(validator.iter_errors(HttpxOpenAPIRequest(request)))
    assert [type(error) for error in errors] == [error_class]
