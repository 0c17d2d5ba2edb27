"""A closed client, or an AsyncHeyGen taken to a second event loop, raise HeyGenErrors that say what to do."""

from __future__ import annotations

import asyncio

import pytest

import heygen
from heygen import AsyncHeyGen, TrainingState
from heygen.testing import FakeHeyGen


def test_a_closed_client_raises_a_heygen_error() -> None:
    client = FakeHeyGen().client()
    client.close()
    with pytest.raises(heygen.ClientClosedError, match=r"closed .* create a new one") as caught:
        client.photo_avatars.training_status("demo-group")
    assert isinstance(caught.value, heygen.HeyGenError) and isinstance(caught.value, RuntimeError)


async def test_a_closed_async_client_raises_a_heygen_error() -> None:
    async with FakeHeyGen().async_client() as client:
        pass
    with pytest.raises(heygen.ClientClosedError, match="AsyncHeyGen client is closed"):
        await client.photo_avatars.train("demo-group")


def test_an_async_client_used_in_a_second_event_loop_says_to_make_one_per_loop() -> None:
    fake = FakeHeyGen()
    with fake.serve() as url:
        client = AsyncHeyGen(api_key="k", base_url=url, max_retries=0)

        async def status() -> TrainingState:
            return (await client.photo_avatars.training_status("demo-group")).state

        first = asyncio.new_event_loop()
        try:
            assert first.run_until_complete(status()) is TrainingState.EMPTY  # a connection now in the pool
            with pytest.raises(heygen.EventLoopError, match="first used in another event loop") as caught:
                asyncio.run(status())  # a second loop, as a second asyncio.run() makes
            assert isinstance(caught.value, heygen.HeyGenError)
            assert "create the client inside the loop that uses it" in str(caught.value)
            with pytest.raises(heygen.EventLoopError):
                asyncio.run(client.aclose())
            assert len(fake.requests) == 1  # refused before sending
            first.run_until_complete(client.aclose())  # closing where it was used works
        finally:
            first.close()


def test_an_async_client_used_in_a_second_asyncio_run_raises_the_same() -> None:
    client = FakeHeyGen().async_client()

    async def use() -> None:
        await client.photo_avatars.training_status("demo-group")

    asyncio.run(use())  # that loop is closed at the end
    with pytest.raises(heygen.EventLoopError):
        asyncio.run(use())


def test_copies_sharing_the_pool_are_held_to_its_loop() -> None:
    fake = FakeHeyGen()
    client = fake.async_client()

    async def use(target: AsyncHeyGen) -> None:
        await target.photo_avatars.training_status("demo-group")

    asyncio.run(use(client))
    with pytest.raises(heygen.EventLoopError):
        asyncio.run(use(client.with_options(max_retries=0)))


async def test_one_loop_many_calls_is_fine() -> None:
    async with FakeHeyGen().async_client() as client:
        for _ in range(3):
            assert (await client.photo_avatars.training_status("demo-group")).state is TrainingState.EMPTY
