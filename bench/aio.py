"""Async throughput with 64 calls in flight: like with like, and the pools users get by default.

Four contenders make the same `GET` training-status call against `bench.server`:

- raw `httpx.AsyncClient` on a pool that fits 64 calls in flight (64 connections, 64 kept alive):
  the baseline;
- `AsyncHeyGen` handed an `httpx.AsyncClient` with that same pool: the SDK's own cost;
- `AsyncHeyGen()` with its default pool: what a user gets;
- `httpx.AsyncClient()` with httpx's default pool (20 kept alive): what a user of raw httpx gets.

Each round is measured in steady use: the contender's 64 workers start one by one over
`ramp_s`, call without pause for `warm_s` untimed, then for `timed_s` counted. How a round starts
matters. A pool that has just opened 64 connections is several times slower per call than the
same pool holding only the dozen or so that the calls in flight keep busy: httpcore scans every
connection, and polls each idle one's socket, on every request and response, and the unused ones
go only when they idle past the keep-alive expiry (5 s). Interleaved rounds leave each pool idle
while the others run, so every round starts empty; 64 workers starting at once would open 64
connections and measure that transient, and how long it lasts varies from seconds to more than a
round. Started one by one, they open only what the calls in flight use, but a start still piles
up calls now and then, and the connections opened for them stay until they have idled 5 s. So
the warm-up lasts longer than the keep-alive expiry (`make bench`: 6 s). In one comparison,
counted from 3 s in, 20 of 32 rounds held 16 to 25 connections; counted from 7 s in, 5 of 24
held more than 14, the rest the 13 or so that the calls keep busy. Should a pool still hold
more than half as many connections as calls in flight, the warm-up waits for it to shrink. The
pool's size is read while counted, and each row shows the range it held: per call, the CPU
grows with it (roughly 1,450 us at 13 connections, 2,300 us at 23), which is why the
contenders are also compared at one pool size (`bench.equal_pool`).

Rounds are interleaved (A B C D, then D C B A, ...). Each contender's ratio is the median of its
per-round ratios to the baseline's neighbouring round, which cancels most of the drift in a shared
machine's load. CPU is this process's time per call; GC is the part of it spent collecting garbage.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bench.calls import API_KEY, GROUP_ID, STATUS_PATH
from bench.equal_pool import at_equal_pool

CONCURRENCY = 64
SETTLE_LIMIT = 5  # a warm-up ends after this many times its minimum, settled or not
PEEKS = 30  # times the pool's size is read while a round is counted
AsyncCall = Callable[[], Awaitable[object]]

LABELS = {
    "raw_httpx": "raw httpx.AsyncClient, 64/64 pool",
    "heygen": "heygen.AsyncHeyGen, the same 64/64 pool",
    "heygen_default": "heygen.AsyncHeyGen(), its default pool",
    "raw_httpx_default": "raw httpx.AsyncClient(), its default pool",
}


class GCTimer:
    """CPU seconds spent in garbage collections while installed (`gc.callbacks`)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started


async def throughput_round(
    call: AsyncCall, total: int, gc_timer: GCTimer | None = None, concurrency: int = CONCURRENCY
) -> dict[str, float]:
    """Calls per second, and client CPU and GC µs per call, for `total` calls, `concurrency` at a time.

    Before the clock starts, every worker makes one untimed call, so the round does not time the
    opening of connections that its pool closed while it sat idle between interleaved rounds.
    The round still starts with a freshly filled pool, the costly regime the module's docstring
    describes: used for the short v3 and in-process rounds, where 16 calls in flight (or no
    sockets) keep that cost small; `steady_round` is for the 64-in-flight comparison.
    """
    per_worker = total // concurrency

    async def worker(calls: int) -> None:
        for _ in range(calls):
            await call()

    await asyncio.gather(*(worker(1) for _ in range(concurrency)))
    gc_before = gc_timer.seconds if gc_timer else 0.0
    started, cpu_started = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(per_worker) for _ in range(concurrency)))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    done = per_worker * concurrency
    gc_seconds = (gc_timer.seconds if gc_timer else 0.0) - gc_before
    return {"calls_per_s": done / wall, "cpu_us": cpu / done * 1e6, "gc_us": gc_seconds / done * 1e6}


async def steady_round(
    call: AsyncCall,
    *,
    ramp_s: float,
    warm_s: float,
    timed_s: float,
    connections: Callable[[], int] | None = None,
    gc_timer: GCTimer | None = None,
    concurrency: int = CONCURRENCY,
) -> dict[str, float]:
    """`throughput_round`'s figures for calls made without pause: workers started one by one over
    `ramp_s`, then at least `warm_s` untimed, then `timed_s` counted.

    Starting the workers one by one lets the pool open only the connections that the calls in
    flight use, where 64 workers starting at once would open 64 (the costly regime the module's
    docstring describes). With `connections` (how many the pool holds), the warm-up also goes on
    until the pool holds no more than half the calls in flight, for up to `SETTLE_LIMIT` times
    `warm_s`, and the count is read `PEEKS` times while counted: the row gives the fewest and the
    most it held, so a pool that grew mid-round shows in the table.
    """
    counting = stopping = False
    done = 0

    async def worker() -> None:
        nonlocal done
        while not stopping:
            await call()
            if counting:
                done += 1

    workers: list[asyncio.Future[None]] = []
    held: list[int] = []
    try:
        for _ in range(concurrency):
            workers.append(asyncio.ensure_future(worker()))
            await asyncio.sleep(ramp_s / concurrency)
        warm_started = time.perf_counter()
        await asyncio.sleep(warm_s)
        while connections is not None and connections() > concurrency // 2:
            if time.perf_counter() - warm_started > warm_s * SETTLE_LIMIT:
                break
            await asyncio.sleep(warm_s / 20)
        warmed = time.perf_counter() - warm_started
        counting = True
        gc_before = gc_timer.seconds if gc_timer else 0.0
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(PEEKS):
            if connections is not None:
                held.append(connections())
            await asyncio.sleep(timed_s / PEEKS)
        counting = False
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        gc_seconds = (gc_timer.seconds if gc_timer else 0.0) - gc_before
    finally:
        stopping = True
        await asyncio.gather(*workers)
    counted = max(done, 1)
    return {
        "calls": done,
        "warm_s": warmed,
        "connections_min": min(held, default=0),
        "connections": max(held, default=0),
        "connections_mean": statistics.fmean(held) if held else 0.0,
        "calls_per_s": counted / wall,
        "cpu_us": cpu / counted * 1e6,
        "gc_us": gc_seconds / counted * 1e6,
    }


