"""Polling decisions for every wait: pure, shared by the sync and async clients.

`Waiter` holds what all waits share (the deadline, the schedule, which errors to wait through);
`TrainingWaiter` reads v2 training statuses, `heygen._avatar_polling.AvatarWaiter` v3 ones.

Given `events=`, the pause between polls ends early when a webhook event that may concern the
wait arrives (see `heygen.webhooks`), and the polls themselves slow to a safety net: every
`EVENTS_SLOWDOWN` x `poll_interval` seconds. The status call still decides every outcome.
"""

from __future__ import annotations

import inspect
import itertools
import logging
from collections.abc import Awaitable, Callable, Collection, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from ._clock import Clock
from ._constants import EMPTY_GRACE, EVENTS_SLOWDOWN, INITIAL_POLL_INTERVAL, POLL_BACKOFF
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    HeyGenError,
    InternalServerError,
    RateLimitError,
    TrainingFailedError,
    TrainingNotStartedError,
    TrainingTimeoutError,
)
from ._http import cap_timeout
from .types import TrainingState, TrainingStatus

if TYPE_CHECKING:
    from .webhooks._feed import EventWait

logger = logging.getLogger("heygen")
S = TypeVar("S")

ProgressCallback = Callable[[TrainingStatus], None]
"""What `HeyGen`'s `on_progress=` takes: a plain function, called with every status received."""
AsyncProgressCallback = Callable[[TrainingStatus], Awaitable[None] | None]
"""What `AsyncHeyGen`'s `on_progress=` takes: a plain function or an `async def`, which is awaited
before the next poll (so a slow callback slows polling rather than piling up)."""


def poll_intervals(cap: float) -> Iterator[float]:
    """Delays between polls: short at first (a quick failure shows fast), growing to `cap`."""
    interval = min(INITIAL_POLL_INTERVAL, cap)
    while True:
        yield interval
        interval = min(interval * POLL_BACKOFF, cap)


# 5xx that will not go away by waiting: the server does not support the request at all.
_PERMANENT_SERVER_ERRORS = frozenset({501, 505})


def is_transient(error: HeyGenError) -> bool:
    """Errors that say nothing about the training: keep waiting (the client already retried)."""
    if isinstance(error, InternalServerError):
        return error.status_code not in _PERMANENT_SERVER_ERRORS
    if isinstance(error, APIConnectionError | RateLimitError):
        return True
    return isinstance(error, APIStatusError) and error.status_code == 408


def validate_wait(
    timeout: float, poll_interval: float, on_progress: object = None, *, awaits_progress: bool = True
) -> None:
    """Bad wait arguments fail here: before the first poll, and before a paid call that waits."""
    if on_progress is not None and not callable(on_progress):
        raise TypeError(f"on_progress must be callable, got {type(on_progress).__name__}")
    if not awaits_progress and _is_async_callable(on_progress):
        raise TypeError(_SYNC_CANNOT_AWAIT)
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}: {value!r}")
        if not value > 0 or value == float("inf"):
            raise ValueError(f"{name} must be a positive, finite number of seconds, got {value!r}")


