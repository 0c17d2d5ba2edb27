"""HEYGEN_LOG turns on the SDK's logging; what must never appear in it is tested from outside.

Where the key may and may not go (logs, reprs, errors, tracebacks with locals, redirects, other
origins) is tested in tests/reliability/test_secrets.py, in a fresh interpreter with
HEYGEN_API_KEY and HEYGEN_LOG=debug set for real.
"""

from __future__ import annotations

import logging

import httpx
import pytest

from heygen import HeyGen
from tests.support.server import TRAIN_OK, ScriptedServer
from tests.unit.conftest import CANARY_KEY, ClientFactory


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


async def test_a_callers_raise_for_status_hook_neither_leaks_the_key_nor_changes_the_error(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    import traceback

    import heygen
    from tests.support.server import Reply, error_body

    def hook(response: httpx.Response) -> None:
        response.raise_for_status()

    async def async_hook(response: httpx.Response) -> None:
        hook(response)

    hooks = {"response": [async_hook if make_api.kind == "async" else hook]}
    api = make_api(http_client=make_api.http_client(event_hooks=hooks), max_retries=0)
    server.queue(Reply(404, error_body("photar_not_found", "Photo avatar group not found")))
    with pytest.raises(heygen.NotFoundError) as caught:
        await api.train("group-1")
    # httpx closed the body when the hook raised: the status still picks the class.
    assert caught.value.status_code == 404
    chain = "".join(traceback.format_exception(caught.value))
    assert CANARY_KEY not in chain
    for linked in (caught.value.__cause__, caught.value.__context__):
        request = getattr(linked, "request", None)
        assert request is None or CANARY_KEY not in repr(request.headers)
