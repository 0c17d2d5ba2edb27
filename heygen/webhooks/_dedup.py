"""De-duplication: HeyGen redelivers an event until it gets a 2xx, so handlers see repeats.

A valid signature proves a body came from HeyGen, not that it is new: a captured delivery can
be replayed with a fresh (unsigned) timestamp. Claiming each signed `event_id` once is what
stops both redeliveries and replays.
"""

from __future__ import annotations

import collections
import threading
from typing import Protocol, runtime_checkable

__all__ = ["EventDeduplicator", "InMemoryDeduplicator"]


@runtime_checkable
class EventDeduplicator(Protocol):
    """Remembers which events were handled. Implement it over your database to share it.

    `claim` must be atomic (two workers claiming one id: exactly one gets True), e.g. an
    `INSERT ... ON CONFLICT DO NOTHING` into a table keyed by event id, True when a row was
    inserted. Keep ids for at least a day: HeyGen retries a delivery for up to 24 hours.
    """

    def claim(self, event_id: str) -> bool:
        """Record `event_id`; True if this is its first claim (handle it), False for a repeat."""
        ...

    def release(self, event_id: str) -> None:
        """Forget a claim whose handling failed, so that HeyGen's retry is handled again."""
        ...


class InMemoryDeduplicator:
    """An `EventDeduplicator` in this process's memory: the `max_events` most recent ids.

    Enough for one process and a few thousand events a day. It forgets on restart and is not
    shared between workers: use a database-backed `EventDeduplicator` for those.

    >>> seen = InMemoryDeduplicator()
    >>> if seen.claim(event.event_id): handle(event)
    """

    def __init__(self, max_events: int = 100_000) -> None:
        if isinstance(max_events, bool) or not isinstance(max_events, int):
            raise TypeError(f"max_events must be an int, got {type(max_events).__name__}")
        if max_events < 1:
            raise ValueError(f"max_events must be at least 1, got {max_events}")
        self.max_events = max_events
        self._ids: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._lock = threading.Lock()

    def claim(self, event_id: str) -> bool:
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            if len(self._ids) > self.max_events:
                self._ids.popitem(last=False)  # the oldest claim
            return True

    def release(self, event_id: str) -> None:
        with self._lock:
            self._ids.pop(event_id, None)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"InMemoryDeduplicator(max_events={self.max_events}, held={len(self._ids)})"
