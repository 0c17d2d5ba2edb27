"""What a call costs on loopback: the SDK next to raw httpx, and OpenAI's SDK next to its own.

Every contender talks to the same `bench.server` process. Sync latency is timed call by call, in
interleaved rounds (A, B, C, C, B, A, ...) so that drift in the machine's load hits every
contender alike; the figure is the median. Async throughput runs 64 calls at a time. Memory is
what tracemalloc still sees held after N calls on one client, at two values of N.
"""

from __future__ import annotations

import asyncio
import gc
import os
import select
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
API_KEY = "bench-key"
GROUP_ID = "46b0c8af19ea12eabbd86a3cc8abeb17"
MODEL_ID = "gpt-4o-mini"
STATUS_PATH = f"/v2/photo_avatar/train/status/{GROUP_ID}"
TRAIN_PATH = "/v2/photo_avatar/train"
MODEL_PATH = f"/v1/models/{MODEL_ID}"
CONCURRENCY = 64  # async calls in flight

Call = Callable[[], object]


@contextmanager
def running_server() -> Iterator[str]:
    """Start `bench.server` in its own process; yield its base URL; stop it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.server"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30.0)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("port "):
            raise RuntimeError(f"bench.server did not start (said {line!r})")
        url = f"http://127.0.0.1:{int(line.split()[1])}"
        deadline = time.monotonic() + 30.0
        while True:
            try:
                if httpx.get(url + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Contender:
    """One way of making the call being measured."""

    key: str
    label: str
    call: Call


def _json(response: httpx.Response) -> object:
    response.raise_for_status()
    return response.json()


def sync_contenders(url: str, stack: ExitStack) -> dict[str, list[Contender]]:
    """The sync contenders, by group; the first of each group is its baseline."""
    import httpx2
    import openai
    from heygen_api_client import AuthenticatedClient
    from heygen_api_client.api.photo_avatar import get_training_job_status, train_photo_avatar_group
    from heygen_api_client.models import TrainPhotoAvatarGroupBody

    import heygen

    raw = stack.enter_context(httpx.Client(base_url=url, headers={"x-api-key": API_KEY}))
    generated = stack.enter_context(
        AuthenticatedClient(base_url=url, token=API_KEY, auth_header_name="x-api-key", prefix="")
    )
    facade = stack.enter_context(heygen.HeyGen(api_key=API_KEY, base_url=url))
    bearer = {"Authorization": f"Bearer {API_KEY}"}
    raw_openai = stack.enter_context(httpx.Client(base_url=url, headers=bearer))
    raw2_openai = stack.enter_context(httpx2.Client(base_url=url, headers=bearer))
    peer = stack.enter_context(openai.OpenAI(base_url=url + "/v1", api_key=API_KEY, max_retries=0))
    train_body = {"group_id": GROUP_ID}

    def raw2_model() -> object:
        response = raw2_openai.get(MODEL_PATH)
        response.raise_for_status()
        return response.json()

    return {
        "status": [
            Contender("raw_httpx", "raw httpx.Client", lambda: _json(raw.get(STATUS_PATH))),
            Contender(
                "generated",
                "generated client alone",
                lambda: get_training_job_status.sync_detailed(GROUP_ID, client=generated).parsed,
            ),
            Contender("heygen", "heygen.HeyGen", lambda: facade.photo_avatars.training_status(GROUP_ID)),
        ],
        "train": [
            Contender("raw_httpx", "raw httpx.Client", lambda: _json(raw.post(TRAIN_PATH, json=train_body))),
            Contender(
                "generated",
                "generated client alone",
                lambda: (
                    train_photo_avatar_group.sync_detailed(
                        client=generated, body=TrainPhotoAvatarGroupBody(group_id=GROUP_ID)
                    ).parsed
                ),
            ),
            Contender("heygen", "heygen.HeyGen", lambda: facade.photo_avatars.train(GROUP_ID)),
        ],
        "openai": [
            Contender("raw_httpx", "raw httpx.Client", lambda: _json(raw_openai.get(MODEL_PATH))),
            Contender("raw_httpx2", "raw httpx2.Client (openai's HTTP library)", raw2_model),
            Contender("openai", "openai.OpenAI", lambda: peer.models.retrieve(MODEL_ID)),
        ],
    }


def per_call_latency(
    groups: dict[str, list[Contender]], *, rounds: int, batch: int, warmup: int
) -> dict[str, dict[str, dict[str, float]]]:
    """Median (and spread) of single calls in µs, by group and contender, interleaved by round.

    Also the client's CPU time per call (this process only, so the server's share and time spent
    waiting for a busy machine's CPUs are left out): the steadier figure on a shared machine.
    """
    contenders = [c for group in groups.values() for c in group]
    for contender in contenders:
        for _ in range(warmup):
            contender.call()
    samples: dict[int, list[int]] = {id(c): [] for c in contenders}
    cpu: dict[int, int] = {id(c): 0 for c in contenders}
    clock, cpu_clock = time.perf_counter_ns, time.process_time_ns
    for round_ in range(rounds):
        # A, B, C, then C, B, A: no contender always runs right after the same other one.
        for contender in contenders if round_ % 2 == 0 else contenders[::-1]:
            call, times = contender.call, samples[id(contender)]
            cpu_started = cpu_clock()
            for _ in range(batch):
                started = clock()
                call()
                times.append(clock() - started)
            cpu[id(contender)] += cpu_clock() - cpu_started
    result: dict[str, dict[str, dict[str, float]]] = {}
    for name, group in groups.items():
        result[name] = {}
        for contender in group:
            times = samples[id(contender)]
            deciles = statistics.quantiles(times, n=10)
            result[name][contender.key] = {
                "median_us": statistics.median(times) / 1000,
                "p10_us": deciles[0] / 1000,
                "p90_us": deciles[-1] / 1000,
                "cpu_us_per_call": cpu[id(contender)] / len(times) / 1000,
                "calls": len(times),
            }
    return result


def _retained_kib(call: Call, counts: tuple[int, ...]) -> list[float]:
    """KiB still allocated (per tracemalloc) after each count of calls, above a warmed-up start."""
    for _ in range(200):  # fill the caches a first call fills (regex, URL, pool)
        call()
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        done, retained = 0, []
        for count in counts:
            for _ in range(count - done):
                call()
            done = count
            gc.collect()
            retained.append((tracemalloc.get_traced_memory()[0] - baseline) / 1024)
        return retained
    finally:
        tracemalloc.stop()


def memory(url: str, counts: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """Memory held by one client after `counts[0]` and then `counts[1]` calls: it must not grow."""
    import heygen

    result: dict[str, dict[str, Any]] = {}
    with heygen.HeyGen(api_key=API_KEY, base_url=url) as facade:
        kib = _retained_kib(lambda: facade.photo_avatars.training_status(GROUP_ID), counts)
        result["heygen"] = {"calls": list(counts), "retained_kib": kib}
    with httpx.Client(base_url=url, headers={"x-api-key": API_KEY}) as raw:
        kib = _retained_kib(lambda: _json(raw.get(STATUS_PATH)), counts)
        result["raw_httpx"] = {"calls": list(counts), "retained_kib": kib}
    return result


def load_average() -> float:
    return os.getloadavg()[0]


def _mock_transport() -> httpx.MockTransport:
    """Answers like `bench.server`, in process: what is left to measure is the client's own work."""
    from bench.server import STATUS_PREFIX, TRAIN_PATH, spec_example

    bodies = {
        "POST": spec_example(TRAIN_PATH, "post", "Result"),
        "GET": spec_example(STATUS_PREFIX + "{group_id}", "get", "Ready"),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        body = bodies[request.method]
        return httpx.Response(
            200, content=body, headers={"content-type": "application/json", "content-length": str(len(body))}
        )

    return httpx.MockTransport(handler)


def in_process(*, rounds: int, batch: int) -> dict[str, dict[str, float]]:
    """CPU µs per call with no sockets at all (`httpx.MockTransport`), raw httpx against the SDK.

    No network, server or connection pool: the difference is what the SDK itself adds to a call,
    sync and async (64 in flight), measured in interleaved rounds (median of the rounds).
    """
    import heygen
    from bench.aio import throughput_round

    transport = _mock_transport()
    url = "http://127.0.0.1:9"
    stack = ExitStack()
    raw = stack.enter_context(httpx.Client(base_url=url, headers={"x-api-key": API_KEY}, transport=transport))
    pool = stack.enter_context(httpx.Client(transport=transport))
    facade = stack.enter_context(heygen.HeyGen(api_key=API_KEY, base_url=url, http_client=pool))
    train_body = {"group_id": GROUP_ID}
    sync_calls: dict[str, Call] = {
        "status_raw_httpx": lambda: _json(raw.get(STATUS_PATH)),
        "status_heygen": lambda: facade.photo_avatars.training_status(GROUP_ID),
        "train_raw_httpx": lambda: _json(raw.post(TRAIN_PATH, json=train_body)),
        "train_heygen": lambda: facade.photo_avatars.train(GROUP_ID),
    }
    cpu: dict[str, list[float]] = {key: [] for key in (*sync_calls, "async_raw_httpx", "async_heygen")}
    for call in sync_calls.values():
        for _ in range(batch):
            call()
    for round_ in range(rounds):
        for key, call in sync_calls.items() if round_ % 2 == 0 else reversed(sync_calls.items()):
            started = time.process_time()
            for _ in range(batch):
                call()
            cpu[key].append((time.process_time() - started) / batch)

    async def run_async() -> None:
        async with (
            httpx.AsyncClient(base_url=url, headers={"x-api-key": API_KEY}, transport=transport) as raw,
            httpx.AsyncClient(transport=transport) as pool,
            heygen.AsyncHeyGen(api_key=API_KEY, base_url=url, http_client=pool) as facade,
        ):

            async def raw_call() -> object:
                return _json(await raw.get(STATUS_PATH))

            async def facade_call() -> object:
                return await facade.photo_avatars.training_status(GROUP_ID)

            calls = {"async_raw_httpx": raw_call, "async_heygen": facade_call}
            for call in calls.values():
                await throughput_round(call, CONCURRENCY * 4)
            for round_ in range(rounds):
                for key, call in calls.items() if round_ % 2 == 0 else reversed(calls.items()):
                    cpu[key].append((await throughput_round(call, CONCURRENCY * 4))["cpu_us"] / 1e6)

    with stack:
        asyncio.run(run_async())
    return {key: {"cpu_us_per_call": statistics.median(values) * 1e6} for key, values in cpu.items()}
