"""Clocks for tests over real sockets (the all-fake one is `heygen.testing.FakeClock`)."""

from __future__ import annotations

import time

from heygen.testing import FakeClock


class SkipClock(FakeClock):
    """Real time, except that sleeping is instant: each sleep is recorded and skipped ahead.

    For tests over real sockets where timeouts and slow bodies must really take time, but retry
    waits should not: the SDK sees the time it slept as passed, so deadlines still count it.
    """

    def __init__(self, random_fraction: float = 1.0) -> None:
        super().__init__(start=0.0, random_fraction=random_fraction)

    def monotonic(self) -> float:
        return time.monotonic() + super().monotonic()

    def time(self) -> float:
        return time.time() + super().monotonic()
