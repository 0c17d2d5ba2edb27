"""The client's own connection pool: sized for calls in flight, settable, checked; no GC cycles.

The pool tests count connections at a real loopback server that holds every request until a
whole burst has arrived, so each call in the burst needs a connection of its own.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.cookiejar import CookieJar
from typing import Any

import httpx
import pytest

from heygen import AsyncHeyGen, HeyGen
from tests.support.server import Reply, ScriptedServer, status_body
from tests.unit.conftest import CANARY_KEY, ClientFactory

GROUP = "group-1"


class BurstServer:
    """HTTP/1.1 keep-alive server on 127.0.0.1 answering once `burst` requests are waiting."""

    def __init__(self, burst: int) -> None:
        self.burst = burst
        self.connections = 0
        self.most_open = 0
        self._open = 0
        self._waiting = 0
        self._release = asyncio.Event()
        self.url = ""

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._open += 1
        self.most_open = max(self.most_open, self._open)
        body = httpx.Response(200, json=status_body("ready")).content
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                self._waiting += 1
                if self._waiting >= self.burst:
                    self._release.set()
                await self._release.wait()
                self._waiting -= 1
                if self._waiting == 0:
                    self._release.clear()
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._open -= 1
            writer.close()

    @asynccontextmanager
    async def running(self) -> AsyncIterator[BurstServer]:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        async with server:
            yield self


async def _bursts(server: BurstServer, size: int, count: int, **settings: Any) -> BurstServer:
    """`count` bursts of `size` calls at once, through an `AsyncHeyGen` with these pool settings."""
    async with server.running(), AsyncHeyGen(api_key=CANARY_KEY, base_url=server.url, **settings) as client:
        for _ in range(count):
            await asyncio.gather(*(client.photo_avatars.training_status(GROUP) for _ in range(size)))
    return server


async def test_the_default_pool_keeps_64_calls_in_flight_on_the_same_connections() -> None:
    # httpx's own default keeps 20 connections alive: the next bursts would open 44 new ones each
    # (152 in all). A connection idle past the 5 s keep-alive expiry on a very busy machine may be
    # reopened, hence the margin.
    server = await _bursts(BurstServer(64), 64, 3)
    assert 64 <= server.connections < 64 + 16


async def test_max_keepalive_bounds_the_connections_kept_between_bursts() -> None:
    server = await _bursts(BurstServer(8), 8, 3, max_keepalive=2)
    assert server.connections > 8 + 6


async def test_max_connections_bounds_the_connections_open_at_once() -> None:
    server = await _bursts(BurstServer(3), 9, 1, max_connections=3)
    assert server.most_open == 3


async def test_limits_are_taken_as_given() -> None:
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    server = await _bursts(BurstServer(4), 8, 2, limits=limits)
    assert (server.most_open, server.connections) == (4, 4)


@pytest.mark.parametrize("client_class", [HeyGen, AsyncHeyGen])
@pytest.mark.parametrize(
    ("kwargs", "error_class", "says"),
    [
        ({"max_connections": 0}, ValueError, "max_connections must be 1 or more, got 0"),
        ({"max_connections": "10"}, TypeError, "max_connections must be an int, got str"),
        ({"max_connections": True}, TypeError, "max_connections must be an int, got bool"),
        ({"max_keepalive": -1}, ValueError, "max_keepalive must be 0 or more, got -1"),
        ({"max_keepalive": 2.5}, TypeError, "max_keepalive must be an int, got float"),
        (
            {"max_connections": 10, "max_keepalive": 20},
            ValueError,
            r"max_keepalive \(20\) cannot exceed max_connections \(10\)",
        ),
        ({"limits": {"max_connections": 10}}, TypeError, "limits must be an httpx.Limits, got dict"),
        (
            {"limits": httpx.Limits(max_connections=10), "max_keepalive": 5},
            ValueError,
            "either limits= or max_connections=/max_keepalive=, not both",
        ),
    ],
)
def test_bad_pool_settings_are_refused(
    client_class: type[HeyGen | AsyncHeyGen], kwargs: dict[str, Any], error_class: type[Exception], says: str
) -> None:
    with pytest.raises(error_class, match=says):
        client_class(api_key=CANARY_KEY, **kwargs)


async def test_pool_settings_with_a_callers_http_client_are_refused(make_api: ClientFactory) -> None:
    http_client = make_api.http_client()
    with pytest.raises(
        ValueError, match=r"max_keepalive set the size of the client's own pool.*limits there"
    ):
        make_api(http_client=http_client, max_keepalive=10)


def test_max_connections_alone_caps_the_kept_alive_default() -> None:
    # 100 kept alive of at most 10 open would be refused if it came from the caller.
    with HeyGen(api_key=CANARY_KEY, max_connections=10):
        pass


async def test_a_read_response_is_freed_without_the_garbage_collector(
    server: ScriptedServer, make_api: ClientFactory
) -> None:
    """httpx's response stream points back at its response; the SDK drops that cycle once read.

    With many calls in flight, such cycles live through collections into the oldest generation,
    and the full collections they set off cost more CPU than the rest of the SDK per call.
    """
    responses: list[weakref.ref[httpx.Response]] = []

    def keep(response: httpx.Response) -> None:
        responses.append(weakref.ref(response))

    async def async_keep(response: httpx.Response) -> None:
        keep(response)

    hook = async_keep if make_api.kind == "async" else keep
    api = make_api(http_client=make_api.http_client(event_hooks={"response": [hook]}))
    server.queue(Reply(200, status_body("ready")))
    await api.status(GROUP)  # the first call fills caches; this test is about the next
    server.queue(Reply(200, status_body("ready")))
    gc.disable()
    try:
        status = await api.status(GROUP)
        assert status.raw_status == "ready"
        assert responses[-1]() is None
    finally:
        gc.enable()


async def test_the_own_pool_keeps_a_cookie_the_server_sets_and_sends_it_back(
    server: ScriptedServer, make_api: ClientFactory
) -> None:
    api = make_api()
    server.queue(Reply(200, status_body("ready"), headers={"Set-Cookie": "lb=node-7; Path=/"}))
    server.queue(Reply(200, status_body("ready")))
    await api.status(GROUP)
    await api.status(GROUP)
    first, second = server.received
    assert "cookie" not in first.headers
    assert second.headers["cookie"] == "lb=node-7"


async def test_the_own_pool_searches_only_answers_that_set_a_cookie(
    server: ScriptedServer, make_api: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx wraps every answer for `http.cookiejar`, a third of its own work per call; an answer
    without `Set-Cookie` cannot set one, so the SDK's pool skips it. A caller's pool is left as is."""
    searched: list[str] = []
    search = CookieJar.extract_cookies

    def counting(jar: CookieJar, response: Any, request: Any) -> None:
        searched.append(request.get_full_url())
        search(jar, response, request)

    monkeypatch.setattr(CookieJar, "extract_cookies", counting)
    own = make_api()
    server.queue(Reply(200, status_body("ready")))
    await own.status(GROUP)
    assert searched == []
    server.queue(Reply(200, status_body("ready"), headers={"set-cookie": "lb=node-7"}))
    await own.status(GROUP)
    assert len(searched) == 1

    callers = make_api(http_client=make_api.http_client())
    server.queue(Reply(200, status_body("ready")))
    await callers.status(GROUP)
    assert len(searched) == 2
