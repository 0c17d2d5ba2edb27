"""HeyGen's v2 sunset, through real loopback HTTP, sync and async: deprecation signals become one
warning and one log line per endpoint; retired routes become `EndpointRetiredError` naming v3."""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from heygen import (
    APIStatusError,
    Deprecation,
    EndpointRetiredError,
    HeyGenDeprecationWarning,
    NotFoundError,
)
from heygen._deprecation import deprecation_of
from heygen._sunset import V3_CREATE_CLI, V3_CREATE_PYTHON, V3_STATUS_PYTHON, V3_WAIT_PYTHON
from tests.support.server import TRAIN_OK, Reply, ScriptedServer, error_body, status_body
from tests.unit import conftest
from tests.unit.conftest import Api

SUNSET_HEADERS = {"Deprecation": "true", "Sunset": "Sat, 31 Oct 2026 00:00:00 GMT"}
WARNING = {
    "message": "This v2 endpoint is Legacy and will be removed on 2026-10-31.",
    "v3_endpoint": "POST /v3/avatars",
    "docs_url": "https://developers.heygen.com/reference/create-avatar",
    "sunset_date": "2026-10-31",
}
SUNSET = datetime(2026, 10, 31, tzinfo=UTC)


def _with_warning(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, "warning": WARNING}


async def test_sunset_answer_parses_and_warns_once_per_endpoint(
    api: Api, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.default = Reply(200, _with_warning(TRAIN_OK), SUNSET_HEADERS)
    caplog.set_level(logging.WARNING, logger="heygen")
    with pytest.warns(HeyGenDeprecationWarning) as caught:
        first = await api.raw("train", "g1")
        second = await api.raw("train", "g2")
    assert first.parsed.flow_id == second.parsed.flow_id == TRAIN_OK["data"]["data"]["flow_id"]
    assert len(caught) == 1
    text = str(caught[0].message)
    assert "POST /v2/photo_avatar/train" in text
    assert "2026-10-31" in text
    assert WARNING["message"].rstrip(".") in text
    assert V3_CREATE_PYTHON in text and V3_WAIT_PYTHON in text
    # The warning points at the caller (here the test's client wrapper), not into the SDK.
    assert caught[0].filename == str(Path(conftest.__file__))
    records = [r for r in caplog.records if r.name == "heygen" and "deprecated" in r.getMessage()]
    assert [r.levelno for r in records] == [logging.WARNING]
    assert records[0].getMessage() == text

    deprecation = first.deprecation
    assert isinstance(deprecation, Deprecation)
    assert deprecation.deprecated is True
    assert deprecation.sunset == SUNSET
    assert deprecation.sunset.isoformat() == "2026-10-31T00:00:00+00:00"
    assert deprecation.message == WARNING["message"]
    assert deprecation.replacement.startswith(V3_CREATE_PYTHON)
    assert deprecation.v3_endpoint == "POST /v3/avatars"
    assert deprecation.docs_url == WARNING["docs_url"]
    assert deprecation.endpoint == "POST /v2/photo_avatar/train"


async def test_status_endpoint_is_one_endpoint_whatever_the_group(api: Api, server: ScriptedServer) -> None:
    server.default = Reply(200, _with_warning(status_body("ready")), SUNSET_HEADERS)
    with pytest.warns(HeyGenDeprecationWarning) as caught:
        for group in ("g1", "g2", "g3"):
            assert (await api.status(group)).raw_status == "ready"
    assert len(caught) == 1
    assert "GET /v2/photo_avatar/train/status/{group_id}" in str(caught[0].message)
    assert V3_STATUS_PYTHON in str(caught[0].message)


async def test_train_and_status_each_warn_once(api: Api, server: ScriptedServer) -> None:
    server.queue(
        Reply(200, TRAIN_OK, SUNSET_HEADERS),
        Reply(200, status_body("ready"), SUNSET_HEADERS),
        Reply(200, TRAIN_OK, SUNSET_HEADERS),
    )
    with pytest.warns(HeyGenDeprecationWarning) as caught:
        await api.train("g1")
        await api.status("g1")
        await api.train("g1")
    assert [str(w.message).split(";")[0] for w in caught] == [
        "HeyGen has deprecated POST /v2/photo_avatar/train",
        "HeyGen has deprecated GET /v2/photo_avatar/train/status/{group_id}",
    ]


async def test_an_answer_without_signals_has_no_deprecation(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, TRAIN_OK))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        raw = await api.raw("train", "g1")
    assert raw.deprecation is None


async def test_warning_can_be_silenced_with_filterwarnings(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, TRAIN_OK, SUNSET_HEADERS))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=HeyGenDeprecationWarning)
        await api.train("g1")
    assert seen == []


@pytest.mark.parametrize("warning", [7, [], "going away", {"message": 5, "sunset_date": []}, {"extra": {}}])
async def test_any_warning_value_leaves_the_result_intact(
    api: Api, server: ScriptedServer, warning: object
) -> None:
    """The generated models take `warning` as a union ending in the raw value: nothing breaks."""
    server.queue(
        Reply(200, {**TRAIN_OK, "warning": warning}), Reply(200, {**status_body("ready"), "warning": warning})
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HeyGenDeprecationWarning)
        assert (await api.train("g1")).flow_id == TRAIN_OK["data"]["data"]["flow_id"]
        assert (await api.status("g1")).raw_status == "ready"


# --- retired routes --------------------------------------------------------------------------

