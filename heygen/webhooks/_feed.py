"""Event sources for waits: what `wait_for_training(..., events=...)` listens to between polls.

The polling engine sleeps between two status calls; given events, that sleep becomes "until the
next safety-net poll, or until an event that may concern this wait arrives". Three sources:

* `EventFeed`: a broadcast hub. Your webhook handler calls `feed.publish(event)`; every wait
  listening at that moment sees it (so many concurrent waits can share one feed). Sync and async.
* A `queue.Queue` (or anything with `get(timeout=)` and `get_nowait()`): one consumer; sync and
  async (async checks it every 50 ms).
* An `asyncio.Queue`: one consumer, async waits only.

With the real clock the wait blocks on the source. With any other clock (a test's fake clock)
it advances that clock in steps of `FAKE_CLOCK_STEP` seconds and looks at the source between
steps, so a delivery the fake fires as its clock passes the finishing moment is seen at most
one step late, in fake time.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import queue
import threading
import weakref
from collections.abc import Collection
from typing import Any, Protocol, TypeAlias

from .._clock import Clock, SystemClock
from ._event import WebhookEvent
from ._relevance import EventRule, may_concern

__all__ = ["FAKE_CLOCK_STEP", "EventFeed", "EventSource", "EventWait", "open_event_wait"]

logger = logging.getLogger("heygen")
FAKE_CLOCK_STEP = 0.25
_ASYNC_CHECK = 0.05  # seconds between looks at a source that cannot wake an async waiter


class _Receiver(Protocol):
    def poll(self) -> object | None: ...
    def block(self, timeout: float) -> object | None: ...
    async def ablock(self, timeout: float) -> object | None: ...
    def close(self) -> None: ...


class _Subscription:
    """One wait's inbox on an `EventFeed`."""

    def __init__(self, feed: EventFeed) -> None:
        self._feed = feed
        self._inbox: collections.deque[WebhookEvent] = collections.deque(maxlen=1000)
        self._ready = threading.Condition()

    def put(self, event: WebhookEvent) -> None:
        with self._ready:
            self._inbox.append(event)
            self._ready.notify_all()

    def poll(self) -> WebhookEvent | None:
        with self._ready:
            return self._inbox.popleft() if self._inbox else None

    def block(self, timeout: float) -> WebhookEvent | None:
        with self._ready:
            self._ready.wait_for(lambda: bool(self._inbox), timeout)
            return self._inbox.popleft() if self._inbox else None

    async def ablock(self, timeout: float) -> object | None:
        return await _poll_every(self, timeout)

    def close(self) -> None:
        self._feed._unsubscribe(self)


class EventFeed:
    """A broadcast hub between your webhook handler and the waits that want its events.

    >>> feed = heygen.webhooks.EventFeed()
    >>> # in the webhook handler, after verifying:
    >>> feed.publish(event)
    >>> # elsewhere (another thread or task):
    >>> client.photo_avatars.wait_for_training(group_id, events=feed)

    Args:
        rule: Which events may concern a wait: `rule(event, ids) -> bool`. The default,
            `heygen.webhooks.may_concern`, matches avatar event types mentioning the wait's ids.

    Only waits listening when an event is published see it; the safety-net polls cover the rest.
    """

    def __init__(self, *, rule: EventRule = may_concern) -> None:
        if not callable(rule):
            raise TypeError(f"rule must be callable as rule(event, ids), got {type(rule).__name__}")
        self.rule = rule
        # Weak: a wait that ends in any way (even by KeyboardInterrupt) stops listening when it
        # is collected, with no cleanup code in the polling loops.
        self._subscribers: weakref.WeakSet[_Subscription] = weakref.WeakSet()
        self._lock = threading.Lock()

    def publish(self, event: WebhookEvent) -> None:
        """Hand a verified event to every wait listening now. Thread-safe; never blocks."""
        if not isinstance(event, WebhookEvent):
            raise TypeError(f"publish takes a verified WebhookEvent, got {type(event).__name__}")
        with self._lock:
            subscribers = list(self._subscribers)
        for subscription in subscribers:
            subscription.put(event)

    def _subscribe(self) -> _Subscription:
        subscription = _Subscription(self)
        with self._lock:
            self._subscribers.add(subscription)
        return subscription

    def _unsubscribe(self, subscription: _Subscription) -> None:
        with self._lock:
            self._subscribers.discard(subscription)

    def __repr__(self) -> str:
        return f"EventFeed(listening={len(self._subscribers)})"


