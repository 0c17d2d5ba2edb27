"""`python -m bench [--smoke] [--out PATH]`: run every benchmark, print one table, write JSON.

The full run (`make bench`) is for people and takes a few minutes; `--smoke` runs each part
briefly, so that CI notices when the benchmark breaks. Neither fails on a missed target: timing
on a shared machine is noisy, so the table says which targets held in this run and leaves the
judgement to the reader.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench import calls, imports, upload, wait

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Settings:
    sync_rounds: int
    sync_batch: int
    sync_warmup: int
    async_rounds: int
    async_calls: int
    import_runs: int
    memory_calls: tuple[int, int]
    in_process_rounds: int
    in_process_batch: int


FULL = Settings(
    sync_rounds=40,
    sync_batch=100,
    sync_warmup=200,
    async_rounds=12,
    async_calls=640,
    import_runs=15,
    memory_calls=(1000, 5000),
    in_process_rounds=20,
    in_process_batch=500,
)
SMOKE = Settings(
    sync_rounds=3,
    sync_batch=50,
    sync_warmup=20,
    async_rounds=1,
    async_calls=256,
    import_runs=3,
    memory_calls=(100, 500),
    in_process_rounds=2,
    in_process_batch=50,
)

SYNC_LIMIT = 1.05
ASYNC_LIMIT = 0.95
IMPORT_LIMIT = 1.15
# "No growth with N": less than 1 KiB more held per 1,000 extra calls.
MEMORY_GROWTH_LIMIT_KIB_PER_1K = 1.0


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(smoke: bool) -> dict[str, Any]:
    settings = SMOKE if smoke else FULL
    started = time.monotonic()
    result: dict[str, Any] = {
        "mode": "smoke" if smoke else "full",
        "settings": asdict(settings),
        "machine": {
            "python": platform.python_version(),
            "system": platform.system(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average_before": calls.load_average(),
        },
        "versions": {
            name: version(name) for name in ("heygen-sdk", "httpx", "httpx2", "openai", "uvicorn", "h11")
        },
    }
    with calls.running_server() as url, ExitStack() as stack:
        _progress("sync per-call latency")
        groups = calls.sync_contenders(url, stack)
        result["sync"] = calls.per_call_latency(
            groups,
            rounds=settings.sync_rounds,
            batch=settings.sync_batch,
            warmup=settings.sync_warmup,
        )
        result["labels"] = {name: {c.key: c.label for c in group} for name, group in groups.items()}
        _progress("async throughput, 64 in flight")
        result["async"] = calls.async_throughput(
            url, rounds=settings.async_rounds, total=settings.async_calls
        )
        _progress("memory after N calls")
        result["memory"] = calls.memory(url, settings.memory_calls)
    _progress("in process, no sockets")
    result["in_process"] = calls.in_process(
        rounds=settings.in_process_rounds, batch=settings.in_process_batch
    )
    _progress("cold imports")
    result["imports"] = imports.cold_imports(settings.import_runs)
    _progress("wait_for_training schedule")
    result["wait"] = wait.run(smoke=smoke)
    _progress("upload memory")
    result["upload"] = upload.run(smoke=smoke)
    result["machine"]["load_average_after"] = calls.load_average()
    result["seconds"] = round(time.monotonic() - started, 1)
    result["targets"] = targets(result)
    return result


def _ratio(group: dict[str, dict[str, float]], key: str, base: str = "raw_httpx") -> float:
    return group[key]["median_us"] / group[base]["median_us"]


def _memory_growth(row: dict[str, Any]) -> float:
    """KiB more held per 1,000 calls between the two counts."""
    (n1, n2), (kib1, kib2) = row["calls"], row["retained_kib"]
    return float((kib2 - kib1) / (n2 - n1) * 1000)


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    sync, asyncs, plain = result["sync"], result["async"], result["imports"]["plain"]
    checks = [
        ("sync GET status: heygen / raw httpx", _ratio(sync["status"], "heygen"), "<=", SYNC_LIMIT),
        ("sync POST train: heygen / raw httpx", _ratio(sync["train"], "heygen"), "<=", SYNC_LIMIT),
        (
            "async throughput: heygen / raw httpx",
            asyncs["heygen"]["median_calls_per_s"] / asyncs["raw_httpx"]["median_calls_per_s"],
            ">=",
            ASYNC_LIMIT,
        ),
        ("import heygen / import httpx (plain)", plain["heygen"]["ratio"], "<=", IMPORT_LIMIT),
        (
            "memory growth, KiB per 1,000 calls",
            _memory_growth(result["memory"]["heygen"]),
            "<=",
            MEMORY_GROWTH_LIMIT_KIB_PER_1K,
        ),
    ]
    return [
        {
            "name": name,
            "value": round(value, 3),
            "limit": f"{op} {limit:g}",
            "holds": value <= limit if op == "<=" else value >= limit,
        }
        for name, value, op, limit in checks
    ]


LABEL = 64  # width of the label columns


def _row(title: str, label: str, *cells: str, note: str = "") -> str:
    return (
        f"  {title:<22}{label:<{LABEL - 22}}"
        + "".join(f"{c:>10}" for c in cells)
        + (f"  {note}" if note else "")
    )


def table(result: dict[str, Any]) -> str:
    sync, labels, settings = result["sync"], result["labels"], result["settings"]
    machine, versions = result["machine"], result["versions"]
    holds = {t["name"]: t for t in result["targets"]}

    def verdict(name: str) -> str:
        target = holds[name]
        return f"target {target['limit']}: {'holds' if target['holds'] else 'MISSED'}"

    lines = [
        f"heygen-sdk benchmark ({result['mode']} run, {result['seconds']:g} s): Python "
        f"{machine['python']}, {machine['system']} {machine['machine']}, {machine['cpus']} CPUs, "
        f"load {machine['load_average_before']:.1f} -> {machine['load_average_after']:.1f}",
        f"server: uvicorn {versions['uvicorn']} (h11), bare ASGI app, own process, 127.0.0.1; "
        f"httpx {versions['httpx']}, openai {versions['openai']} (on httpx2 {versions['httpx2']})",
        "ratios are to the first row of each block; CPU is the client process's own time per call",
        "",
        f"Sync, one call at a time, kept-alive connection "
        f"({settings['sync_rounds'] * settings['sync_batch']:,} calls each, "
        f"{settings['sync_rounds']} interleaved rounds)",
        _row("", "", "median", "ratio", "CPU", "ratio"),
    ]
    operations = {"status": "GET training status", "train": "POST train", "openai": "GET /v1/models/{id}"}
    notes = {
        ("status", "heygen"): verdict("sync GET status: heygen / raw httpx"),
        ("train", "heygen"): verdict("sync POST train: heygen / raw httpx"),
        ("openai", "openai"): f"{_ratio(sync['openai'], 'openai', 'raw_httpx2'):.2f} x raw httpx2",
    }
    for group, title in operations.items():
        rows = sync[group]
        base = rows["raw_httpx"]
        for i, (key, row) in enumerate(rows.items()):
            lines.append(
                _row(
                    title if i == 0 else "",
                    labels[group][key],
                    f"{row['median_us']:.0f} us",
                    f"{row['median_us'] / base['median_us']:.2f}",
                    f"{row['cpu_us_per_call']:.0f} us",
                    f"{row['cpu_us_per_call'] / base['cpu_us_per_call']:.2f}",
                    note=notes.get((group, key), ""),
                )
            )
    asyncs = result["async"]
    base_async = asyncs["raw_httpx"]
    lines += [
        "",
        f"Async, {calls.CONCURRENCY} calls in flight, GET training status "
        f"(median of {settings['async_rounds']} interleaved rounds of {settings['async_calls']:,} calls)",
        _row("", "", "calls/s", "ratio", "CPU", "ratio"),
    ]
    for key, label in (("raw_httpx", "raw httpx.AsyncClient"), ("heygen", "heygen.AsyncHeyGen")):
        row = asyncs[key]
        lines.append(
            _row(
                "",
                label,
                f"{row['median_calls_per_s']:,.0f}",
                f"{row['median_calls_per_s'] / base_async['median_calls_per_s']:.2f}",
                f"{row['cpu_us_per_call']:.0f} us",
                f"{row['cpu_us_per_call'] / base_async['cpu_us_per_call']:.2f}",
                note=verdict("async throughput: heygen / raw httpx") if key == "heygen" else "",
            )
        )
    in_process = result["in_process"]
    lines += [
        "",
        "In process, no sockets (httpx.MockTransport): what the SDK itself adds to a call "
        f"(median of {settings['in_process_rounds']} rounds)",
        _row("", "", "raw httpx", "heygen", "added"),
    ]
    for key, label in (
        ("status", "GET training status, sync"),
        ("train", "POST train, sync"),
        ("async", f"GET training status, async ({calls.CONCURRENCY} in flight)"),
    ):
        raw_us = in_process[f"{key}_raw_httpx"]["cpu_us_per_call"]
        heygen_us = in_process[f"{key}_heygen"]["cpu_us_per_call"]
        lines.append(
            _row("", label, f"{raw_us:.0f} us", f"{heygen_us:.0f} us", f"{heygen_us - raw_us:+.0f} us")
        )
    lines += [
        "",
        f"Cold import in a fresh interpreter (median of {settings['import_runs']} interleaved runs; "
        "ratio: median of the runs' ratios)",
        _row("", "", "wall", "ratio", "CPU", "ratio"),
    ]
    for setting, title in (("plain", "plain install"), ("dev_env", "this dev env")):
        rows = result["imports"][setting]
        for i, (module, row) in enumerate(rows.items()):
            label = f"import {module}"
            if setting == "dev_env" and module == "httpx":
                label += " (+ click, rich, pygments)"
            lines.append(
                _row(
                    title if i == 0 else "",
                    label,
                    f"{row['median_ms']:.1f} ms",
                    f"{row['ratio']:.2f}",
                    f"{row['median_cpu_ms']:.1f} ms",
                    f"{row['cpu_ratio']:.2f}",
                    note=verdict("import heygen / import httpx (plain)")
                    if (setting, module) == ("plain", "heygen")
                    else "",
                )
            )
    memory = result["memory"]
    n1, n2 = memory["heygen"]["calls"]
    lines += ["", "Memory still held by one client after N calls (tracemalloc)"]
    lines.append(_row("", "", f"N={n1:,}", f"N={n2:,}", "per 1k"))
    for key, label in (("heygen", "heygen.HeyGen"), ("raw_httpx", "raw httpx.Client")):
        kib1, kib2 = memory[key]["retained_kib"]
        lines.append(
            _row(
                "",
                label,
                f"{kib1:.1f} KiB",
                f"{kib2:.1f} KiB",
                f"{_memory_growth(memory[key]):+.2f} KiB",
                note=verdict("memory growth, KiB per 1,000 calls") if key == "heygen" else "",
            )
        )
    lines += ["", wait.table(result["wait"])]
    lines += ["", upload.table(result["upload"])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the heygen-sdk benchmarks.")
    parser.add_argument("--smoke", action="store_true", help="a short run that only checks it all works")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default bench/results/)")
    args = parser.parse_args()
    out: Path = args.out or RESULTS / ("smoke.json" if args.smoke else "latest.json")
    result = run(args.smoke)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    _progress(f"wrote {out}")


if __name__ == "__main__":
    main()
