"""The table `python -m bench` prints: one block per section that ran, ratios to each block's first row."""

from __future__ import annotations

from typing import Any

from bench import SECTIONS, aio, calls, v3, wait, webhooks
from bench.targets import (
    ASYNC_CPU,
    ASYNC_RATE,
    IMPORT,
    MEMORY,
    SYNC_STATUS,
    SYNC_TRAIN,
    memory_growth,
    upload_extra,
    v3_sync,
)

LABEL = 64  # width of the label columns


def _row(title: str, label: str, *cells: str, note: str = "") -> str:
    return (
        f"  {title:<22}{label:<{LABEL - 22}}"
        + "".join(f"{c:>10}" for c in cells)
        + (f"  {note}" if note else "")
    )


class _Verdicts:
    def __init__(self, result: dict[str, Any]) -> None:
        self._targets = {t["name"]: t for t in result["targets"]}

    def __call__(self, name: str) -> str:
        target = self._targets[name]
        return f"target {target['limit']}: {'holds' if target['holds'] else 'MISSED'}"


def _header(result: dict[str, Any]) -> list[str]:
    machine, versions = result["machine"], result["versions"]
    partial = "" if result["sections"] == list(SECTIONS) else f", only {', '.join(result['sections'])}"
    return [
        f"heygen-sdk benchmark ({result['mode']} run{partial}, {result['seconds']:g} s): Python "
        f"{machine['python']}, {machine['system']} {machine['machine']}, {machine['cpus']} CPUs, "
        f"load {machine['load_average_before']:.1f} -> {machine['load_average_after']:.1f}",
        f"server: uvicorn {versions['uvicorn']} (h11), bare ASGI app, own process, 127.0.0.1; "
        f"httpx {versions['httpx']} (httpcore {versions['httpcore']}), "
        f"openai {versions['openai']} (on httpx2 {versions['httpx2']})",
        "ratios are to the first row of each block; CPU is the client process's own time per call",
    ]


