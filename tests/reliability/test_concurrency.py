"""One client shared by many threads (sync) or tasks (async): every call gets its own answer.

The server derives each answer from the request (flow_id from the group id, a status per group,
a 404 for `missing-` groups, one 503 before success for `flaky-` groups), so each call can check
it got the right one, not a neighbour's. It runs in a child process (`tests.support.remote`), so
the client has this process to itself. Afterwards no socket to the server is left open and the
process holds the file descriptors it held before.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen, TrainingState
from tests.support.clock import SkipClock
from tests.support.derived import expected_flow_id, expected_state, request_id
from tests.support.remote import RemoteServer
from tests.support.sockets import HAVE_PROC, at_most_pooled, baseline_fds, open_fds, socket_states, sockets_to
from tests.support.tally import TALLY
from tests.unit.conftest import CANARY_KEY

pytestmark = pytest.mark.skipif(not HAVE_PROC, reason="counts sockets through /proc")

THREADS, CALLS_PER_THREAD = 32, 12
TASKS, ROUNDS = 256, 4
QUEUED_POOL = 16  # the async v2 test's pool: far fewer connections than tasks
# Zero jitter: a retry waits 0 s. (Skipped sleeps would add up across calls on a shared clock.)
NO_WAIT = SkipClock(random_fraction=0.0)


def plan(worker: int, calls: int) -> list[tuple[str, str, bool]]:
    """(method, group id, raw?) for each call of one worker: a mix of everything."""
    kinds = ["ok", "flaky", "missing", "ok"]
    return [
        (
            "train" if (worker + i) % 2 == 0 else "status",
            f"{kinds[(worker // 2 + i) % 4]}-w{worker}-c{i}",
            (worker + i) % 3 == 0,
        )
        for i in range(calls)
    ]


def check(method: str, group_id: str, raw: bool, outcome: Any) -> None:
    """Raise AssertionError unless `outcome` is this call's own answer."""
    if group_id.startswith("missing-"):
        assert isinstance(outcome, heygen.NotFoundError), repr(outcome)
        assert outcome.request_id == request_id(group_id)
        assert group_id in outcome.message
        return
    assert not isinstance(outcome, BaseException), repr(outcome)
    if raw:
        assert outcome.request_id == request_id(group_id)
        assert outcome.attempts == (2 if group_id.startswith("flaky-") else 1)
        outcome = outcome.parse()
    assert outcome.group_id == group_id
    if method == "train":
        assert outcome.flow_id == expected_flow_id(group_id)
        assert outcome.photo_avatar_count == len(group_id) % 7
    else:
        assert outcome.state is TrainingState(expected_state(group_id))
        assert outcome.error_message == (f"why {group_id}" if outcome.state is TrainingState.FAILED else None)


def settle(fds: int, seconds: float = 3.0) -> int:
    """The process's fd count once the sockets the client closed are released (an event loop
    closes a transport on its next turn)."""
    deadline = time.monotonic() + seconds
    while open_fds() > fds and time.monotonic() < deadline:
        time.sleep(0.02)
    return open_fds()


def test_one_client_shared_by_32_threads(derived: RemoteServer) -> None:
    fds = baseline_fds()
    failures: list[str] = []
    start = threading.Barrier(THREADS)
    client = HeyGen(api_key=CANARY_KEY, base_url=derived.url, timeout=10.0, clock=NO_WAIT)

    def worker(number: int) -> None:
        start.wait()
        for method, group_id, raw in plan(number, CALLS_PER_THREAD):
            resource: Any = client.photo_avatars.with_raw_response if raw else client.photo_avatars
            try:
                outcome: Any = getattr(resource, "train" if method == "train" else "training_status")(
                    group_id
                )
            except heygen.HeyGenError as error:
                outcome = error
            try:
                check(method, group_id, raw, outcome)
            except AssertionError as error:
                failures.append(f"{method} {group_id}: {error}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        in_use, states = sockets_to(derived.port), socket_states(derived.port)
    finally:
        client.close()
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    assert 0 < in_use <= at_most_pooled(THREADS), states  # about one connection per thread in flight
    assert sockets_to(derived.port) == 0
    assert settle(fds) == fds
    TALLY.concurrent_calls += THREADS * CALLS_PER_THREAD


async def test_one_client_shared_by_256_tasks(derived: RemoteServer) -> None:
    """256 tasks at once on one client whose pool holds 16 connections, in rounds of one call each.

    Each round queues 240 requests behind the pool: calls, and their retries, wait for a
    connection another task has just used. (The v3 test lets its 256 tasks open a connection
    each, and closes those past the 16 kept alive as they go idle.) The small pool and
    the rounds are for httpcore's sake: each time a request comes or goes, it walks every queued
    request against every connection (encode/httpcore#1035; plain httpx takes ~12 s for 256 tasks
    x 4 calls in one loop per task), which would time httpcore rather than the SDK.
    """
    fds = baseline_fds()
    client = AsyncHeyGen(
        api_key=CANARY_KEY, base_url=derived.url, timeout=30.0, clock=NO_WAIT, max_connections=QUEUED_POOL
    )
    plans = [plan(number, ROUNDS) for number in range(TASKS)]

    async def one_call(method: str, group_id: str, raw: bool) -> str | None:
        resource: Any = client.photo_avatars.with_raw_response if raw else client.photo_avatars
        try:
            outcome: Any = await getattr(resource, "train" if method == "train" else "training_status")(
                group_id
            )
        except heygen.HeyGenError as error:
            outcome = error
        try:
            check(method, group_id, raw, outcome)
        except AssertionError as error:
            return f"{method} {group_id}: {error}"
        return None

    failures: list[str | None] = []
    try:
        for round_number in range(ROUNDS):
            failures += await asyncio.gather(*(one_call(*calls[round_number]) for calls in plans))
        in_use, states = sockets_to(derived.port), socket_states(derived.port)
    finally:
        await client.aclose()
    assert [failure for failure in failures if failure is not None] == []
    assert 0 < in_use <= QUEUED_POOL, states
    assert sockets_to(derived.port) == 0
    assert settle(fds) == fds
    TALLY.concurrent_calls += TASKS * ROUNDS
