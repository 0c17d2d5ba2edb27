"""Time, sleep and randomness behind one seam, so tests drive retries and polling instantly."""

from __future__ import annotations

import random
import time
from typing import Protocol


class Clock(Protocol):
    """What the SDK needs from time. `heygen.testing.FakeClock` is the test double."""

    def monotonic(self) -> float: ...
    def time(self) -> float: ...
    def sleep(self, seconds: float) -> None: ...
    async def async_sleep(self, seconds: float) -> None: ...
    def random(self) -> float: ...


class SystemClock:
    """The real clock."""

    __slots__ = ()

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def async_sleep(self, seconds: float) -> None:
        import anyio  # httpx's own dependency; works under asyncio and trio alike

        await anyio.sleep(seconds)

    def random(self) -> float:
        return random.random()


SYSTEM_CLOCK = SystemClock()