HTML_404 = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(410, error_body("gone", "Gone")),
        Reply(410, ""),
        Reply(404, HTML_404, {"Content-Type": "text/html"}),
        Reply(404, ""),
        Reply(405, {"detail": "Method Not Allowed"}),
        Reply(405, "Method Not Allowed", {"Content-Type": "text/plain"}),
        Reply(400, error_body("endpoint_retired", "This endpoint was retired on 2026-11-01")),
        Reply(403, error_body("forbidden", "The v2 API is no longer available; use v3")),
    ],
    ids=["410-json", "410-empty", "404-html", "404-empty", "405-json", "405-text", "400-says", "403-says"],
)
async def test_retired_train_route_raises_endpoint_retired_once(
    api: Api, server: ScriptedServer, reply: Reply
) -> None:
    server.default = reply
    with pytest.raises(EndpointRetiredError) as caught:
        await api.with_options(max_retries=2).train("g1")
    error = caught.value
    assert isinstance(error, APIStatusError)
    assert error.status_code == reply.status
    assert error.endpoint == "POST /v2/photo_avatar/train"
    assert "retired the v2 photo-avatar API" in str(error)
    assert V3_CREATE_PYTHON in str(error) and V3_CREATE_PYTHON in error.replacement
    assert V3_CREATE_CLI in error.cli_replacement
    assert len(server.received) == 1, "train is never retried on a retired route"


async def test_retired_body_on_a_retryable_status_is_not_retried(api: Api, server: ScriptedServer) -> None:
    server.default = Reply(503, error_body("service_unavailable", "This endpoint has been retired"))
    with pytest.raises(EndpointRetiredError):
        await api.with_options(max_retries=2).status("g1")
    assert len(server.received) == 1


async def test_heygen_shaped_404_on_status_stays_not_found(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(404, error_body("not_found", "Photo avatar group g1 not found")))
    with pytest.raises(NotFoundError) as caught:
        await api.status("g1")
    assert not isinstance(caught.value, EndpointRetiredError)
    assert caught.value.code == "not_found"


async def test_html_404_on_status_is_retired(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(404, HTML_404, {"Content-Type": "text/html"}))
    with pytest.raises(EndpointRetiredError) as caught:
        await api.status("g1")
    assert caught.value.endpoint == "GET /v2/photo_avatar/train/status/{group_id}"
    assert V3_STATUS_PYTHON in str(caught.value)


# --- parsing the signals ---------------------------------------------------------------------


def _response(
    headers: dict[str, str], body: object = None, path: str = "/v2/photo_avatar/train"
) -> httpx.Response:
    request = httpx.Request("POST", "https://api.heygen.com" + path)
    if body is None:
        return httpx.Response(200, headers=headers, content=b"{}", request=request)
    return httpx.Response(200, headers=headers, json=body, request=request)


NOW = datetime(2026, 9, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "deprecated", "deprecated_at"),
    [
        ("true", True, None),
        ("TRUE", True, None),
        ("@1767225600", True, datetime(2026, 1, 1, tzinfo=UTC)),
        ("@1793491200", False, datetime(2026, 11, 1, tzinfo=UTC)),
        ("Wed, 01 Jul 2026 00:00:00 GMT", True, datetime(2026, 7, 1, tzinfo=UTC)),
        ("Sun, 01 Nov 2026 00:00:00 GMT", False, datetime(2026, 11, 1, tzinfo=UTC)),
        ("@1751328000", True, datetime(2025, 7, 1, tzinfo=UTC)),
        ("soon", True, None),
    ],
)
def test_deprecation_header_forms(value: str, deprecated: bool, deprecated_at: datetime | None) -> None:
    found = deprecation_of(_response({"Deprecation": value}), now=NOW)
    assert found is not None
    assert found.deprecated is deprecated
    assert found.deprecated_at == deprecated_at
    assert found.sunset is None


def test_sunset_header_is_an_aware_utc_datetime() -> None:
    found = deprecation_of(_response({"Sunset": "Sat, 31 Oct 2026 00:00:00 GMT"}), now=NOW)
    assert found is not None and found.sunset == SUNSET and found.sunset.tzinfo is not None


def test_body_warning_alone_and_as_text() -> None:
    found = deprecation_of(_response({}, {"error": None, "data": None, "warning": WARNING}), now=NOW)
    assert found is not None and found.deprecated and found.sunset == SUNSET
    text = deprecation_of(_response({}, {"data": None, "warning": "going away"}), now=NOW)
    assert text is not None and text.message == "going away" and text.sunset is None


def test_sunset_header_wins_over_body_date() -> None:
    body = {"data": None, "warning": {**WARNING, "sunset_date": "2026-12-31"}}
    found = deprecation_of(_response(SUNSET_HEADERS, body), now=NOW)
    assert found is not None and found.sunset == SUNSET


@pytest.mark.parametrize("warning", [None, 7, [], {}, {"sunset_date": "not a date"}])
def test_odd_warning_values_do_not_break_parsing(warning: object) -> None:
    found = deprecation_of(_response({}, {"data": None, "warning": warning}), now=NOW)
    if warning == {} or isinstance(warning, dict):
        assert found is not None and found.sunset is None
    else:
        assert found is None


def test_no_signal_no_deprecation() -> None:
    assert deprecation_of(_response({}, {"error": None, "data": {"warning_count": 1}})) is None


def test_other_paths_name_their_own_endpoint() -> None:
    found = deprecation_of(_response({"Deprecation": "true"}, path="/v1/user/remaining_quota"), now=NOW)
    assert found is not None and found.endpoint == "POST /v1/user/remaining_quota"


def test_a_future_deprecation_date_is_worded_as_future() -> None:
    found = deprecation_of(_response({"Deprecation": "@1793491200"}), now=NOW)
    assert found is not None and not found.deprecated
    assert found.describe().startswith(
        "HeyGen will deprecate POST /v2/photo_avatar/train on 2026-11-01 00:00 UTC."
    )
