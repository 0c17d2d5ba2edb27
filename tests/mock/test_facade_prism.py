"""`HeyGen` and `AsyncHeyGen` against the real Prism mock (sessions in tests/mock/conftest.py).

On the corrected spec: training a group gives back Prism's example (the documented Result), the
status call the first documented example (Ready), and Prism's request validation finds nothing
wrong with anything the facades send, group ids needing percent-encoding included. A request
without `x-api-key` is answered 401 and raised as `AuthenticationError`.

On HeyGen's document as published: without --errors Prism serves the Result example and the
facade parses it; with --errors Prism refuses to send that example (it breaks the document's own
schema) and answers 500, which the facade raises as `InternalServerError`; the status operation
is not in that document, so Prism answers 404 with its own (non-HeyGen) JSON, and the facade
raises `EndpointRetiredError`: a v2 photo-avatar route the server does not know is what a retired
route looks like.

The corrected spec documents the sunset's `Deprecation` and `Sunset` headers with the values
HeyGen sent, so Prism sends them and the facade warns once per endpoint.
"""

from __future__ import annotations

import json
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any

import _prism
import _spec
import httpx
import pytest

from heygen import (
    AuthenticationError,
    EndpointRetiredError,
    HeyGenDeprecationWarning,
    InternalServerError,
    TrainingJob,
    TrainingState,
    TrainingStatus,
)
from tests._openapi import operation
from tests.support.facade import KINDS, OPERATIONS, Facade, open_facade

pytestmark = pytest.mark.prism

TRAIN = "train-photo-avatar-group"
STATUS = "get-training-job-status"
GROUP_IDS = ["grp_contract_1", "a/b", "g?x", "grüße", "%2F"]
FLOW_ID = "46b0c8af19ea12eabbd86a3cc8abeb17"
CORRECTED = _spec.corrected_spec()


def _first_example(operation_id: str) -> Any:
    """The example Prism serves when not asked for another: the first of the 200 response."""
    media = operation(CORRECTED, operation_id).node["responses"]["200"]["content"]["application/json"]
    return media["example"] if "example" in media else next(iter(media["examples"].values()))["value"]


def _violations(headers: httpx.Headers) -> list[dict[str, Any]]:
    return list(json.loads(headers.get("sl-violations", "[]")))


def _expected_job(group_id: str) -> TrainingJob:
    job = _first_example(TRAIN)["data"]["data"]
    assert job["flow_id"] == FLOW_ID, "the documented Result example changed"
    return TrainingJob(
        group_id=group_id,
        flow_id=FLOW_ID,
        photo_avatar_count=job["num_of_photar"],
        instant_avatar_count=job["num_of_instant_avatar"],
        studio_avatar_count=job["num_of_studio_avatar"],
    )


def _expected_status(group_id: str) -> TrainingStatus:
    data = _first_example(STATUS)["data"]
    assert data["status"] == "ready", "Prism serves the first example, documented as Ready"
    return TrainingStatus(
        group_id=group_id,
        state=TrainingState.READY,
        raw_status="ready",
        error_message=data["error_msg"],
        created_at=datetime.fromtimestamp(data["created_at"], tz=UTC),
        updated_at=datetime.fromtimestamp(data["updated_at"], tz=UTC),
    )


def _facade(kind: str, server: _prism.PrismServer, **kwargs: Any) -> AbstractAsyncContextManager[Facade]:
    return open_facade(kind, base_url=server.base_url, max_retries=0, timeout=10, **kwargs)


def _drop_api_key(request: httpx.Request) -> None:
    """Remove the key below the facade, as a proxy stripping headers would. The facade cannot be
    made to send a request without it: no key is a ConfigurationError at construction, and an
    empty one is refused too, so the header is deleted in an httpx request hook, after the facade
    built the request and before it goes on the wire."""
    assert "x-api-key" in request.headers
    del request.headers["x-api-key"]


