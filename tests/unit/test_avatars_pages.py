"""Cursor pages over real sockets: iterating fetches each page once, lazily; pages by hand too."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import heygen
from tests.support.server import Answer, Received, Reply, ScriptedServer
from tests.support.v3 import GROUP, LOOK, call, collect


def _page(items: list[dict[str, Any]], next_token: str | None) -> Reply:
    return Reply(200, {"data": items, "has_more": next_token is not None, "next_token": next_token})


def _groups(*ids: str) -> list[dict[str, Any]]:
    return [{**GROUP, "id": group_id} for group_id in ids]


def _query(received: Received) -> dict[str, list[str]]:
    return parse_qs(urlsplit(received.path).query)


THREE_PAGES = (
    _page(_groups("g1", "g2"), "t2"),
    _page(_groups("g3", "g4"), "t3"),
    _page(_groups("g5"), None),
)


async def test_iterating_three_pages_makes_exactly_three_requests(
    make_api: Any, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(*THREE_PAGES)
    groups = await collect(client, "avatars.list", limit=2)
    assert [group.id for group in groups] == ["g1", "g2", "g3", "g4", "g5"]
    assert all(isinstance(group, heygen.AvatarGroup) for group in groups)
    assert len(server.received) == 3
    assert [_query(r) for r in server.received] == [
        {"limit": ["2"]},
        {"limit": ["2"], "token": ["t2"]},
        {"limit": ["2"], "token": ["t3"]},
    ]


async def test_stopping_early_fetches_no_further_page(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(*THREE_PAGES)
    if isinstance(client, heygen.AsyncHeyGen):
        async for group in client.avatars.list():
            if group.id == "g2":
                break
    else:
        for group in client.avatars.list():
            if group.id == "g2":
                break
    assert len(server.received) == 1


async def test_paging_by_hand(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(*THREE_PAGES)
    page = await call(client, "avatars.list")
    seen = []
    while page is not None:
        seen.append([group.id for group in page.items])
        page = await page.next_page() if isinstance(client, heygen.AsyncHeyGen) else page.next_page()
    assert seen == [["g1", "g2"], ["g3", "g4"], ["g5"]]
    assert len(server.received) == 3


async def test_looks_pass_their_filters(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(_page([LOOK], None))
    looks = await collect(
        client,
        "avatars.looks.list",
        group_id="ag_abc123",
        avatar_type="photo_avatar",
        ownership="private",
        limit=50,
    )
    assert [look.id for look in looks] == ["look_abc123"]
    (received,) = server.received
    assert urlsplit(received.path).path == "/v3/avatars/looks"
    assert _query(received) == {
        "group_id": ["ag_abc123"],
        "avatar_type": ["photo_avatar"],
        "ownership": ["private"],
        "limit": ["50"],
    }


async def test_a_repeated_token_raises_instead_of_looping(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.default = Answer(lambda received: _page(_groups("g"), "same"))
    with pytest.raises(heygen.PageLoopError, match="next_token 'same' a second time") as caught:
        await collect(client, "avatars.list")
    assert caught.value.page_token == "same"
    assert len(server.received) == 2


async def test_has_more_without_a_token_is_the_last_page(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": _groups("g1"), "has_more": True, "next_token": None}))
    assert [group.id for group in await collect(client, "avatars.list")] == ["g1"]


@pytest.mark.parametrize("limit", [0, 51, -1, True, 2.5, "10"])
async def test_a_page_size_heygen_refuses_fails_before_sending(
    make_api: Any, server: ScriptedServer, limit: object
) -> None:
    client = make_api().client
    with pytest.raises((TypeError, ValueError), match="limit"):
        await collect(client, "avatars.list", limit=limit)
    assert server.received == []


async def test_a_page_that_is_not_a_list_is_a_validation_error(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {"id": "g1"}, "has_more": False}))
    with pytest.raises(heygen.APIResponseValidationError, match="data is dict, not a list"):
        await collect(client, "avatars.list")


async def test_a_wrong_item_is_named_by_its_place_in_the_page(make_api: Any, server: ScriptedServer) -> None:
    client = make_api().client
    items = [*_groups("g1", "g2"), {**GROUP, "id": "g3", "looks_count": "two"}]
    server.queue(_page(items, None))
    with pytest.raises(heygen.APIResponseValidationError, match=r"data\[2\]\.looks_count is 'two'"):
        await collect(client, "avatars.list")
