"""Time for the fake (and the clients it hands out): a real clock by default, a hand-driven one for tests.

Training progress is measured on ``monotonic()`` so a wall-clock jump cannot move a training
backwards; the ``created_at``/``updated_at`` timestamps HeyGen reports are Unix seconds, taken from
``time()``. A test that drives a :class:`FakeClock` never sleeps.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
from collections.abc import Callable
from typing import Protocol

__all__ = ["Clock", "FakeClock", "SystemClock"]


class Clock(Protocol):
    """What the fake needs from time; also all a ``HeyGen(clock=...)`` client needs.

    Every clock of the fake can ``advance``: a :class:`FakeClock` moves only then, a
    :class:`SystemClock` follows real time and ``advance`` skips it ahead.
    """

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards; only differences matter."""
        ...

    def time(self) -> float:
        """Unix seconds, as HeyGen reports them (fractional)."""
        ...

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``."""
        ...

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        ...

    async def async_sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass, awaited."""
        ...

    def random(self) -> float:
        """A number in [0, 1), for retry jitter."""
        ...


class SystemClock:
    """The real clocks (``time.monotonic``, ``time.time``), which ``advance`` can skip ahead.

    Skipping ahead makes trainings on a real-time fake (``python -m heygen.testing serve``, or
    ``FakeHeyGen()`` without a clock) finish early, without waiting for them.
    """

    def __init__(self) -> None:
        self._skipped = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self._skipped

    def time(self) -> float:
        return time.time() + self._skipped

    def advance(self, seconds: float) -> None:
        """Skip ``seconds`` ahead (never backwards)."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards (advance({seconds!r}))")
        self._skipped += seconds

    def sleep(self, seconds: float) -> None:
        """Really sleep."""
        time.sleep(max(seconds, 0.0))

    async def async_sleep(self, seconds: float) -> None:
        """Really sleep, awaited (under asyncio or trio)."""
        import anyio

        await anyio.sleep(max(seconds, 0.0))

    def random(self) -> float:
        return random.random()


class FakeClock:
    """A clock that moves only when told to, so tests of training progress run instantly.

    Example::

        clock = FakeClock()
        fake = FakeHeyGen(clock=clock, training_seconds=60)
        ...  # train
        clock.advance(60)  # the training is now ready

    ``sleep`` and ``async_sleep`` advance the clock instead of waiting: hand the clock to the SDK
    (``fake.client()`` does, as do the ``heygen_client`` fixtures; or ``HeyGen(clock=clock)``)
    and retries and ``wait_for_training`` take no real time; ``sleeps`` lists every pause taken.

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
