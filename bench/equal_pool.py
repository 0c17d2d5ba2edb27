"""The async contenders compared at the same pool size, beside the plain medians.

With 64 calls in flight, the cost of a call depends mostly on how many connections the pool holds:
httpcore walks every connection, and polls each idle one's socket, on each request and response.
How many it holds moves from round to round (a pool opens a connection whenever a request finds
none free, and drops it only after 5 s unused), and it moves a round's CPU per call by a fifth or
more. Measured, per call: about 1,430 us at 13 connections and 2,200 us at 23, on one line for
raw httpx and the SDK alike, with rounds scattered a few per cent around it.

So each round records the mean number of connections its pool held while counted, and the
contenders whose pools work alike (up to 64 connections kept) are fitted to one line each with a
shared slope: µs per call = own intercept + slope x connections. Each is then read off at the
same pool size (the median over their rounds). That reading answers "what does a call cost at a
given pool size", not "what does a user get": if a client made its pool hold more connections,
that cost would be real and this reading would set it aside. So the targets are read on the
plain medians, and the table shows the mean each contender's pool held next to the fit.
httpx's default pool keeps at most 20 idle connections and closes the rest, a different regime,
so its row is only measured, not fitted.
"""

from __future__ import annotations

import statistics
from typing import Any

# The contenders fitted together: their pools keep up to 64 connections alive.
FITTED = ("raw_httpx", "heygen", "heygen_default")
BASELINE = "raw_httpx"


def _slope(points: dict[str, list[tuple[float, float]]]) -> float:
    """The slope shared by every contender's line (each about its own means), 0 if no spread."""
    covariance = spread = 0.0
    for rows in points.values():
        mean_x = statistics.fmean(x for x, _ in rows)
        mean_y = statistics.fmean(y for _, y in rows)
        covariance += sum((x - mean_x) * (y - mean_y) for x, y in rows)
        spread += sum((x - mean_x) ** 2 for x, _ in rows)
    return covariance / spread if spread > 1.0 else 0.0


def _at(rows: list[tuple[float, float]], slope: float, size: float) -> float:
    mean_x = statistics.fmean(x for x, _ in rows)
    mean_y = statistics.fmean(y for _, y in rows)
    return mean_y + slope * (size - mean_x)


def _scatter(points: dict[str, list[tuple[float, float]]], slope: float) -> float:
    """How far the rounds lie from their lines: root mean square, as a share of the mean."""
    errors = [
        (y - _at(rows, slope, x)) ** 2 for rows in points.values() for x, y in rows
    ]  # each round's distance from its contender's line
    mean = statistics.fmean(y for rows in points.values() for _, y in rows)
    return float((statistics.fmean(errors) ** 0.5) / mean)


def _per_call(row: dict[str, float], metric: str) -> float:
    """µs per call: the client's CPU, or the wall time (one over the rate)."""
    return row["cpu_us"] if metric == "cpu" else 1e6 / row["calls_per_s"]


def at_equal_pool(samples: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    """The fitted contenders' CPU and wall time per call at one pool size, and their ratios."""
    size = statistics.median(r["connections_mean"] for key in FITTED for r in samples[key])
    result: dict[str, Any] = {
        "connections": size,
        "by_contender": {
            key: {"connections_held": statistics.fmean(r["connections_mean"] for r in samples[key])}
            for key in FITTED
        },
    }
    for metric in ("cpu", "wall"):
        points = {
            key: [(r["connections_mean"], _per_call(r, metric)) for r in samples[key]] for key in FITTED
        }
        slope = _slope(points)
        result[f"{metric}_slope_us_per_connection"] = slope
        result[f"{metric}_scatter"] = _scatter(points, slope)
        for key, rows in points.items():
            result["by_contender"][key][f"{metric}_us_per_call"] = _at(rows, slope, size)
    base = result["by_contender"][BASELINE]
    for row in result["by_contender"].values():
        row["calls_per_s"] = 1e6 / row["wall_us_per_call"]
        row["throughput_ratio"] = base["wall_us_per_call"] / row["wall_us_per_call"]
        row["cpu_ratio"] = row["cpu_us_per_call"] / base["cpu_us_per_call"]
    return result
