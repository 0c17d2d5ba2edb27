"""How many status calls `wait_for_training` makes, and how late it returns (the goal: under
5 s late with under 60 calls).

A 10-minute training on a fake clock, so nothing sleeps for real: an in-process
`httpx.MockTransport` answers `pending` for the first 30 s, then `training`, then `ready` from
`ready_at` on. The facade runs unchanged on top (`HeyGen(http_client=..., clock=...)`).

Lateness depends on where `ready_at` falls between two polls, so the wait runs once for each of
many ready times spread evenly over 600 s ± the schedule's longest pause (two whole polling
periods: [590, 610] s for the default), and reports the median and the worst.

    python -m bench.wait [--smoke]
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

import heygen
from heygen import _constants, _polling

PENDING_FOR = 30.0
READY_AT = 600.0
GOAL_LATE_S, GOAL_CALLS = 5.0, 60


class FakeClock:
    """The SDK's clock seam, with sleeping that only moves time on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return 1_737_662_355.0 + self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.now += seconds

    def random(self) -> float:
        return 0.5


@dataclass(frozen=True)
class Schedule:
    """A polling schedule: first pause, growth factor, longest pause (seconds)."""

    initial: float
    backoff: float
    cap: float

    @property
    def label(self) -> str:
        return f"{self.initial:g} s, x{self.backoff:g}, up to {self.cap:g} s"


CURRENT = Schedule(
    _constants.INITIAL_POLL_INTERVAL, _constants.POLL_BACKOFF, _constants.DEFAULT_POLL_INTERVAL
)
# Other points on the same trade-off, for comparison only.
ALTERNATIVES = (
    Schedule(1.0, 1.5, 8.0),
    Schedule(1.0, 1.5, 12.0),
    Schedule(2.0, 2.0, 10.0),
)


@contextmanager
def _schedule(schedule: Schedule) -> Iterator[None]:
    """Run `wait_for_training` on another schedule; the default one runs the SDK's own code."""
    if schedule == CURRENT:
        yield
        return

    def intervals(cap: float) -> Iterator[float]:
        interval = min(schedule.initial, cap)
        while True:
            yield interval
            interval = min(interval * schedule.backoff, cap)

    saved = _polling.poll_intervals
    _polling.poll_intervals = intervals
    try:
        yield
    finally:
        _polling.poll_intervals = saved


def _status_body(status: str) -> dict[str, Any]:
    return {
        "error": None,
        "data": {"status": status, "error_msg": None, "created_at": 1737662355.643309, "updated_at": None},
    }


def one_wait(schedule: Schedule, ready_at: float) -> tuple[int, float]:
    """(status calls, seconds between turning ready and the wait returning) for one training."""
    clock = FakeClock()
    started = clock.now
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        elapsed = clock.now - started
        status = "pending" if elapsed < PENDING_FOR else "training" if elapsed < ready_at else "ready"
        return httpx.Response(200, json=_status_body(status))

    with (
        _schedule(schedule),
        httpx.Client(transport=httpx.MockTransport(handler)) as http_client,
        heygen.HeyGen(api_key="bench", http_client=http_client, clock=clock) as client,
    ):
        client.photo_avatars.wait_for_training("group-1", poll_interval=schedule.cap)
    return calls, clock.now - started - ready_at


def ready_times(schedule: Schedule, count: int) -> list[float]:
    """`count` times evenly over READY_AT ± the cap: every phase of the steady polling, once."""
    first, step = READY_AT - schedule.cap, 2 * schedule.cap / (count - 1)
    return [first + i * step for i in range(count)]


def run(*, smoke: bool = False) -> dict[str, Any]:
    """Calls and lateness, median and max over the ready times, for each schedule."""
    count = 21 if smoke else 201
    schedules: list[dict[str, Any]] = []
    for schedule in (CURRENT, *ALTERNATIVES):
        times = ready_times(schedule, count)
        outcomes = [one_wait(schedule, ready_at) for ready_at in times]
        calls = [c for c, _ in outcomes]
        late = [s for _, s in outcomes]
        schedules.append(
            {
                "schedule": schedule.label,
                "initial_s": schedule.initial,
                "backoff": schedule.backoff,
                "cap_s": schedule.cap,
                "default": schedule == CURRENT,
                "ready_from_s": times[0],
                "ready_to_s": times[-1],
                "calls_median": statistics.median(calls),
                "calls_max": max(calls),
                "late_median_s": statistics.median(late),
                "late_max_s": max(late),
            }
        )
    return {
        "ready_at_s": READY_AT,
        "ready_times": count,
        "goal": {"late_s": GOAL_LATE_S, "calls": GOAL_CALLS},
        "schedules": schedules,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"wait_for_training, 10-minute training on a fake clock: ready at {result['ready_times']} times "
        f"spread over {result['ready_at_s']:g} s ± the longest pause",
        f"  {'schedule (first pause, growth, cap)':<42}{'status calls':>16}{'late (s)':>16}",
        f"  {'':<42}{'median   max':>16}{'median   max':>16}",
    ]
    for row in result["schedules"]:
        name = row["schedule"] + ("  (default)" if row["default"] else "")
        lines.append(
            f"  {name:<42}{row['calls_median']:>9g}{row['calls_max']:>7g}"
            f"{row['late_median_s']:>10.1f}{row['late_max_s']:>6.1f}"
        )
    goal = result["goal"]
    lines.append(f"  goal: under {goal['late_s']:g} s late with under {goal['calls']} calls")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="21 ready times instead of 201")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args()
    result = run(smoke=args.smoke)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