# --- the corrected spec ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("group_id", GROUP_IDS)
async def test_facade_trains_and_reads_the_documented_examples(
    prism: _prism.PrismServer, kind: str, group_id: str
) -> None:
    async with _facade(kind, prism) as facade:
        with pytest.warns(HeyGenDeprecationWarning) as caught:
            trained = await facade.call(TRAIN, group_id, raw=True)
            status = await facade.call(STATUS, group_id, raw=True)
    assert len(caught) == 2  # one per endpoint
    for raw in (trained, status):
        assert raw.deprecation is not None
        assert raw.deprecation.sunset == datetime(2026, 10, 31, tzinfo=UTC)
    assert trained.parsed == _expected_job(group_id)
    assert trained.parsed.flow_id == "46b0c8af19ea12eabbd86a3cc8abeb17"
    assert status.parsed == _expected_status(group_id)
    for raw in (trained, status):
        # Prism (with --errors) validated the request: any violation would be a 4xx, and a
        # warning-level one would still be listed in this header.
        assert raw.status_code == 200
        assert "sl-violations" not in raw.headers


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("operation_id", OPERATIONS)
async def test_request_without_api_key_is_401_and_raised_as_authentication_error(
    prism: _prism.PrismServer, kind: str, operation_id: str
) -> None:
    async with _facade(kind, prism, request_hook=_drop_api_key) as facade:
        with pytest.raises(AuthenticationError) as caught:
            await facade.call(operation_id, "grp_contract_1")
    error = caught.value
    assert error.status_code == 401
    assert [v["message"] for v in _violations(error.response.headers)] == ["Invalid security scheme used"]


# --- HeyGen's document as published ------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
async def test_facade_trains_on_the_provided_spec_served_without_errors(
    prism_provided_no_errors: _prism.PrismServer, kind: str
) -> None:
    """The example comes back and parses; Prism flags only its own response (`error: null` is
    typed `string` there), never the facade's request."""
    async with _facade(kind, prism_provided_no_errors) as facade:
        trained = await facade.call(TRAIN, "grp_contract_1", raw=True)
    assert trained.status_code == 200
    assert trained.parsed == _expected_job("grp_contract_1")
    violations = _violations(trained.headers)
    assert [(v["location"], v["code"]) for v in violations] == [(["response", "body", "error"], "type")]


@pytest.mark.parametrize("kind", KINDS)
async def test_provided_spec_defect_is_a_500_raised_as_internal_server_error(
    prism_provided: _prism.PrismServer, kind: str
) -> None:
    """With --errors Prism refuses to send the Result example, which breaks the document's own
    schema. When HeyGen fixes it this fails: check overlay 10."""
    async with _facade(kind, prism_provided) as facade:
        with pytest.raises(InternalServerError) as caught:
            await facade.call(TRAIN, "grp_contract_1")
    error = caught.value
    assert error.status_code == 500
    assert error.response.headers["content-type"] == "application/problem+json"
    assert isinstance(error.body, dict)
    assert [(v["location"], v["code"]) for v in error.body["validation"]] == [
        (["response", "body", "error"], "type")
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("server_name", ["provided", "provided-no-errors"])
async def test_status_on_the_provided_spec_is_raised_as_a_retired_route(
    prism_servers: dict[str, _prism.PrismServer], server_name: str, kind: str
) -> None:
    """HeyGen's document has no status operation: Prism answers 404 whatever its settings."""
    async with _facade(kind, prism_servers[server_name]) as facade:
        with pytest.raises(EndpointRetiredError) as caught:
            await facade.call(STATUS, "grp_contract_1")
    error = caught.value
    assert error.status_code == 404
    assert isinstance(error.body, dict)
    assert error.body["type"].endswith("#NO_PATH_MATCHED_ERROR")


@pytest.mark.parametrize("kind", KINDS)
async def test_provided_spec_answers_a_request_without_api_key_with_401(
    prism_provided: _prism.PrismServer, kind: str
) -> None:
    async with _facade(kind, prism_provided, request_hook=_drop_api_key) as facade:
        with pytest.raises(AuthenticationError) as caught:
            await facade.call(TRAIN, "grp_contract_1")
    assert caught.value.status_code == 401
