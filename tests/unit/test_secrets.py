"""The API key goes to the base URL in one header, and nowhere else."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest

import heygen
from heygen import HeyGen
from tests.support.server import TRAIN_OK, Reply, ScriptedServer, error_body, status_body
from tests.unit.conftest import CANARY_KEY, ClientFactory


async def test_the_key_appears_in_no_log_repr_error_or_traceback(
    make_api: ClientFactory, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    api = make_api(max_retries=1)
    server.queue(
        Reply(503, error_body("x", "y")),
        Reply(200, TRAIN_OK),
        Reply(200, status_body("weird")),
        Reply(401, error_body("unauthorized", "Invalid API key")),
        Reply(200, "garbage"),
    )
    texts: list[str] = [repr(api.client), str(api.client.__dict__)]
    with caplog.at_level(logging.DEBUG, logger="heygen"):
        texts.append(repr(await api.train("group-1")))
        texts.append(repr(await api.status("group-1")))
        for _ in range(2):
            try:
                await api.train("group-1")
            except heygen.HeyGenError as error:
                texts += [
                    str(error),
                    repr(error),
                    repr(error.__dict__),
                    "".join(traceback.format_exception(error)),
                ]
                if isinstance(error, heygen.APIError) and error.request is not None:
                    texts += [repr(error.request.headers), repr(getattr(error, "response", None))]
    texts += [record.getMessage() for record in caplog.records]
    assert len(caplog.records) >= 4
    for text in texts:
        assert CANARY_KEY not in text


def test_heygen_log_env_turns_on_debug_logging(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer
) -> None:
    import heygen._config as config

    monkeypatch.setenv("HEYGEN_LOG", "debug")
    monkeypatch.setattr(config, "_logging_configured", False)
    logger = logging.getLogger("heygen")
    handlers, level = list(logger.handlers), logger.level
    try:
        with HeyGen(api_key=CANARY_KEY, base_url=server.url):
            assert logger.level == logging.DEBUG
            assert len(logger.handlers) == len(handlers) + (0 if handlers else 1)
    finally:
        logger.handlers[:] = handlers
        logger.setLevel(level)


async def test_the_key_is_sent_only_to_the_base_url(make_api: ClientFactory, server: ScriptedServer) -> None:
    api = make_api()
    server.queue(Reply(301, "", {"location": "http://127.0.0.2:1/steal"}))
    with pytest.raises(heygen.APIStatusError):
        await api.train("group-1")
    assert [r.headers.get("x-api-key") for r in server.received] == [CANARY_KEY]


async def test_redaction_copies_the_request_and_leaves_the_sent_one_alone(make_api: ClientFactory) -> None:
    """Callers who keep the requests they send (respx, event hooks) still see the key they sent."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=TRAIN_OK)

    http_client = make_api.http_client(transport=httpx.MockTransport(handler))
    api = make_api(http_client=http_client)
    raw = await api.raw("train", "group-1")
    kept = raw.http_response.request
    assert kept is not sent[0]
    assert sent[0].headers["x-api-key"] == CANARY_KEY
    assert kept.headers["x-api-key"] == "<redacted>"
    assert (kept.method, kept.url, kept.content) == (sent[0].method, sent[0].url, sent[0].content)
    assert kept.headers["content-type"] == "application/json"
