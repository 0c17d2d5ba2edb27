"""Uploads: throughput and peak memory of `assets.upload(Path)` next to raw httpx streaming the file.

For each file size, three ways to send the same multipart `POST /v3/assets` to `bench.server`
(its own process, so its buffers are not counted):

- raw `httpx.Client.post(files={"file": open(...)})`: httpx streams the open file, 64 KiB at a time;
- `client.assets.upload(path)`: the SDK's streaming upload;
- `client.assets.upload(path.read_bytes())`: the file read into memory first, for contrast.

Throughput is the file size over the median time of an upload (interleaved rounds). Peak memory is
measured in two ways: tracemalloc's peak over one call after a warm-up (what Python allocated at
most, the file's bytes included if something held them), and the growth of the peak resident set
(Linux's VmHWM) over one upload in a fresh interpreter, warmed up by a tiny upload: the memory
allocator keeps what a first large upload took, so a second one in the same process shows nothing.

    python -m bench.upload probe WAY URL PATH   # the resident-set probe, run by `run()`
"""

from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.calls import API_KEY, ROOT
from bench.server import ASSETS_PATH
from bench.v3 import photo_file

MIB = 1024 * 1024
LABELS = {
    "raw_httpx": "raw httpx.Client, file streamed",
    "heygen": "heygen assets.upload(Path)",
    "heygen_read_whole": "heygen upload(bytes), read whole first",
}


def _status_kib(field: str) -> int | None:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM), or None where there is no such file."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _tracemalloc_peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / MIB


def _ways(sdk: Any, raw: httpx.Client) -> dict[str, Callable[[Path], object]]:
    def raw_upload(path: Path) -> object:
        with path.open("rb") as file:
            response = raw.post(ASSETS_PATH, files={"file": (path.name, file, "image/jpeg")})
        response.raise_for_status()
        return response.json()

    return {
        "raw_httpx": raw_upload,
        "heygen": lambda path: sdk.assets.upload(path),
        "heygen_read_whole": lambda path: sdk.assets.upload(path.read_bytes(), content_type="image/jpeg"),
    }


def _probe(way: str, url: str, path: Path) -> None:
    """Print how much one upload of `path` grew this fresh process's peak resident set, in MiB."""
    import heygen

    with (
        photo_file(1024) as tiny,
        httpx.Client(base_url=url, headers={"x-api-key": API_KEY}, timeout=120) as raw,
        heygen.HeyGen(api_key=API_KEY, base_url=url, timeout=120) as sdk,
    ):
        upload = _ways(sdk, raw)[way]
        upload(tiny)  # imports, connection
        before = _status_kib("VmRSS")
        upload(path)
        peak = _status_kib("VmHWM")
    print(json.dumps(None if before is None or peak is None else (peak - before) / 1024))


def _rss_peak_mib(way: str, url: str, path: Path) -> float | None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.upload", "probe", way, url, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    value: float | None = json.loads(done.stdout)
    return value


def _one_size(url: str, size_mib: int, rounds: int) -> dict[str, dict[str, Any]]:
    import heygen

    with (
        photo_file(size_mib * MIB) as path,
        httpx.Client(base_url=url, headers={"x-api-key": API_KEY}, timeout=120) as raw,
        heygen.HeyGen(api_key=API_KEY, base_url=url, timeout=120) as sdk,
    ):
        calls: dict[str, Callable[[], object]] = {
            way: functools.partial(upload, path) for way, upload in _ways(sdk, raw).items()
        }
        for call in calls.values():
            call()  # warm up: imports, connection, caches
        seconds: dict[str, list[float]] = {key: [] for key in calls}
        for round_ in range(rounds):
            for key in list(calls) if round_ % 2 == 0 else list(reversed(calls)):
                started = time.perf_counter()
                calls[key]()
                seconds[key].append(time.perf_counter() - started)
        result: dict[str, dict[str, Any]] = {}
        for key, call in calls.items():
            median = statistics.median(seconds[key])
            result[key] = {
                "label": LABELS[key],
                "median_s": median,
                "mib_per_s": size_mib / median,
                "tracemalloc_peak_mib": _tracemalloc_peak_mib(call),
                "rss_peak_mib": _rss_peak_mib(key, url, path),
            }
    return result


def run(url: str, *, sizes_mib: tuple[int, ...], rounds: int) -> dict[str, Any]:
    """Throughput and peak memory of each way to upload, by file size in MiB."""
    return {
        "sizes_mib": list(sizes_mib),
        "by_size": {str(size): _one_size(url, size, rounds) for size in sizes_mib},
    }


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "probe":
        sys.exit("usage: python -m bench.upload probe WAY URL PATH")
    _probe(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
