"""``Idempotency-Key`` as HeyGen documents it for v3 creations, on the fake's clock.

* A key is scoped per account, operation and path parameters: the same key on another route,
  or for another group, is a different key.
* A repeat within 24 hours of the first request replays the first answer, byte for byte, even if
  its body differs (HeyGen only logs a warning).
* A repeat while the first request is still running gets 409 ``request_in_progress``. The fake
  answers each request at once, so "still running" exists only when a test asks for it:
  ``FakeHeyGen.drop_response(..., running_seconds=...)`` keeps the first request running that
  long after its (lost) answer.
* Only answers the operation itself produced are remembered. A request refused before it ran (bad
  key, invalid body, a queued error standing in for a gateway failure) leaves the key unused, so
  the caller can correct it and try again with the same key.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from heygen.testing._clock import Clock

__all__ = ["REPLAY_WINDOW_SECONDS", "IdempotencyStore", "InProgress"]

REPLAY_WINDOW_SECONDS = 24 * 60 * 60


class InProgress(Exception):
    """The first request with this key is still running."""


@dataclass
class _Record:
    started: float  # clock.monotonic() of the first request
    running_until: float
    status: int
    headers: dict[str, str]
    body: bytes


class IdempotencyStore:
    """Answers remembered by key, for 24 hours of the fake's clock."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._records: dict[Hashable, _Record] = {}

    def replay(self, scope: Hashable) -> tuple[int, dict[str, str], bytes] | None:
        """The first answer for this scope, or None if the key is new (or expired).

        Raises:
            InProgress: the first request is still running.
        """
        record = self._records.get(scope)
        now = self._clock.monotonic()
        if record is None:
            return None
        if now - record.started >= REPLAY_WINDOW_SECONDS:
            del self._records[scope]
            return None
        if now < record.running_until:
            raise InProgress
        return record.status, dict(record.headers), record.body

    def remember(
        self, scope: Hashable, status: int, headers: dict[str, str], body: bytes, running_seconds: float = 0.0
    ) -> None:
        now = self._clock.monotonic()
        self._records[scope] = _Record(now, now + running_seconds, status, dict(headers), body)
        self._prune(now)

    def _prune(self, now: float) -> None:
        expired = [scope for scope, r in self._records.items() if now - r.started >= REPLAY_WINDOW_SECONDS]
        for scope in expired:
            del self._records[scope]
