"""Polling decisions for `wait_for_training`: pure, shared by the sync and async clients."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterator

import httpx

from ._clock import Clock
from ._constants import EMPTY_GRACE, INITIAL_POLL_INTERVAL, POLL_BACKOFF
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

logger = logging.getLogger("heygen")

#: What `HeyGen`'s `on_progress=` takes: a plain function, called with every status received.
ProgressCallback = Callable[[TrainingStatus], None]
#: What `AsyncHeyGen`'s `on_progress=` takes: a plain function or an `async def`, which is awaited
#: before the next poll (so a slow callback slows polling rather than piling up).
AsyncProgressCallback = Callable[[TrainingStatus], Awaitable[None] | None]


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
    """Bad wait arguments fail here: before the first poll, and before `train_and_wait` trains."""
    if on_progress is not None and not callable(on_progress):
        raise TypeError(f"on_progress must be callable, got {type(on_progress).__name__}")
    if not awaits_progress and _is_async_callable(on_progress):
        raise TypeError(_SYNC_CANNOT_AWAIT)
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}: {value!r}")
        if not value > 0 or value == float("inf"):
            raise ValueError(f"{name} must be a positive, finite number of seconds, got {value!r}")


class TrainingWaiter:
    """The state of one `wait_for_training`: deadline, backoff, last status; raises at the end.

    The sync and async shells only fetch and sleep; every decision is made here.
    """

    def __init__(
        self,
        group_id: str,
        *,
        timeout: float,
        poll_interval: float,
        on_progress: AsyncProgressCallback | None,
        clock: Clock,
        request_timeout: httpx.Timeout | None,
        awaits_progress: bool,
    ) -> None:
        validate_wait(timeout, poll_interval, on_progress, awaits_progress=awaits_progress)
        self._awaits_progress = awaits_progress
        self.group_id = group_id
        self.timeout = float(timeout)
        self.last_status: TrainingStatus | None = None
        self.last_error: HeyGenError | None = None
        self.polls = 0
        self._empty_since: float | None = None
        self._server_asked_wait = 0.0
        self._on_progress = on_progress
        self._clock = clock
        self._deadline = clock.monotonic() + timeout
        self._intervals = poll_intervals(float(poll_interval))
        self._request_timeout = request_timeout

    def _remaining(self) -> float:
        remaining = self._deadline - self._clock.monotonic()
        if remaining <= 0:
            error = TrainingTimeoutError(self.group_id, self.timeout, self.last_status)
            error.last_error = self.last_error
            raise error from self.last_error
        return remaining

    def request_timeout(self) -> httpx.Timeout:
        """The next status call's timeout: the client's, cut to what is left of the wait."""
        remaining = self._remaining()
        self.polls += 1
        return cap_timeout(self._request_timeout, remaining)

    def report(self, status: TrainingStatus) -> Awaitable[None] | None:
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

    def observe(self, status: TrainingStatus) -> TrainingStatus | None:
        """The final status on success; raises on failure; None to keep polling.

        Call `report` first (the sync shell can call `observe_sync`, which does both).
        """
        if status.state is TrainingState.READY:
            return status
        if status.state is TrainingState.FAILED:
            raise TrainingFailedError(status)
        self._check_empty(status)
        if status.is_unknown:
            logger.info("Group %r reports unknown status %r; still waiting", self.group_id, status.raw_status)
        return None

    def observe_sync(self, status: TrainingStatus) -> TrainingStatus | None:
        """`report`, then `observe`: for the sync shell, which has nothing to await."""
        self.report(status)
        return self.observe(status)

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
        logger.info("Polling group %r: %s; still waiting", self.group_id, error)

    def next_sleep(self) -> float:
        """Seconds to sleep before the next poll, never past the deadline."""
        interval = max(next(self._intervals), self._server_asked_wait)
        self._server_asked_wait = 0.0
        return min(interval, self._remaining())


_SYNC_CANNOT_AWAIT = (
    "on_progress is an async function (or returns an awaitable), which the synchronous HeyGen "
    "client cannot await: "
    "pass a plain function, or use AsyncHeyGen (which awaits it)"
)


def _is_async_callable(function: object) -> bool:
    call = getattr(function, "__call__", None)  # noqa: B004 - an object with an async __call__
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(call)
