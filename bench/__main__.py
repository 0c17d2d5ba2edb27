"""`python -m bench [--smoke] [--only SECTIONS] [--out PATH]`: run the benchmarks, print a table, write JSON.

The full run (`make bench`) is for people and takes a few minutes; `--smoke` runs each part
briefly, so that CI notices when the benchmark breaks. Neither fails on a missed target: timing
on a shared machine is noisy, so the table says which targets held in this run and leaves the
judgement to the reader. `--only async` (or any comma-separated sections) runs just those parts,
to measure one of them on its own when the machine is busy: `make bench ARGS="--only async"`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench import SECTIONS, aio, calls, imports, report, upload, v3, wait, webhooks
from bench.targets import targets

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Settings:
    sync_rounds: int
    sync_batch: int
    sync_warmup: int
    async_rounds: int
    async_ramp_s: float
    async_warm_s: float
    async_timed_s: float
    import_runs: int
    memory_calls: tuple[int, int]
    in_process_rounds: int
    in_process_batch: int
    v3_sync_rounds: int
    v3_sync_batch: int
    v3_async_rounds: int
    v3_async_calls: int
    upload_sizes_mib: tuple[int, ...]
    upload_rounds: int


FULL = Settings(
    sync_rounds=40,
    sync_batch=100,
    sync_warmup=200,
    async_rounds=6,
    async_ramp_s=1.0,
    # Longer than the pool's keep-alive expiry (5 s), so that the connections a start opened
    # for calls it piled up, and no longer needs, have closed before the count (bench.aio).
    async_warm_s=6.0,
    async_timed_s=3.0,
    import_runs=15,
    memory_calls=(1000, 5000),
    in_process_rounds=20,
    in_process_batch=500,
    v3_sync_rounds=20,
    v3_sync_batch=50,
    v3_async_rounds=6,
    v3_async_calls=256,
    upload_sizes_mib=(1, 20),
    upload_rounds=9,
)
SMOKE = Settings(
    sync_rounds=3,
    sync_batch=50,
    sync_warmup=20,
    async_rounds=1,
    async_ramp_s=0.1,
    async_warm_s=0.2,
    async_timed_s=0.3,
    import_runs=3,
    memory_calls=(100, 500),
    in_process_rounds=2,
    in_process_batch=50,
    v3_sync_rounds=2,
    v3_sync_batch=10,
    v3_async_rounds=1,
    v3_async_calls=32,
    upload_sizes_mib=(1, 4),
    upload_rounds=1,
)
SERVER_SECTIONS = {"sync", "async", "memory", "v3", "upload"}


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(smoke: bool, sections: tuple[str, ...] = SECTIONS) -> dict[str, Any]:
    settings = SMOKE if smoke else FULL
    started = time.monotonic()
    result: dict[str, Any] = {
        "mode": "smoke" if smoke else "full",
        "sections": list(sections),
        "settings": asdict(settings),
        "machine": {
            "python": platform.python_version(),
            "system": platform.system(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average_before": calls.load_average(),
        },
        "versions": {
            name: version(name)
            for name in ("heygen-sdk", "httpx", "httpcore", "httpx2", "openai", "uvicorn", "h11")
        },
    }
    with ExitStack() as stack:
        url = stack.enter_context(calls.running_server()) if SERVER_SECTIONS & set(sections) else ""
        if "sync" in sections:
            _progress("sync per-call latency")
            groups = calls.sync_contenders(url, stack)
            result["sync"] = calls.per_call_latency(
                groups,
                rounds=settings.sync_rounds,
                batch=settings.sync_batch,
                warmup=settings.sync_warmup,
            )
            result["labels"] = {name: {c.key: c.label for c in group} for name, group in groups.items()}
        if "async" in sections:
            _progress(f"async throughput, {aio.CONCURRENCY} in flight")
            result["async"], result["async_equal_pool"] = aio.async_throughput(
                url,
                rounds=settings.async_rounds,
                ramp_s=settings.async_ramp_s,
                warm_s=settings.async_warm_s,
                timed_s=settings.async_timed_s,
            )
        if "memory" in sections:
            _progress("memory after N calls")
            result["memory"] = calls.memory(url, settings.memory_calls)
        if "v3" in sections:
            _progress("v3 operations, sync and async")
            result["v3"] = v3.run(
                url,
                sync_rounds=settings.v3_sync_rounds,
                sync_batch=settings.v3_sync_batch,
                async_rounds=settings.v3_async_rounds,
                async_calls=settings.v3_async_calls,
            )
        if "upload" in sections:
            _progress("uploads: throughput and peak memory")
            result["upload"] = upload.run(
                url, sizes_mib=settings.upload_sizes_mib, rounds=settings.upload_rounds
            )
    steps: dict[str, tuple[str, Callable[[], Any]]] = {
        "in_process": (
            "in process, no sockets",
            lambda: calls.in_process(rounds=settings.in_process_rounds, batch=settings.in_process_batch),
        ),
        "imports": ("cold imports", lambda: imports.cold_imports(settings.import_runs)),
        "wait": ("wait_for_training schedule", lambda: wait.run(smoke=smoke)),
        "webhooks": ("wait_for_training with webhook events", lambda: webhooks.run(smoke=smoke)),
    }
    for section, (what, step) in steps.items():
        if section in sections:
            _progress(what)
            result[section] = step()
    result["machine"]["load_average_after"] = calls.load_average()
    result["seconds"] = round(time.monotonic() - started, 1)
    result["targets"] = targets(result)
    return result


def _sections(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [part for part in chosen if part not in SECTIONS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown section {unknown}; choose from {', '.join(SECTIONS)}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the heygen-sdk benchmarks.")
    parser.add_argument("--smoke", action="store_true", help="a short run that only checks it all works")
    parser.add_argument(
        "--only", type=_sections, default=SECTIONS, help=f"comma-separated sections: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--out", type=Path, help="where to write the JSON (default bench/results/)")
    args = parser.parse_args()
    default_name = ("smoke" if args.smoke else "latest") + ("" if args.only == SECTIONS else "-partial")
    out: Path = args.out or RESULTS / f"{default_name}.json"
    result = run(args.smoke, args.only)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(report.table(result))
    _progress(f"wrote {out}")


if __name__ == "__main__":
    main()
