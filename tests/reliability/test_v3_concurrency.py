"""One v3 client shared by 32 threads (sync) or 256 tasks (async), creating, listing and waiting.

The server derives each answer from the request (a group id from the avatar's name, a list page
from its token, a group that is `processing` at its first poll and `completed` after), so each
call can check it got its own answer, not a neighbour's; every create carries a key of its own.
It runs in a child process (`tests.support.remote`): what is traced and counted here is the
client's. Afterwards no socket to the server is left open, the process holds the file descriptors
it held before, and the memory the calls allocated is released.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import tracemalloc
from typing import Any

import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from tests.reliability.test_concurrency import NO_WAIT, settle
from tests.support.derived import group_id_of
from tests.support.remote import RemoteServer
from tests.support.sockets import HAVE_PROC, at_most_pooled, baseline_fds, socket_states, sockets_to
from tests.support.tally import TALLY
from tests.support.v3 import JPEG
from tests.unit.conftest import CANARY_KEY

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="counts sockets through /proc")

THREADS, ROUNDS_PER_THREAD = 32, 3
TASKS = 256
# Idle connections the async test's pool keeps (the default is 100): the other 240 of each round's
# 256 are opened for one call and closed once idle. httpcore walks the idle connections for each
# idle one whenever a request comes or goes, so 100 kept would double the test's time.
KEPT_ALIVE = 16
MEMORY_SLACK = 2_000_000  # bytes still traced after the run, at most (caches, interned strings)
# The async run is checked by live objects: tracemalloc would make 1,500 calls take 4x longer.
OBJECT_SLACK = 2_000


EXPECTED_LIST = [f"ag_page{page}_{i}" for page in range(3) for i in range(2)]


def _check_round(name: str, creation: Any, listed: list[str], ready: Any) -> None:
    assert creation.group_id == group_id_of(name), (name, creation.group_id)
    assert listed == EXPECTED_LIST
    assert ready.id == group_id_of(name) and ready.status is heygen.AvatarStatus.COMPLETED


async def _none() -> None:
    return None


def _live_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


def _memory_baseline() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def _warm_up(server: RemoteServer) -> None:
    """One round first, so lazy imports and one-time caches are not counted as held memory."""
    with HeyGen(api_key=CANARY_KEY, base_url=server.url, clock=NO_WAIT) as client:
        creation = client.avatars.create_photo(name="warm-up", photo=JPEG)
        list(client.avatars.list(limit=2))
        client.avatars.wait_until_ready(creation.group_id, poll_interval=0.01)
    server.reset()


def test_one_v3_client_shared_by_32_threads(derived: RemoteServer) -> None:
    server = derived
    _warm_up(server)
    fds = baseline_fds()
    tracemalloc.start()
    try:
        before = _memory_baseline()
        failures: list[str] = []
        start = threading.Barrier(THREADS)
        client = HeyGen(api_key=CANARY_KEY, base_url=server.url, timeout=20.0, clock=NO_WAIT)

        def worker(number: int) -> None:
            start.wait()
            for round_number in range(ROUNDS_PER_THREAD):
                name = f"t{number}-r{round_number}"
                try:
                    creation = client.avatars.create_photo(name=name, photo=JPEG)
                    listed = [group.id for group in client.avatars.list(limit=2)]
                    ready = client.avatars.wait_until_ready(creation.group_id, poll_interval=0.01)
                    _check_round(name, creation, listed, ready)
                except (AssertionError, heygen.HeyGenError) as error:
                    failures.append(f"{name}: {error!r}")

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            in_use, states = sockets_to(server.port), socket_states(server.port)
        finally:
            client.close()
        del threads
        held = _memory_baseline() - before
        keys = server.state()["keys"]
    finally:
        tracemalloc.stop()
    assert failures == []
    assert len(keys) == len(set(keys)) == THREADS * ROUNDS_PER_THREAD
    assert 0 < in_use <= at_most_pooled(THREADS), states
    assert sockets_to(server.port) == 0
    assert settle(fds) == fds
    assert held < MEMORY_SLACK, f"{held} bytes still held"
    TALLY.concurrent_calls += THREADS * ROUNDS_PER_THREAD * 6  # create, 3 pages, 2 polls


async def test_one_v3_client_shared_by_256_tasks(derived: RemoteServer) -> None:
    server = derived
    _warm_up(server)
    async with AsyncHeyGen(api_key=CANARY_KEY, base_url=server.url, clock=NO_WAIT) as warm:
        creation = await warm.avatars.create_photo(name="warm-up-async", photo=JPEG)
        [group async for group in warm.avatars.list(limit=2)]
        await warm.avatars.wait_until_ready(creation.group_id, poll_interval=0.01)
    server.reset()
    fds = baseline_fds()
    objects = _live_objects()
    client = AsyncHeyGen(
        api_key=CANARY_KEY, base_url=server.url, timeout=30.0, clock=NO_WAIT, max_keepalive=KEPT_ALIVE
    )

    async def guarded(name: str, step: Any) -> Any:
        try:
            return await step
        except heygen.HeyGenError as error:
            return f"{name}: {error!r}"

    # In rounds, one call per task each (as the v2 test does, for the same httpcore reason).
    names = [f"task{number}" for number in range(TASKS)]
    try:
        creations = await asyncio.gather(
            *(guarded(name, client.avatars.create_photo(name=name, photo=JPEG)) for name in names)
        )
        pages = await asyncio.gather(*(guarded(name, client.avatars.list(limit=2)) for name in names))
        listed: list[list[str]] = [[] for _ in names]
        while any(isinstance(page, heygen.AsyncPage) for page in pages):
            for seen, page in zip(listed, pages, strict=True):
                if isinstance(page, heygen.AsyncPage):
                    seen += [group.id for group in page.items]
            pages = await asyncio.gather(
                *(
                    guarded(name, page.next_page()) if isinstance(page, heygen.AsyncPage) else _none()
                    for name, page in zip(names, pages, strict=True)
                )
            )
        ready = await asyncio.gather(
            *(
                guarded(name, client.avatars.wait_until_ready(creation.group_id, poll_interval=0.01))
                if isinstance(creation, heygen.AvatarCreation)
                else _none()
                for name, creation in zip(names, creations, strict=True)
            )
        )
        in_use, states = sockets_to(server.port), socket_states(server.port)
    finally:
        await client.aclose()
    failures = [f for f in [*creations, *pages, *ready] if isinstance(f, str)]
    for name, creation, seen, group in zip(names, creations, listed, ready, strict=True):
        if not isinstance(creation, str) and not isinstance(group, str):
            try:
                _check_round(name, creation, seen, group)
            except AssertionError as error:
                failures.append(f"{name}: {error}")
    del client, creations, pages, ready, listed, creation, group
    left = _live_objects() - objects
    keys = server.state()["keys"]
    assert failures == []
    assert len(keys) == len(set(keys)) == TASKS
    assert 0 < in_use <= at_most_pooled(KEPT_ALIVE), states
    assert sockets_to(server.port) == 0
    assert settle(fds) == fds
    assert left < OBJECT_SLACK, f"{left} more objects alive than before"
    TALLY.concurrent_calls += TASKS * 6
