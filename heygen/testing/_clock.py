"""Time for the fake: a real clock by default, a hand-driven one for tests.

Training progress is measured on ``monotonic()`` so a wall-clock jump cannot move a training
backwards; the ``created_at``/``updated_at`` timestamps HeyGen reports are Unix seconds, taken from
``time()``. A test that drives a :class:`FakeClock` never sleeps.
"""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "SystemClock"]


class Clock(Protocol):
    """What the fake needs to know about time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards; only differences matter."""
        ...

    def time(self) -> float:
        """Unix seconds, as HeyGen reports them (fractional)."""
        ...


class SystemClock:
    """The real clocks: ``time.monotonic`` and ``time.time``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()


class FakeClock:
    """A clock that moves only when told to, so tests of training progress run instantly.

    Example::

        clock = FakeClock()
        fake = FakeHeyGen(clock=clock, training_seconds=60)
        ...  # train
        clock.advance(60)  # the training is now ready

    ``sleep`` and ``async_sleep`` advance the clock instead of waiting: hand them to code that
    polls (e.g. the SDK's ``wait_for_training``) and the whole wait takes no real time.

    Args:
        start: the Unix time ``time()`` reports before any advance. The default is the
            timestamp of HeyGen's own examples.
    """

    def __init__(self, start: float = 1_737_662_355.0) -> None:
        self._start = start
        self._elapsed = 0.0

    def monotonic(self) -> float:
        return self._elapsed

    def time(self) -> float:
        return self._start + self._elapsed

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` (never backwards)."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards (advance({seconds!r}))")
        self._elapsed += seconds

    def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping: a drop-in for ``time.sleep`` in polling code."""
        self.advance(max(seconds, 0.0))

    async def async_sleep(self, seconds: float) -> None:
        """Advance instead of sleeping: a drop-in for ``asyncio.sleep`` in polling code."""
        self.advance(max(seconds, 0.0))
