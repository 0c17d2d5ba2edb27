"""Time for the fake: a real clock by default, a hand-driven one for tests.

Training progress is measured on ``monotonic()`` so a wall-clock jump cannot move a training
backwards; the ``created_at``/``updated_at`` timestamps HeyGen reports are Unix seconds, taken from
``time()``. A test that drives a :class:`FakeClock` never sleeps.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable
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

    ``sleep`` and ``async_sleep`` advance the clock instead of waiting: hand the clock to the SDK
    (``HeyGen(..., _clock=clock)``, as the ``heygen_client`` fixture does) and retries and
    ``wait_for_training`` take no real time; ``sleeps`` lists every pause they took.

    Args:
        start: the Unix time ``time()`` reports before any advance. The default is the
            timestamp of HeyGen's own examples.
        random_fraction: what ``random()`` returns, for the SDK's retry jitter.
    """

    def __init__(self, start: float = 1_737_662_355.0, *, random_fraction: float = 1.0) -> None:
        self._start = start
        self._elapsed = 0.0
        self.random_fraction = random_fraction
        self.sleeps: list[float] = []
        self._timers: list[tuple[float, int, Callable[[], object]]] = []
        self._order = itertools.count()

    def monotonic(self) -> float:
        return self._elapsed

    def time(self) -> float:
        return self._start + self._elapsed

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` (never backwards), running timers due on the way.

        Each timer runs with the clock stopped at its own moment, in time order.
        """
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards (advance({seconds!r}))")
        target = self._elapsed + seconds
        while self._timers and self._timers[0][0] <= target:
            when, _, callback = heapq.heappop(self._timers)
            self._elapsed = max(self._elapsed, when)
            callback()
        self._elapsed = target

    def call_at(self, when: float, callback: Callable[[], object]) -> None:
        """Run ``callback`` once ``monotonic()`` reaches ``when``, during an ``advance``.

        What the fake uses to deliver webhooks at the moment a training ends, in fake time.
        A timer already due runs at the next ``advance`` (``advance(0)`` runs it now).
        """
        heapq.heappush(self._timers, (when, next(self._order), callback))

    def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping, and record it in ``sleeps``: a drop-in for ``time.sleep``."""
        self.sleeps.append(seconds)
        self.advance(max(seconds, 0.0))

    async def async_sleep(self, seconds: float) -> None:
        """Advance instead of sleeping, and record it in ``sleeps``: a drop-in for ``asyncio.sleep``."""
        self.sleep(seconds)

    def random(self) -> float:
        """The SDK's retry jitter: ``random_fraction`` (default 1.0, the top of each backoff)."""
        return self.random_fraction
