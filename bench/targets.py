"""The targets `make bench` reports on (it never fails on them: timing on a shared machine is noisy)."""

from __future__ import annotations

from typing import Any

SYNC_LIMIT = 1.05
ASYNC_LIMIT = 0.95
ASYNC_CPU_LIMIT = 1.05
IMPORT_LIMIT = 1.15
# A streamed upload holds no more than this over raw httpx streaming the same file.
UPLOAD_EXTRA_LIMIT_MIB = 2.0
# "No growth with N": less than 1 KiB more held per 1,000 extra calls.
MEMORY_GROWTH_LIMIT_KIB_PER_1K = 1.0


def _ratio(group: dict[str, dict[str, float]], key: str, base: str = "raw_httpx") -> float:
    return group[key]["median_us"] / group[base]["median_us"]


def memory_growth(row: dict[str, Any]) -> float:
    """KiB more held per 1,000 calls between the two counts."""
    (n1, n2), (kib1, kib2) = row["calls"], row["retained_kib"]
    return float((kib2 - kib1) / (n2 - n1) * 1000)


# Target names, shared with the report.
SYNC_STATUS = "sync GET status: heygen / raw httpx"
SYNC_TRAIN = "sync POST train: heygen / raw httpx"
ASYNC_RATE = "async throughput: AsyncHeyGen() default pool / raw httpx"
ASYNC_CPU = "async CPU per call: AsyncHeyGen() default pool / raw httpx"
IMPORT = "import heygen / import httpx (plain)"
MEMORY = "memory growth, KiB per 1,000 calls"


def v3_sync(op: str) -> str:
    return f"v3 sync {op}: heygen / raw httpx"


def upload_extra(upload: dict[str, Any]) -> str:
    return f"upload {max(upload['sizes_mib'])} MiB: heygen peak memory over raw httpx's, MiB"


def upload_extra_mib(upload: dict[str, Any]) -> float:
    rows = upload["by_size"][str(max(upload["sizes_mib"]))]
    return float(rows["heygen"]["tracemalloc_peak_mib"] - rows["raw_httpx"]["tracemalloc_peak_mib"])


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[tuple[str, float, str, float]] = []
    if "sync" in result:
        sync = result["sync"]
        checks += [
            (SYNC_STATUS, _ratio(sync["status"], "heygen"), "<=", SYNC_LIMIT),
            (SYNC_TRAIN, _ratio(sync["train"], "heygen"), "<=", SYNC_LIMIT),
        ]
    if "async" in result:
        default = result["async"]["heygen_default"]
        checks += [
            (ASYNC_RATE, default["throughput_ratio"], ">=", ASYNC_LIMIT),
            (ASYNC_CPU, default["cpu_ratio"], "<=", ASYNC_CPU_LIMIT),
        ]
    if "v3" in result:
        for op, rows in result["v3"]["sync"].items():
            checks.append((v3_sync(op), _ratio(rows, "heygen"), "<=", SYNC_LIMIT))
    if "upload" in result:
        checks.append(
            (upload_extra(result["upload"]), upload_extra_mib(result["upload"]), "<", UPLOAD_EXTRA_LIMIT_MIB)
        )
    if "imports" in result:
        checks.append((IMPORT, result["imports"]["plain"]["heygen"]["ratio"], "<=", IMPORT_LIMIT))
    if "memory" in result:
        checks.append(
            (MEMORY, memory_growth(result["memory"]["heygen"]), "<=", MEMORY_GROWTH_LIMIT_KIB_PER_1K)
        )
    return [
        {
            "name": name,
            "value": round(value, 3),
            "limit": f"{op} {limit:g}",
            "holds": {"<=": value <= limit, ">=": value >= limit, "<": value < limit}[op],
        }
        for name, value, op, limit in checks
    ]