class Waiter(Generic[S]):
    """The state of one wait: deadline, backoff, last status, last error; raises at the end.

    The sync and async shells only fetch and sleep; every decision is made here. Subclasses
    read their statuses (`observe`) and say what a timeout raises (`timeout_error`).
    """

    def __init__(
        self,
        subject: str,
        *,
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[S], object] | None,
        clock: Clock,
        request_timeout: httpx.Timeout | None,
        events: object = None,
        event_ids: Collection[str] = (),
        is_async: bool = False,
    ) -> None:
        # The async client awaits what `on_progress` returns; the sync one cannot, and says so.
        validate_wait(timeout, poll_interval, on_progress, awaits_progress=is_async)
        self._awaits_progress = is_async
        self.subject = subject
        self.timeout = float(timeout)
        self.last_status: S | None = None
        self.last_error: HeyGenError | None = None
        self.polls = 0
        self._server_asked_wait = 0.0
        self._on_progress = on_progress
        self._clock = clock
        self._started = clock.monotonic()
        self._deadline = self._started + timeout
        self._intervals = poll_intervals(float(poll_interval))
        self._request_timeout = request_timeout
        self.events: EventWait | None = None
        if events is not None:
            from .webhooks._feed import open_event_wait

            self.events = open_event_wait(events, event_ids, is_async=is_async)
            self._safety_net = float(poll_interval) * EVENTS_SLOWDOWN
            self._intervals = itertools.repeat(self._safety_net)

    def timeout_error(self) -> HeyGenError:
        """The error for a wait whose deadline passed (with `last_error` set on it)."""
        raise NotImplementedError

    def _remaining(self) -> float:
        remaining = self._deadline - self._clock.monotonic()
        if remaining <= 0:
            raise self.timeout_error() from self.last_error
        return remaining

    def request_timeout(self) -> httpx.Timeout:
        """The next status call's timeout: the client's, cut to what is left of the wait."""
        remaining = self._remaining()
        self.polls += 1
        return cap_timeout(self._request_timeout, remaining)

    def observe(self, status: S) -> S | None:
        """The final status on success; raises when waiting cannot help; None to keep polling."""
        raise NotImplementedError

    def run(self, fetch: Callable[[httpx.Timeout], S]) -> S:
        """The sync shell of every wait: poll with the time left, hand each status over, pause.

        `fetch` makes one status call within the timeout it is given; the deadline check stays
        outside the `try`, so a wait's own timeout error is never taken for a failed poll.
        """
        while True:
            request_timeout = self.request_timeout()
            try:
                status = fetch(request_timeout)
            except HeyGenError as error:
                self.observe_error(error)
            else:
                self.report(status)
                if (final := self.observe(status)) is not None:
                    return final
            self.pause(self._clock)

    async def async_run(self, fetch: Callable[[httpx.Timeout], Awaitable[S]]) -> S:
        """`run` for the async client: an async `on_progress` is awaited before the next poll."""
        while True:
            request_timeout = self.request_timeout()
            try:
                status = await fetch(request_timeout)
            except HeyGenError as error:
                self.observe_error(error)
            else:
                if (pending := self.report(status)) is not None:
                    await pending
                if (final := self.observe(status)) is not None:
                    return final
            await self.async_pause(self._clock)

    def report(self, status: S) -> Awaitable[None] | None:
        """Record a status and call `on_progress`; what it returned, for the async shell to await."""
        self.last_status = status
        self.last_error = None
        if self._on_progress is None:
            return None
        result = self._on_progress(status)
        if not inspect.isawaitable(result):
            return None
        if not self._awaits_progress:  # say so now, not as "coroutine was never awaited" later
            close = getattr(result, "close", None)
            if close is not None:
                close()
            raise TypeError(_SYNC_CANNOT_AWAIT)
        return result

    def observe_error(self, error: HeyGenError) -> None:
        """Keep waiting through transient errors (already retried by the client); raise the rest.

        A `Retry-After` is obeyed for the next poll; one longer than the time left ends the wait
        with that error, since no poll could succeed in time.
        """
        if not is_transient(error):
            raise error
        self.last_error = error
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            if retry_after >= self._remaining():
                raise error
            self._server_asked_wait = retry_after
        logger.info("Polling %s: %s; still waiting", self.subject, error)

    def next_sleep(self) -> float:
        """Seconds to sleep before the next poll, never past the deadline."""
        interval = max(next(self._intervals), self._server_asked_wait)
        self._server_asked_wait = 0.0
        return min(interval, self._remaining())

    def pause(self, clock: Clock) -> None:
        """Sleep until the next poll is due, or (given events) until one may concern this wait."""
        seconds = self.next_sleep()
        if self.events is None:
            clock.sleep(seconds)
        elif self.events.sleep(clock, seconds):
            self._event_arrived()

    async def async_pause(self, clock: Clock) -> None:
        """`pause` for the async client."""
        seconds = self.next_sleep()
        if self.events is None:
            await clock.async_sleep(seconds)
        elif await self.events.async_sleep(clock, seconds):
            self._event_arrived()

    def _event_arrived(self) -> None:
        """Poll now; should the status lag behind the event, poll again soon (1 s, then growing)."""
        self._intervals = poll_intervals(self._safety_net)


class TrainingWaiter(Waiter[TrainingStatus]):
    """One `wait_for_training`: reads v2 training statuses; `empty` too long means no training."""

    def __init__(
        self,
        group_id: str,
        *,
        timeout: float,
        poll_interval: float,
        on_progress: AsyncProgressCallback | None,
        clock: Clock,
        request_timeout: httpx.Timeout | None,
        events: object = None,
        is_async: bool = False,
    ) -> None:
        super().__init__(
            f"group {group_id!r}",
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            clock=clock,
            request_timeout=request_timeout,
            events=events,
            event_ids=(group_id,),
            is_async=is_async,
        )
        self.group_id = group_id
        self._empty_since: float | None = None

    def timeout_error(self) -> TrainingTimeoutError:
        error = TrainingTimeoutError(self.group_id, self.timeout, self.last_status)
        error.last_error = self.last_error
        return error

    def observe(self, status: TrainingStatus) -> TrainingStatus | None:
        """The final status on success; raises on failure; None to keep polling (`report` it first)."""
        if status.state is TrainingState.READY:
            return status
        if status.state is TrainingState.FAILED:
            raise TrainingFailedError(status)
        self._check_empty(status)
        if status.is_unknown:
            logger.info("Group %r reports unknown status %r; still waiting", self.group_id, status.raw_status)
        return None

    def _check_empty(self, status: TrainingStatus) -> None:
        """`empty` means no training exists: tolerated briefly after `train`, then raised."""
        if status.state is not TrainingState.EMPTY:
            self._empty_since = None
            return
        now = self._clock.monotonic()
        if self._empty_since is None:
            self._empty_since = now
        elif now - self._empty_since >= EMPTY_GRACE:
            raise TrainingNotStartedError(status, EMPTY_GRACE)


_SYNC_CANNOT_AWAIT = (
    "on_progress is an async function (or returns an awaitable), which the synchronous HeyGen "
    "client cannot await: pass a plain function, or use AsyncHeyGen (which awaits it)"
)


def _is_async_callable(function: object) -> bool:
    call = getattr(function, "__call__", None)  # noqa: B004 - an object with an async __call__
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(call)
