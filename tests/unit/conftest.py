"""Sync and async clients behind one interface, so every test runs against both."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock
from tests.support.server import ScriptedServer

CANARY_KEY = "hg-canary-7f3a9c1e5b"


@pytest.fixture(scope="session")
def server_session() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def server(server_session: ScriptedServer) -> ScriptedServer:
    server_session.reset()
    return server_session


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class Api:
    """One face for `HeyGen` and `AsyncHeyGen`: every method is awaited, sync calls run inline."""

    def __init__(self, client: HeyGen | AsyncHeyGen) -> None:
        self.client = client
        self.is_async = isinstance(client, AsyncHeyGen)

    async def _call(self, target: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(target, name)(*args, **kwargs)
        return await result if self.is_async else result

    async def train(self, *args: Any, **kwargs: Any) -> heygen.TrainingJob:
        result: heygen.TrainingJob = await self._call(self.client.photo_avatars, "train", *args, **kwargs)
        return result

    async def status(self, *args: Any, **kwargs: Any) -> heygen.TrainingStatus:
        result: heygen.TrainingStatus = await self._call(
            self.client.photo_avatars, "training_status", *args, **kwargs
        )
        return result

    async def wait(self, *args: Any, **kwargs: Any) -> heygen.TrainingStatus:
        result: heygen.TrainingStatus = await self._call(
            self.client.photo_avatars, "wait_for_training", *args, **kwargs
        )
        return result

    async def train_and_wait(self, *args: Any, **kwargs: Any) -> heygen.TrainingResult:
        result: heygen.TrainingResult = await self._call(
            self.client.photo_avatars, "train_and_wait", *args, **kwargs
        )
        return result

    async def raw(self, name: str, *args: Any, **kwargs: Any) -> heygen.RawResponse[Any]:
        result: heygen.RawResponse[Any] = await self._call(
            self.client.photo_avatars.with_raw_response, name, *args, **kwargs
        )
        return result

    def with_options(self, **kwargs: Any) -> Api:
        return Api(self.client.with_options(**kwargs))

    async def close(self) -> None:
        if isinstance(self.client, AsyncHeyGen):
            await self.client.aclose()
        else:
            self.client.close()


class ClientFactory:
    def __init__(self, kind: str, server: ScriptedServer, clock: FakeClock) -> None:
        self.kind = kind
        self.server = server
        self.clock = clock
        self.made: list[Api] = []
        self.http_clients: list[httpx.Client | httpx.AsyncClient] = []

    def __call__(self, **kwargs: Any) -> Api:
        kwargs.setdefault("api_key", CANARY_KEY)
        kwargs.setdefault("base_url", self.server.url)
        kwargs.setdefault("clock", self.clock)
        kwargs.setdefault("timeout", 5.0)
        client_class = AsyncHeyGen if self.kind == "async" else HeyGen
        api = Api(client_class(**kwargs))
        self.made.append(api)
        return api

    def http_client(self, **kwargs: Any) -> httpx.Client | httpx.AsyncClient:
        """A caller-owned httpx client (closed by the fixture, as its owner would)."""
        client = httpx.AsyncClient(**kwargs) if self.kind == "async" else httpx.Client(**kwargs)
        self.http_clients.append(client)
        return client


@pytest.fixture(params=["sync", "async"])
async def make_api(
    request: pytest.FixtureRequest, server: ScriptedServer, clock: FakeClock
) -> AsyncIterator[ClientFactory]:
    factory = ClientFactory(request.param, server, clock)
    yield factory
    for api in factory.made:
        await api.close()
    for client in factory.http_clients:
        if isinstance(client, httpx.AsyncClient):
            await client.aclose()
        else:
            client.close()


@pytest.fixture
def api(make_api: ClientFactory) -> Api:
    return make_api()