def _sync(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    sync, labels, settings = result["sync"], result["labels"], result["settings"]
    lines = [
        "",
        f"Sync, one call at a time, kept-alive connection "
        f"({settings['sync_rounds'] * settings['sync_batch']:,} calls each, "
        f"{settings['sync_rounds']} interleaved rounds)",
        _row("", "", "median", "ratio", "CPU", "ratio"),
    ]
    operations = {"status": "GET training status", "train": "POST train", "openai": "GET /v1/models/{id}"}
    raw2 = sync["openai"]["openai"]["median_us"] / sync["openai"]["raw_httpx2"]["median_us"]
    notes = {
        ("status", "heygen"): verdict(SYNC_STATUS),
        ("train", "heygen"): verdict(SYNC_TRAIN),
        ("openai", "openai"): f"{raw2:.2f} x raw httpx2",
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
    return lines


def _span(values: list[int]) -> str:
    """`13` or `13-16`: the least and the most of a few counts."""
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def _async(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    asyncs, settings = result["async"], result["settings"]
    lines = [
        "",
        f"Async, {aio.CONCURRENCY} calls in flight, GET training status "
        f"({settings['async_rounds']} interleaved rounds each: workers started over "
        f"{settings.get('async_ramp_s', 0):g} s, {settings['async_warm_s']:g} s or more of steady use, "
        f"then {settings['async_timed_s']:g} s counted; "
        "ratio: median of the rounds' ratios; conns: what the pool held while counted)",
        _row("", "", "calls/s", "ratio", "CPU", "ratio", "GC", "conns"),
    ]
    for key, row in asyncs.items():
        note = f"{verdict(ASYNC_RATE)}; CPU {verdict(ASYNC_CPU)}" if key == "heygen_default" else ""
        lines.append(
            _row(
                "",
                row["label"],
                f"{row['median_calls_per_s']:,.0f}",
                f"{row['throughput_ratio']:.2f}",
                f"{row['cpu_us_per_call']:.0f} us",
                f"{row['cpu_ratio']:.2f}",
                f"{row['gc_us_per_call']:.0f} us",
                _span(row.get("connections_min", []) + row.get("connections", [])),
                note=note,
            )
        )
    return lines + _equal_pool(result)


def _equal_pool(result: dict[str, Any]) -> list[str]:
    fit = result.get("async_equal_pool")
    if not fit:
        return []
    lines = [
        "",
        f"The same rounds read at one pool size, {fit['connections']:.1f} connections, for comparison "
        f"(each connection held adds {fit['cpu_slope_us_per_connection']:.0f} us of CPU per call; "
        f"rounds lie {fit['cpu_scatter']:.1%} from the fitted lines; held: the mean the contender's "
        "pool held, which this reading sets aside)",
        _row("", "", "calls/s", "ratio", "CPU", "ratio", "", "held"),
    ]
    for key, row in fit["by_contender"].items():
        lines.append(
            _row(
                "",
                result["async"][key]["label"],
                f"{row['calls_per_s']:,.0f}",
                f"{row['throughput_ratio']:.2f}",
                f"{row['cpu_us_per_call']:.0f} us",
                f"{row['cpu_ratio']:.2f}",
                "",
                f"{row['connections_held']:.1f}",
            )
        )
    return lines


def _v3(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    v3_result, settings = result["v3"], result["settings"]
    lines = [
        "",
        f"v3 operations: sync one at a time "
        f"({settings['v3_sync_rounds'] * settings['v3_sync_batch']:,} calls each, "
        f"{settings['v3_sync_rounds']} interleaved rounds), async {v3_result['async_concurrency']} "
        f"in flight ({settings['v3_async_rounds']} rounds of {settings['v3_async_calls']})",
        _row("", "", "sync", "ratio", "CPU", "ratio", "async/s", "ratio", "CPU", "ratio"),
    ]
    for op, title in v3_result["operations"].items():
        for i, key in enumerate(("raw_httpx", "heygen")):
            sync, sync_base = v3_result["sync"][op][key], v3_result["sync"][op]["raw_httpx"]
            asyncs = v3_result["async"][op][key]
            lines.append(
                _row(
                    title if i == 0 else "",
                    v3.LABELS[key],
                    f"{sync['median_us']:,.0f} us",
                    f"{sync['median_us'] / sync_base['median_us']:.2f}",
                    f"{sync['cpu_us_per_call']:,.0f} us",
                    f"{sync['cpu_us_per_call'] / sync_base['cpu_us_per_call']:.2f}",
                    f"{asyncs['median_calls_per_s']:,.0f}",
                    f"{asyncs['throughput_ratio']:.2f}",
                    f"{asyncs['cpu_us_per_call']:,.0f} us",
                    f"{asyncs['cpu_ratio']:.2f}",
                    note=f"sync {verdict(v3_sync(op))}" if key == "heygen" else "",
                )
            )
    return lines


def _upload(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    upload = result["upload"]
    lines = [
        "",
        f"Uploads (POST /v3/assets, multipart; median of {result['settings']['upload_rounds']} interleaved "
        "rounds; peak: extra memory over one call, tracemalloc and resident set)",
        _row("", "", "MiB/s", "ratio", "peak", "RSS peak"),
    ]
    largest = max(upload["sizes_mib"])
    for size in upload["sizes_mib"]:
        rows = upload["by_size"][str(size)]
        base = rows["raw_httpx"]
        for i, (key, row) in enumerate(rows.items()):
            rss = row["rss_peak_mib"]
            lines.append(
                _row(
                    f"{size} MiB file" if i == 0 else "",
                    row["label"],
                    f"{row['mib_per_s']:,.0f}",
                    f"{row['mib_per_s'] / base['mib_per_s']:.2f}",
                    f"{row['tracemalloc_peak_mib']:.2f} MiB",
                    "n/a" if rss is None else f"{rss:.2f} MiB",
                    note=verdict(upload_extra(upload)) if (size, key) == (largest, "heygen") else "",
                )
            )
    return lines


def _in_process(result: dict[str, Any]) -> list[str]:
    in_process, settings = result["in_process"], result["settings"]
    lines = [
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
    return lines


def _imports(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    lines = [
        "",
        f"Cold import in a fresh interpreter (median of {result['settings']['import_runs']} interleaved "
        "runs; ratio: median of the runs' ratios)",
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
                    note=verdict(IMPORT) if (setting, module) == ("plain", "heygen") else "",
                )
            )
    return lines


def _memory(result: dict[str, Any], verdict: _Verdicts) -> list[str]:
    memory = result["memory"]
    n1, n2 = memory["heygen"]["calls"]
    lines = ["", "Memory still held by one client after N calls (tracemalloc)"]
    lines.append(_row("", "", f"N={n1:,}", f"N={n2:,}", "per 1k"))
    for key, label in (("heygen", "heygen.HeyGen"), ("raw_httpx", "raw httpx.Client")):
        kib1, kib2 = memory[key]["retained_kib"]
        lines.append(
            _row(
                "",
                label,
                f"{kib1:.1f} KiB",
                f"{kib2:.1f} KiB",
                f"{memory_growth(memory[key]):+.2f} KiB",
                note=verdict(MEMORY) if key == "heygen" else "",
            )
        )
    return lines


def table(result: dict[str, Any]) -> str:
    verdict = _Verdicts(result)
    lines = _header(result)
    if "sync" in result:
        lines += _sync(result, verdict)
    if "async" in result:
        lines += _async(result, verdict)
    if "v3" in result:
        lines += _v3(result, verdict)
    if "upload" in result:
        lines += _upload(result, verdict)
    if "in_process" in result:
        lines += _in_process(result)
    if "imports" in result:
        lines += _imports(result, verdict)
    if "memory" in result:
        lines += _memory(result, verdict)
    if "wait" in result:
        lines += ["", wait.table(result["wait"])]
    if "webhooks" in result:
        lines += ["", webhooks.table(result["webhooks"])]
    return "\n".join(lines)
