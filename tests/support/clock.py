"""A fake clock for the SDK's `_clock` seam: sleeping advances time instantly and is recorded."""

from __future__ import annotations

import time


class FakeClock:
    def __init__(
        self, start: float = 1_000.0, now: float = 1_737_662_355.0, random_fraction: float = 1.0
    ) -> None:
        self._monotonic = start
        self._wall = now
        self.random_fraction = random_fraction
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self._monotonic

    def time(self) -> float:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._monotonic += seconds
        self._wall += seconds

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, seconds
        self.sleeps.append(seconds)
        self.advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def random(self) -> float:
        return self.random_fraction


class SkipClock(FakeClock):
    """Real time, except that sleeping is instant: each sleep is recorded and skipped ahead.

    For tests over real sockets where timeouts and slow bodies must really take time, but retry
    waits should not: the SDK sees the time it slept as passed, so deadlines still count it.
    """

    def __init__(self, random_fraction: float = 1.0) -> None:
        super().__init__(start=0.0, now=0.0, random_fraction=random_fraction)

    def monotonic(self) -> float:
        return time.monotonic() + self._monotonic

    def time(self) -> float:
        return time.time() + self._wall
