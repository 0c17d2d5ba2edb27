"""The async contenders are compared at one pool size: the fit takes the pool's luck out, and only that."""

from __future__ import annotations

import pytest

from bench.equal_pool import at_equal_pool


def _rounds(base_us: float, slope: float, pool_sizes: list[float]) -> list[dict[str, float]]:
    """Rounds on an exact line: `base_us` at 13 connections, `slope` µs more per connection."""
    return [
        {
            "connections_mean": size,
            "cpu_us": base_us + slope * (size - 13),
            "calls_per_s": 1e6 / (base_us + slope * (size - 13)),
        }
        for size in pool_sizes
    ]


def test_contenders_on_one_line_compare_equal_whatever_their_pools_held() -> None:
    samples = {
        "raw_httpx": _rounds(1400, 85, [13, 14, 25, 16]),
        "heygen": _rounds(1400, 85, [21, 22, 19, 23]),
        "heygen_default": _rounds(1400, 85, [13, 13, 14, 13]),
    }
    fit = at_equal_pool(samples)
    assert fit["cpu_slope_us_per_connection"] == pytest.approx(85)
    assert fit["cpu_scatter"] == pytest.approx(0, abs=1e-9)
    for row in fit["by_contender"].values():
        assert row["cpu_ratio"] == pytest.approx(1.0)
        assert row["throughput_ratio"] == pytest.approx(1.0, abs=0.01)


def test_a_real_difference_survives_the_fit() -> None:
    samples = {
        "raw_httpx": _rounds(1400, 85, [13, 14, 25, 16]),
        "heygen": _rounds(1400, 85, [13, 14, 25, 16]),
        "heygen_default": _rounds(1540, 85, [12, 15, 20, 13]),  # 140 µs more per call, at every size
    }
    by = at_equal_pool(samples)["by_contender"]
    size = at_equal_pool(samples)["connections"]
    expected = (1540 + 85 * (size - 13)) / (1400 + 85 * (size - 13))
    assert by["heygen_default"]["cpu_ratio"] == pytest.approx(expected)
    assert by["heygen_default"]["cpu_ratio"] > 1.05


def test_pools_that_never_changed_size_are_compared_as_measured() -> None:
    samples = {
        "raw_httpx": _rounds(1400, 0, [13, 13]),
        "heygen": _rounds(1450, 0, [13, 13]),
        "heygen_default": _rounds(1470, 0, [13, 13]),
    }
    fit = at_equal_pool(samples)
    assert fit["cpu_slope_us_per_connection"] == 0
    assert fit["by_contender"]["heygen_default"]["cpu_ratio"] == pytest.approx(1470 / 1400)
