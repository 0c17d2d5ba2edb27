"""Every v3 operation the SDK ships, next to raw httpx sending the same requests, sync and async.

The operations: create a photo avatar (from a URL: `POST /v3/avatars`, with an Idempotency-Key on
both sides), get one (`GET /v3/avatars/{id}`), list every group over `V3_PAGES` pages (`GET
/v3/avatars?limit=&token=`, one call is the whole walk), and upload a 1 MiB file (`POST /v3/assets`,
multipart, streamed from disk on both sides). Raw httpx decodes the JSON and stops there; the SDK
also checks the body and builds its typed results, which is part of what is measured.

Sync: one call at a time on a kept-alive connection, interleaved rounds, median per call (as in
`bench.calls`). Async: `ASYNC_CONCURRENCY` calls in flight, interleaved rounds, median calls/s and
CPU per call; each ratio is the median of the rounds' ratios to raw httpx's neighbouring round.
"""

from __future__ import annotations

import asyncio
import statistics
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx

from bench.aio import AsyncCall, throughput_round
from bench.calls import API_KEY, Contender, per_call_latency
from bench.server import ASSETS_PATH, AVATARS_PATH, V3_PAGE_SIZE, V3_PAGES

GROUP = "ag_abc123"
PHOTO_URL = "https://example.com/jane.jpg"
UPLOAD_BYTES = 1024 * 1024
ASYNC_CONCURRENCY = 16
OPERATIONS = {
    "create": "create_photo",
    "get": "retrieve",
    "list": f"list, {V3_PAGES} pages",
    "upload": "upload, 1 MiB",
}
LABELS = {"raw_httpx": "raw httpx", "heygen": "heygen"}


@contextmanager
def photo_file(size: int) -> Iterator[Path]:
    """A JPEG-looking file of `size` bytes in a scratch directory."""
    with TemporaryDirectory() as scratch:
        path = Path(scratch) / "photo.jpg"
        with path.open("wb") as out:
            out.write(b"\xff\xd8\xff\xe0")
            block = bytes(range(256)) * 256
            left = size - 4
            while left > 0:
                out.write(block[:left])
                left -= len(block)
        yield path


def _json(response: httpx.Response) -> Any:
    response.raise_for_status()
    return response.json()


def _create_body() -> dict[str, object]:
    return {"type": "photo", "name": "Jane", "file": {"type": "url", "url": PHOTO_URL}}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _multipart(path: Path, file: Any) -> dict[str, tuple[str, Any, str]]:
    return {"file": (path.name, file, "image/jpeg")}


def sync_contenders(url: str, path: Path, stack: ExitStack) -> dict[str, list[Contender]]:
    """Raw `httpx.Client` and `heygen.HeyGen`, per operation; raw httpx first (the baseline)."""
    import heygen

    raw = stack.enter_context(httpx.Client(base_url=url, headers={"x-api-key": API_KEY}))
    sdk = stack.enter_context(heygen.HeyGen(api_key=API_KEY, base_url=url))

    def raw_list() -> list[Any]:
        items: list[Any] = []
        params: dict[str, str | int] = {"limit": V3_PAGE_SIZE}
        while True:
            page = _json(raw.get(AVATARS_PATH, params=params))
            items += page["data"]
            if not page["has_more"]:
                return items
            params = {"limit": V3_PAGE_SIZE, "token": page["next_token"]}

    def raw_upload() -> object:
        with path.open("rb") as file:
            return _json(raw.post(ASSETS_PATH, files=_multipart(path, file), headers=_key()))

    raw_calls: dict[str, Callable[[], object]] = {
        "create": lambda: _json(raw.post(AVATARS_PATH, json=_create_body(), headers=_key())),
        "get": lambda: _json(raw.get(f"{AVATARS_PATH}/{GROUP}")),
        "list": raw_list,
        "upload": raw_upload,
    }
    sdk_calls: dict[str, Callable[[], object]] = {
        "create": lambda: sdk.avatars.create_photo(name="Jane", photo=PHOTO_URL),
        "get": lambda: sdk.avatars.retrieve(GROUP),
        "list": lambda: list(sdk.avatars.list(limit=V3_PAGE_SIZE)),
        "upload": lambda: sdk.assets.upload(path),
    }
    return {
        op: [
            Contender("raw_httpx", "raw httpx.Client", raw_calls[op]),
            Contender("heygen", "heygen.HeyGen", sdk_calls[op]),
        ]
        for op in OPERATIONS
    }