def pool_size(client: httpx.AsyncClient) -> Callable[[], int]:
    """How many connections the client's pool holds now (httpx exposes no public count)."""
    pool = client._transport._pool  # type: ignore[attr-defined]
    return lambda: len(pool.connections)


def _json(response: httpx.Response) -> object:
    response.raise_for_status()
    return response.json()


async def _run(
    url: str, rounds: int, ramp_s: float, warm_s: float, timed_s: float
) -> dict[str, list[dict[str, float]]]:
    import heygen

    fits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    headers = {"x-api-key": API_KEY}
    async with (
        httpx.AsyncClient(base_url=url, headers=headers, limits=fits) as raw,
        httpx.AsyncClient(limits=fits) as pool,
        heygen.AsyncHeyGen(api_key=API_KEY, base_url=url, http_client=pool) as same_pool,
        heygen.AsyncHeyGen(api_key=API_KEY, base_url=url) as default,
        httpx.AsyncClient(base_url=url, headers=headers) as raw_default,
    ):

        async def raw_call() -> object:
            return _json(await raw.get(STATUS_PATH))

        async def raw_default_call() -> object:
            return _json(await raw_default.get(STATUS_PATH))

        calls: dict[str, AsyncCall] = {
            "raw_httpx": raw_call,
            "heygen": lambda: same_pool.photo_avatars.training_status(GROUP_ID),
            "heygen_default": lambda: default.photo_avatars.training_status(GROUP_ID),
            "raw_httpx_default": raw_default_call,
        }
        pools = {
            "raw_httpx": pool_size(raw),
            "heygen": pool_size(pool),
            "heygen_default": pool_size(default._http_client),
            "raw_httpx_default": pool_size(raw_default),
        }
        gc_timer = GCTimer()
        gc.callbacks.append(gc_timer)
        samples: dict[str, list[dict[str, float]]] = {key: [] for key in calls}
        try:
            for round_ in range(rounds):
                order = list(calls) if round_ % 2 == 0 else list(reversed(calls))
                for key in order:
                    # Raw httpx leaves its responses to the cyclic collector: collect what the
                    # previous contender left, so that no round pays for another's garbage.
                    gc.collect()
                    row = await steady_round(
                        calls[key],
                        ramp_s=ramp_s,
                        warm_s=warm_s,
                        timed_s=timed_s,
                        connections=pools[key],
                        gc_timer=gc_timer,
                    )
                    samples[key].append(row)
        finally:
            gc.callbacks.remove(gc_timer)
    return samples


def _summarise(samples: dict[str, list[dict[str, float]]], rounds: int) -> dict[str, dict[str, Any]]:
    base = samples["raw_httpx"]
    result: dict[str, dict[str, Any]] = {}
    for key, rows in samples.items():
        result[key] = {
            "label": LABELS[key],
            "median_calls_per_s": statistics.median(r["calls_per_s"] for r in rows),
            "cpu_us_per_call": statistics.median(r["cpu_us"] for r in rows),
            "gc_us_per_call": statistics.median(r["gc_us"] for r in rows),
            "throughput_ratio": statistics.median(
                r["calls_per_s"] / b["calls_per_s"] for r, b in zip(rows, base, strict=True)
            ),
            "cpu_ratio": statistics.median(
                r["cpu_us"] / b["cpu_us"] for r, b in zip(rows, base, strict=True)
            ),
            "rounds": rounds,
            "calls_per_round": statistics.median(r.get("calls", 0) for r in rows),
            "connections": [int(r.get("connections", 0)) for r in rows],
            "connections_min": [int(r.get("connections_min", 0)) for r in rows],
            "per_round": [
                {
                    "calls_per_s": round(r["calls_per_s"], 1),
                    "cpu_us": round(r["cpu_us"], 1),
                    "connections_mean": round(r["connections_mean"], 2),
                }
                for r in rows
            ],
            "warm_s": [round(r.get("warm_s", 0.0), 1) for r in rows],
        }
    return result


def async_throughput(
    url: str, *, rounds: int, ramp_s: float, warm_s: float, timed_s: float
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Calls per second with 64 in flight: raw `httpx.AsyncClient` and `AsyncHeyGen`, two pools each.

    Returns each contender's medians, and the contenders compared at the same pool size
    (`bench.equal_pool`).
    """
    samples = asyncio.run(_run(url, rounds, ramp_s, warm_s, timed_s))
    return _summarise(samples, rounds), at_equal_pool(samples)
