"""One v3 client shared by 32 threads (sync) or 256 tasks (async), creating, listing and waiting.

The server derives each answer from the request (a group id from the avatar's name, a list page
from its token, a group that is `processing` at its first poll and `completed` after), so each
call can check it got its own answer, not a neighbour's; every create carries a key of its own.
Afterwards no socket to the server is left open, the process holds the file descriptors it held
before, and the memory the calls allocated is released.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import threading
import tracemalloc
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from tests.reliability.test_concurrency import NO_WAIT, POOL_LIMIT, settle
from tests.support.server import Answer, Received, Reply, ScriptedServer, scripted_server
from tests.support.sockets import HAVE_PROC, baseline_fds, sockets_to
from tests.support.tally import TALLY
from tests.support.v3 import GROUP, JPEG, LOOK, v3_error
from tests.unit.conftest import CANARY_KEY

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="counts sockets through /proc")

THREADS, ROUNDS_PER_THREAD = 32, 3
TASKS = 256
MEMORY_SLACK = 2_000_000  # bytes still traced after the run, at most (caches, interned strings)
# The async run is checked by live objects: tracemalloc would make 1,500 calls take 4x longer.
OBJECT_SLACK = 2_000


def group_id_of(name: str) -> str:
    return "ag_" + hashlib.sha256(name.encode()).hexdigest()[:16]


class DerivedV3:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.polls: dict[str, int] = {}
        self.keys: list[str] = []

    def reply(self, received: Received) -> Reply:
        if received.headers.get("x-api-key") != CANARY_KEY:
            return Reply(401, v3_error("unauthorized", "no key"))
        url = urlsplit(received.path)
        if received.method == "POST" and url.path == "/v3/avatars":
            name = received.json()["name"]
            with self._lock:
                self.keys.append(received.headers["idempotency-key"])
            group = {**GROUP, "id": group_id_of(name), "name": name}
            look = {**LOOK, "id": "look_" + group["id"][3:], "group_id": group["id"], "name": name}
            return Reply(200, {"data": {"avatar_item": look, "avatar_group": group}})
        if url.path == "/v3/avatars":
            token = parse_qs(url.query).get("token", ["0"])[0]
            page = int(token)
            items = [{**GROUP, "id": f"ag_page{page}_{i}"} for i in range(2)]
            more = page < 2
            return Reply(
                200, {"data": items, "has_more": more, "next_token": str(page + 1) if more else None}
            )
        group_id = url.path.rsplit("/", 1)[1]
        with self._lock:
            polls = self.polls[group_id] = self.polls.get(group_id, 0) + 1
        status = "processing" if polls == 1 else "completed"
        return Reply(200, {"data": {**GROUP, "id": group_id, "status": status}})


@pytest.fixture
def derived() -> Iterator[tuple[ScriptedServer, DerivedV3]]:
    api = DerivedV3()
    with scripted_server() as server:
        server.default = Answer(api.reply)
        yield server, api


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


def _warm_up(server: ScriptedServer, api: DerivedV3) -> None:
    """One round first, so lazy imports and one-time caches are not counted as held memory."""
    with HeyGen(api_key=CANARY_KEY, base_url=server.url, clock=NO_WAIT) as client:
        creation = client.avatars.create_photo(name="warm-up", photo=JPEG)
        list(client.avatars.list(limit=2))
        client.avatars.wait_until_ready(creation.group_id, poll_interval=0.01)
    server.received.clear()
    api.keys.clear()


def _held(before: int, server: ScriptedServer, api: DerivedV3) -> int:
    """Bytes still traced after the run, less what the test server keeps of what it received."""
    server.received.clear()
    api.polls.clear()
    return _memory_baseline() - before


def test_one_v3_client_shared_by_32_threads(derived: tuple[ScriptedServer, DerivedV3]) -> None:
    server, api = derived
    _warm_up(server, api)
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
            in_use = sockets_to(server.port)
        finally:
            client.close()
        del threads
        keys = list(api.keys)
        api.keys.clear()
        held = _held(before, server, api)
    finally:
        tracemalloc.stop()
    assert failures == []
    assert len(keys) == len(set(keys)) == THREADS * ROUNDS_PER_THREAD
    assert 0 < in_use <= THREADS
    assert sockets_to(server.port) == 0
    assert settle(fds) == fds
    assert held < MEMORY_SLACK, f"{held} bytes still held"
    TALLY.concurrent_calls += THREADS * ROUNDS_PER_THREAD * 6  # create, 3 pages, 2 polls


async def test_one_v3_client_shared_by_256_tasks(derived: tuple[ScriptedServer, DerivedV3]) -> None:
    server, api = derived
    _warm_up(server, api)
    async with AsyncHeyGen(api_key=CANARY_KEY, base_url=server.url, clock=NO_WAIT) as warm:
        creation = await warm.avatars.create_photo(name="warm-up-async", photo=JPEG)
        [group async for group in warm.avatars.list(limit=2)]
        await warm.avatars.wait_until_ready(creation.group_id, poll_interval=0.01)
    api.keys.clear()
    fds = baseline_fds()
    objects = _live_objects()
    client = AsyncHeyGen(api_key=CANARY_KEY, base_url=server.url, timeout=30.0, clock=NO_WAIT)

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
        in_use = sockets_to(server.port)
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
    keys = list(api.keys)
    api.keys.clear()
    server.received.clear()
    api.polls.clear()
    left = _live_objects() - objects
    assert failures == []
    assert len(keys) == len(set(keys)) == TASKS
    assert 0 < in_use <= POOL_LIMIT
    assert sockets_to(server.port) == 0
    assert settle(fds) == fds
    assert left < OBJECT_SLACK, f"{left} more objects alive than before"
    TALLY.concurrent_calls += TASKS * 6
