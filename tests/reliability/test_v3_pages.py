"""v3 lists under faults, over real sockets: a failed page keeps what came before and says where to resume.

Every v3 list (avatar groups, looks, webhook endpoints, webhook events): iterating one that fails
on page 3 raises with pages 1-2's items already yielded and page 3's cursor on the error
(`page_token`); `list(token=...)` resumes there and asks for no earlier page. A server that sends
one `next_token` forever ends in `PageLoopError`, not an endless loop.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import heygen
from heygen import AsyncHeyGen
from tests.support.server import Action, Answer, Received, Reply, Reset, ScriptedServer
from tests.support.tally import TALLY
from tests.support.v3 import GROUP, LOOK, v3_error
from tests.unit.conftest import ClientFactory

ENDPOINT = {
    "url": "https://example.com/hook",
    "status": "enabled",
    "created_at": "2026-03-25T12:05:00Z",
    "events": None,
}
EVENT = {"event_type": "photo_avatar_train.success", "event_data": {}, "created_at": "2026-03-25T12:05:00Z"}
# Each list, with an item of its shape and the name of the item's id.
LISTS: dict[str, tuple[dict[str, Any], str]] = {
    "avatars.list": (GROUP, "id"),
    "avatars.looks.list": (LOOK, "id"),
    "webhooks.endpoints.list": (ENDPOINT, "endpoint_id"),
    "webhooks.events.list": (EVENT, "event_id"),
}

# What page 3 gets, and the error it must end in (after the retries a read is allowed).
FAILURES: dict[str, tuple[Action, type[heygen.APIError], int]] = {
    "400-v3-error": (
        Reply(400, v3_error("invalid_parameter", "bad token", param="token")),
        heygen.BadRequestError,
        1,
    ),
    "503-forever": (Reply(503, v3_error("unavailable", "later")), heygen.InternalServerError, 3),
    "reset-forever": (Reset(), heygen.APIConnectionError, 3),
    "html-502-forever": (
        Reply(502, "<html>bad gateway</html>", {"content-type": "text/html"}),
        heygen.InternalServerError,
        3,
    ),
    "200-truncated": (Reply(200, '{"data": [{"id": "x"'), heygen.APIResponseValidationError, 1),
}


def _page(item: tuple[dict[str, Any], str], ids: list[str], next_token: str | None) -> Reply:
    template, id_name = item
    items = [{**template, id_name: item_id} for item_id in ids]
    return Reply(200, {"data": items, "has_more": next_token is not None, "next_token": next_token})


def _token(received: Received) -> str | None:
    return parse_qs(urlsplit(received.path).query).get("token", [None])[0]


async def _iterate(client: Any, path: str, yielded: list[str], **kwargs: Any) -> None:
    """Iterate every item of a list, recording each id as it is yielded (so a failure keeps them)."""
    target: Any = client
    for part in path.split("."):
        target = getattr(target, part)
    id_name = LISTS[path][1]
    if isinstance(client, AsyncHeyGen):
        async for item in target(**kwargs):
            yielded.append(getattr(item, id_name))
    else:
        for item in target(**kwargs):
            yielded.append(getattr(item, id_name))


@pytest.mark.parametrize("failure", FAILURES, ids=list(FAILURES))
@pytest.mark.parametrize("path", LISTS, ids=list(LISTS))
async def test_a_failed_page_3_keeps_pages_1_and_2_and_resumes_from_its_cursor(
    make_api: ClientFactory, server: ScriptedServer, path: str, failure: str
) -> None:
    action, error_type, attempts = FAILURES[failure]
    item = LISTS[path]
    client = make_api(max_retries=2, timeout=2.0).client
    server.queue(_page(item, ["i1", "i2"], "t2"), _page(item, ["i3", "i4"], "t3"))
    server.default = action
    yielded: list[str] = []
    started = time.monotonic()
    with pytest.raises(heygen.APIError) as caught:
        await _iterate(client, path, yielded, limit=2)
    assert time.monotonic() - started < 2.0
    assert type(caught.value) is error_type, repr(caught.value)
    assert yielded == ["i1", "i2", "i3", "i4"]
    assert caught.value.page_token == "t3"
    assert [_token(r) for r in server.received] == [None, "t2"] + ["t3"] * attempts

    # Resume from the cursor: page 3 and after, nothing before.
    server.reset()
    server.queue(_page(item, ["i5", "i6"], "t4"), _page(item, ["i7"], None))
    resumed: list[str] = []
    await _iterate(client, path, resumed, limit=2, token=caught.value.page_token)
    assert resumed == ["i5", "i6", "i7"]
    assert [_token(r) for r in server.received] == ["t3", "t4"]
    TALLY.scenario(f"v3-page3-{failure}/{path}")


@pytest.mark.parametrize("path", LISTS, ids=list(LISTS))
async def test_the_same_next_token_forever_ends_in_an_error(
    make_api: ClientFactory, server: ScriptedServer, path: str
) -> None:
    item = LISTS[path]
    client = make_api(max_retries=2).client
    server.queue(_page(item, ["i1"], "t2"))
    server.default = Answer(lambda received: _page(item, [f"again-{len(server.received)}"], "t2"))
    yielded: list[str] = []
    started = time.monotonic()
    with pytest.raises(heygen.PageLoopError, match="a second time") as caught:
        await _iterate(client, path, yielded)
    assert time.monotonic() - started < 2.0
    assert caught.value.page_token == "t2"
    assert yielded == ["i1", "again-2"]
    assert [_token(r) for r in server.received] == [None, "t2"]
    assert isinstance(caught.value, heygen.APIError)
    TALLY.scenario(f"v3-page-loop/{path}")


@pytest.mark.parametrize("path", LISTS, ids=list(LISTS))
async def test_a_token_that_is_not_text_is_refused_before_sending(
    make_api: ClientFactory, server: ScriptedServer, path: str
) -> None:
    client = make_api().client
    with pytest.raises(TypeError, match="token"):
        await _iterate(client, path, [], token=3)
    assert server.received == []
