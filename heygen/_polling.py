"""Polling decisions for every wait: pure, shared by the sync and async clients.

`Waiter` holds what all waits share (the deadline, the schedule, which errors to wait through);
`TrainingWaiter` reads v2 training statuses, `heygen._avatar_polling.AvatarWaiter` v3 ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

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
S = TypeVar("S")


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


def validate_wait(timeout: float, poll_interval: float) -> None:
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
    ) -> None:
        validate_wait(timeout, poll_interval)
        if on_progress is not None and not callable(on_progress):
            raise TypeError(f"on_progress must be callable, got {type(on_progress).__name__}")
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


class TrainingWaiter(Waiter[TrainingStatus]):
    """One `wait_for_training`: reads v2 training statuses; `empty` too long means no training."""

    def __init__(
        self,
        group_id: str,
        *,
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[TrainingStatus], object] | None,
        clock: Clock,
        request_timeout: httpx.Timeout | None,
    ) -> None:
        super().__init__(
            f"group {group_id!r}",
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            clock=clock,
            request_timeout=request_timeout,
        )
        self.group_id = group_id
        self._empty_since: float | None = None

    def timeout_error(self) -> TrainingTimeoutError:
        error = TrainingTimeoutError(self.group_id, self.timeout, self.last_status)
        error.last_error = self.last_error
        return error

    def observe(self, status: TrainingStatus) -> TrainingStatus | None:
        """The final status on success; raises on failure; None to keep polling."""
        self.last_status = status
        self.last_error = None
        if self._on_progress is not None:
            self._on_progress(status)
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