class _ThreadQueue:
    def __init__(self, source: Any) -> None:
        self._source = source

    def poll(self) -> object | None:
        try:
            item: object = self._source.get_nowait()
        except queue.Empty:
            return None
        return item

    def block(self, timeout: float) -> object | None:
        try:
            item: object = self._source.get(timeout=timeout)
        except queue.Empty:
            return None
        return item

    async def ablock(self, timeout: float) -> object | None:
        return await _poll_every(self, timeout)

    def close(self) -> None:
        pass


class _AsyncioQueue:
    def __init__(self, source: asyncio.Queue[Any]) -> None:
        self._source = source

    def poll(self) -> object | None:
        try:
            item: object = self._source.get_nowait()
        except asyncio.QueueEmpty:
            return None
        return item

    def block(self, timeout: float) -> object | None:
        raise TypeError("an asyncio.Queue can only feed an async wait: use an EventFeed or a queue.Queue")

    async def ablock(self, timeout: float) -> object | None:
        try:
            return await asyncio.wait_for(self._source.get(), timeout)
        except TimeoutError:
            return None

    def close(self) -> None:
        pass


async def _poll_every(receiver: _Receiver, timeout: float) -> object | None:
    import anyio  # httpx's own dependency; works under asyncio and trio alike

    with anyio.move_on_after(timeout):
        while (item := receiver.poll()) is None:
            await anyio.sleep(_ASYNC_CHECK)
        return item
    return None


class EventWait:
    """One wait's view of its source: sleeps that end early for an event that may concern it."""

    def __init__(self, receiver: _Receiver, rule: EventRule, ids: Collection[str]) -> None:
        self._receiver = receiver
        self._rule = rule
        self._ids = frozenset(ids)
        #: Events seen that the rule said may concern this wait.
        self.relevant = 0

    def _concerns(self, item: object) -> bool:
        if not isinstance(item, WebhookEvent):
            logger.warning(
                "Ignoring a %s from the events source: only verified WebhookEvents count", type(item).__name__
            )
            return False
        if self._rule(item, self._ids):
            self.relevant += 1
            return True
        return False

    def sleep(self, clock: Clock, seconds: float) -> bool:
        """Sleep up to `seconds`; True as soon as a concerning event arrives."""
        deadline = clock.monotonic() + seconds
        while (remaining := deadline - clock.monotonic()) > 0:
            if isinstance(clock, SystemClock):
                item = self._receiver.block(remaining)
                if item is None:
                    return False
            else:
                item = self._receiver.poll()
                if item is None:
                    clock.sleep(min(FAKE_CLOCK_STEP, remaining))
                    continue
            if self._concerns(item):
                return True
        return False

    async def async_sleep(self, clock: Clock, seconds: float) -> bool:
        """`sleep` for async waits."""
        deadline = clock.monotonic() + seconds
        while (remaining := deadline - clock.monotonic()) > 0:
            if isinstance(clock, SystemClock):
                item = await self._receiver.ablock(remaining)
                if item is None:
                    return False
            else:
                item = self._receiver.poll()
                if item is None:
                    await clock.async_sleep(min(FAKE_CLOCK_STEP, remaining))
                    continue
            if self._concerns(item):
                return True
        return False

    def close(self) -> None:
        self._receiver.close()


EventSource: TypeAlias = "EventFeed | queue.Queue[Any] | queue.SimpleQueue[Any] | asyncio.Queue[Any]"
"""What `events=` takes: a feed, or a queue of verified `WebhookEvent`s."""


def open_event_wait(source: object, ids: Collection[str], *, is_async: bool) -> EventWait:
    """Start listening to `source` for one wait; `close()` the result when the wait ends.

    Raises:
        TypeError: `source` is none of the supported kinds (or an asyncio.Queue for a sync wait).
    """
    receiver: _Receiver
    rule: EventRule = may_concern
    if isinstance(source, EventFeed):
        receiver, rule = source._subscribe(), source.rule
    elif isinstance(source, asyncio.Queue):
        if not is_async:
            raise TypeError("events: an asyncio.Queue can only feed an async wait; use an EventFeed")
        receiver = _AsyncioQueue(source)
    elif callable(getattr(source, "get", None)) and callable(getattr(source, "get_nowait", None)):
        receiver = _ThreadQueue(source)
    else:
        raise TypeError(
            f"events must be a heygen.webhooks.EventFeed, a queue.Queue or an asyncio.Queue of "
            f"verified WebhookEvents, got {type(source).__name__}"
        )
    return EventWait(receiver, rule, ids)