async def _async_rounds(url: str, path: Path, rounds: int, total: int) -> dict[str, dict[str, Any]]:
    import heygen

    async with (
        httpx.AsyncClient(base_url=url, headers={"x-api-key": API_KEY}) as raw,
        heygen.AsyncHeyGen(api_key=API_KEY, base_url=url) as sdk,
    ):

        async def raw_create() -> object:
            return _json(await raw.post(AVATARS_PATH, json=_create_body(), headers=_key()))

        async def raw_get() -> object:
            return _json(await raw.get(f"{AVATARS_PATH}/{GROUP}"))

        async def raw_list() -> object:
            items: list[Any] = []
            params: dict[str, str | int] = {"limit": V3_PAGE_SIZE}
            while True:
                page = _json(await raw.get(AVATARS_PATH, params=params))
                items += page["data"]
                if not page["has_more"]:
                    return items
                params = {"limit": V3_PAGE_SIZE, "token": page["next_token"]}

        async def raw_upload() -> object:
            # httpx's multipart encoder reads files synchronously, on either client.
            with path.open("rb") as file:
                return _json(await raw.post(ASSETS_PATH, files=_multipart(path, file), headers=_key()))

        async def sdk_list() -> object:
            return [group async for group in sdk.avatars.list(limit=V3_PAGE_SIZE)]

        contenders: dict[str, dict[str, AsyncCall]] = {
            "create": {
                "raw_httpx": raw_create,
                "heygen": lambda: sdk.avatars.create_photo(name="Jane", photo=PHOTO_URL),
            },
            "get": {"raw_httpx": raw_get, "heygen": lambda: sdk.avatars.retrieve(GROUP)},
            "list": {"raw_httpx": raw_list, "heygen": sdk_list},
            "upload": {"raw_httpx": raw_upload, "heygen": lambda: sdk.assets.upload(path)},
        }
        samples: dict[str, dict[str, list[dict[str, float]]]] = {
            op: {key: [] for key in calls} for op, calls in contenders.items()
        }
        for calls in contenders.values():
            for call in calls.values():
                await throughput_round(call, ASYNC_CONCURRENCY * 2, concurrency=ASYNC_CONCURRENCY)
        for round_ in range(rounds):
            for op, calls in contenders.items():
                for key in list(calls) if round_ % 2 == 0 else list(reversed(calls)):
                    row = await throughput_round(calls[key], total, concurrency=ASYNC_CONCURRENCY)
                    samples[op][key].append(row)
    return {op: _summarise(rows) for op, rows in samples.items()}


def _summarise(samples: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    base = samples["raw_httpx"]
    return {
        key: {
            "median_calls_per_s": statistics.median(r["calls_per_s"] for r in rows),
            "cpu_us_per_call": statistics.median(r["cpu_us"] for r in rows),
            "throughput_ratio": statistics.median(
                r["calls_per_s"] / b["calls_per_s"] for r, b in zip(rows, base, strict=True)
            ),
            "cpu_ratio": statistics.median(
                r["cpu_us"] / b["cpu_us"] for r, b in zip(rows, base, strict=True)
            ),
        }
        for key, rows in samples.items()
    }


def run(
    url: str, *, sync_rounds: int, sync_batch: int, async_rounds: int, async_calls: int
) -> dict[str, Any]:
    """Sync per-call latency and async throughput of each v3 operation, raw httpx and the SDK."""
    with photo_file(UPLOAD_BYTES) as path, ExitStack() as stack:
        groups = sync_contenders(url, path, stack)
        sync = per_call_latency(groups, rounds=sync_rounds, batch=sync_batch, warmup=max(sync_batch // 5, 5))
        asyncs = asyncio.run(_async_rounds(url, path, async_rounds, async_calls))
    return {
        "operations": OPERATIONS,
        "async_concurrency": ASYNC_CONCURRENCY,
        "sync": sync,
        "async": asyncs,
    }
