"""What raw httpx costs with many calls in flight: the part of the async gap that is httpx's, shown alone.

No SDK here: only `httpx.AsyncClient` against `bench.server`, 64 calls in flight.

1. Every response httpx reads is freed only by the garbage collector: the response's stream
   (`BoundAsyncStream`) points back at the response. With 64 calls in flight, those cycles live
   through young collections into older generations, whose collections then cost more CPU.
2. httpcore's pool closes every idle connection as soon as the pool holds more connections than
   `max_keepalive_connections` (it compares the pool's size, not its idle count, with the limit).
   With httpx's default (20 kept alive) and 64 calls in flight, calls keep opening connections:
   the "churn" column, connections opened per 1,000 calls in a round right after a warm one.
3. httpcore manages its pool by scanning every connection (and, for the idle ones, polling the
   socket) for each queued request, on every request and every response: CPU per call grows
   with the connections the pool holds, so at 64 in flight a 16-connection pool costs less CPU
   per call than a 64-connection one on loopback (where queueing costs little and reconnects
   are cheap; over TLS to a distant API, kept-alive connections win).
4. In one such scan, every queued request is handed the same first idle connection (it stays
   idle until the request's task runs), so all but one find it taken and go round again
   (`ConnectionNotAvailable`, then another scan): the "retried" column, per call.
5. Every response is searched for cookies (`Cookies.extract_cookies`) through urllib request and
   response objects built for `http.cookiejar`, even one without a `Set-Cookie` header, which
   cannot set any: its CPU per call, next to a whole sync `client.get()`.

    python -m bench.httpx_repro [--calls N] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import time
from collections import Counter
from typing import Any

import httpcore
import httpx
from httpcore._async.connection_pool import AsyncConnectionPool
from httpcore._async.http11 import AsyncHTTP11Connection

from bench.aio import CONCURRENCY, AsyncCall, GCTimer, throughput_round
from bench.calls import API_KEY, STATUS_PATH, load_average, running_server

POOLS = {
    "16/16": httpx.Limits(max_connections=16, max_keepalive_connections=16),
    "64/64": httpx.Limits(max_connections=64, max_keepalive_connections=64),
    "100/20 (httpx default)": httpx.Limits(max_connections=100, max_keepalive_connections=20),
    "1000/100 (heygen default)": httpx.Limits(max_connections=1000, max_keepalive_connections=100),
}


def cyclic_garbage_per_call(url: str, calls: int = 200) -> dict[str, int]:
    """What one `client.get()` leaves for the garbage collector, by type, once its response is dropped."""
    with httpx.Client(base_url=url, headers={"x-api-key": API_KEY}) as client:
        for _ in range(20):
            client.get(STATUS_PATH).json()
        gc.collect()
        gc.disable()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            for _ in range(calls):
                client.get(STATUS_PATH).json()
            gc.collect()
            kinds = Counter(type(o).__name__ for o in gc.garbage)
        finally:
            gc.garbage.clear()
            gc.set_debug(0)
            gc.enable()
    return {kind: count // calls for kind, count in kinds.most_common() if count >= calls}


def cookie_search(url: str, calls: int = 2000) -> dict[str, float]:
    """CPU µs per call of a sync `client.get()`, and of the cookie search httpx makes in it."""
    with httpx.Client(base_url=url, headers={"x-api-key": API_KEY}) as client:
        response = client.get(STATUS_PATH)
        assert "set-cookie" not in response.headers, "the bench server sets no cookie"
        for _ in range(100):
            client.get(STATUS_PATH).json()
        started = time.process_time()
        for _ in range(calls):
            client.get(STATUS_PATH).json()
        whole = (time.process_time() - started) / calls * 1e6
        started = time.process_time()
        for _ in range(calls):
            client.cookies.extract_cookies(response)
        search = (time.process_time() - started) / calls * 1e6
    return {"get_us": whole, "cookie_search_us": search}


class _Counted:
    """Counts, while installed, the connections httpcore opens and the requests it sends round again."""

    def __init__(self) -> None:
        self.opened = 0
        self.retried = 0
        self._create = AsyncConnectionPool.create_connection
        self._handle = AsyncHTTP11Connection.handle_async_request

    def __enter__(self) -> _Counted:
        create, handle = self._create, self._handle

        def create_connection(pool: AsyncConnectionPool, origin: Any) -> Any:
            self.opened += 1
            return create(pool, origin)

        async def handle_async_request(connection: AsyncHTTP11Connection, request: Any) -> Any:
            try:
                return await handle(connection, request)
            except httpcore.ConnectionNotAvailable:
                self.retried += 1
                raise

        AsyncConnectionPool.create_connection = create_connection  # type: ignore[method-assign,assignment]
        AsyncHTTP11Connection.handle_async_request = handle_async_request  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        AsyncConnectionPool.create_connection = self._create  # type: ignore[method-assign]
        AsyncHTTP11Connection.handle_async_request = self._handle  # type: ignore[method-assign]


def _getter(client: httpx.AsyncClient) -> AsyncCall:
    async def get() -> object:
        response = await client.get(STATUS_PATH)
        response.raise_for_status()
        return response.json()

    return get


async def pools(url: str, calls: int, rounds: int) -> dict[str, dict[str, float]]:
    """Calls/s, CPU µs per call and connections opened per 1,000 calls, by pool, interleaved rounds."""
    clients = {
        name: httpx.AsyncClient(base_url=url, headers={"x-api-key": API_KEY}, limits=limits)
        for name, limits in POOLS.items()
    }
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in clients}
    gc_timer = GCTimer()
    gc.callbacks.append(gc_timer)
    try:
        for client in clients.values():
            await throughput_round(_getter(client), CONCURRENCY * 4)
        for round_ in range(rounds):
            for name in list(clients) if round_ % 2 == 0 else list(reversed(clients)):
                client = clients[name]
                with _Counted() as counted:
                    row = await throughput_round(_getter(client), calls, gc_timer)
                row["opened_per_1k"] = counted.opened / calls * 1000
                row["retried_per_call"] = counted.retried / calls
                samples[name].append(row)
    finally:
        gc.callbacks.remove(gc_timer)
        for client in clients.values():
            await client.aclose()
    return {
        name: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for name, rows in samples.items()
    }


async def churn(url: str, calls: int) -> dict[str, float]:
    """Connections opened per 1,000 calls by each pool, in a round right after a warm-up round.

    Back to back, so no connection outlives httpx's 5 s keep-alive expiry: what is opened is the
    pool's own doing (in the interleaved rounds above, a busy machine's slow rounds add expiries).
    """
    opened: dict[str, float] = {}
    for name, limits in POOLS.items():
        async with httpx.AsyncClient(base_url=url, headers={"x-api-key": API_KEY}, limits=limits) as client:
            await throughput_round(_getter(client), CONCURRENCY * 4)
            with _Counted() as counted:
                await throughput_round(_getter(client), calls)
        opened[name] = counted.opened / calls * 1000
    return opened


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=640, help="calls per round (default 640)")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds (default 6)")
    args = parser.parse_args()
    with running_server() as url:
        load = load_average()
        garbage = cyclic_garbage_per_call(url)
        by_pool = asyncio.run(pools(url, args.calls, args.rounds))
        opened = asyncio.run(churn(url, args.calls))
        cookies = cookie_search(url)
    print(f"raw httpx {httpx.__version__}, {CONCURRENCY} calls in flight, load average {load:.1f}")
    print(f"\n1. left to the garbage collector by each call: {sum(garbage.values())} objects: {garbage}")
    print(f"\n2./3. by pool (max connections / kept alive), median of {args.rounds} rounds of {args.calls}:")
    print(
        f"  {'pool':<28}{'calls/s':>10}{'CPU':>12}{'GC':>10}{'opened/1k':>12}{'retried':>10}{'churn/1k':>10}"
    )
    for name, row in by_pool.items():
        print(
            f"  {name:<28}{row['calls_per_s']:>10,.0f}{row['cpu_us']:>9,.0f} us"
            f"{row['gc_us']:>7,.0f} us{row['opened_per_1k']:>12,.0f}{row['retried_per_call']:>10.2f}"
            f"{opened[name]:>10,.0f}"
        )
    print(
        f"\n5. a sync client.get() costs {cookies['get_us']:,.0f} us of CPU, of which searching an answer "
        f"that sets no cookie for cookies: {cookies['cookie_search_us']:,.0f} us"
    )


if __name__ == "__main__":
    main()
