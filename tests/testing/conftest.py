"""One way to talk to the fake, three front ends: sync transport, async transport, real server.

Tests take ``send`` and run once per front end, so the transport and the server are held to
the same behaviour by the same assertions.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Protocol

import httpx
import pytest

from heygen.testing import FakeClock, FakeHeyGen

KEY = "test-key"
OTHER_KEY = "other-key"
BASE_URL = "https://api.heygen.com"
TRAIN = "/v2/photo_avatar/train"
STATUS = "/v2/photo_avatar/train/status/"


class Send(Protocol):
    async def __call__(
        self,
        method: str,
        path: str,
        *,
        key: str | None = KEY,
        json: object = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response: ...


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeHeyGen:
    """A strict fake with two known keys, 1 s pending and 5 s to ready."""
    return FakeHeyGen(
        api_keys=[KEY, OTHER_KEY], clock=clock, training_seconds=5, pending_seconds=1, strict=True
    )


@pytest.fixture(params=["sync-transport", "async-transport", "server"])
async def send(request: pytest.FixtureRequest, fake: FakeHeyGen) -> AsyncIterator[Send]:
    front_end: str = request.param
    with contextlib.ExitStack() as stack:
        if front_end == "server":
            # Plain HTTP on loopback: skip loading CA certificates (~80 ms per client).
            base_url = stack.enter_context(fake.serve())
            sync_transport: httpx.BaseTransport = httpx.HTTPTransport(verify=False)
            async_transport: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport(verify=False)
        else:
            base_url, sync_transport = BASE_URL, fake.transport()
            async_transport = fake.transport()
        sync_client = stack.enter_context(httpx.Client(transport=sync_transport, base_url=base_url))
        async with httpx.AsyncClient(transport=async_transport, base_url=base_url) as async_client:

            async def send(
                method: str,
                path: str,
                *,
                key: str | None = KEY,
                json: object = None,
                content: bytes | None = None,
                headers: dict[str, str] | None = None,
            ) -> httpx.Response:
                all_headers = {**({"x-api-key": key} if key is not None else {}), **(headers or {})}
                request = sync_client.build_request(
                    method, path, headers=all_headers, content=content, json=json if content is None else None
                )
                if front_end == "async-transport":
                    return await async_client.send(request)
                return sync_client.send(request)

            yield send
