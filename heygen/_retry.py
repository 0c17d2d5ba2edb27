"""When to retry and how long to wait: pure functions, shared by the sync and async clients.

The policy (README, "Retries"): reads retry connection failures, timeouts, 408, 429 and 5xx
gateway errors and 500; `train` costs credits and has no idempotency key, so it retries only
where the request surely did no work: the connection was never established, 408, 429, 502, 503,
504. A `Retry-After` (or `retry-after-ms`) is obeyed up to 60 s; a longer one ends the call at once
with the error (and `retry_after` on a `RateLimitError`). Otherwise the delay is full jitter over
an exponential ceiling: uniform(0, min(8, 0.5 * 2**n)) seconds. No delay may run past the call's
deadline.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import httpx

from ._constants import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRYABLE_STATUSES_IDEMPOTENT,
    RETRYABLE_STATUSES_NON_IDEMPOTENT,
)
from ._exceptions import APIConnectionError, APIResponseValidationError, APIStatusError

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# Failures that happen before the request leaves: the server cannot have acted on it.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def parse_retry_after(headers: httpx.Headers, now: float) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `Retry-After`.

    `Retry-After` may be delta-seconds (floats tolerated) or an HTTP date; `now` is Unix time for
    the date form. Returns None when absent or unreadable, and 0 for a date in the past.
    """
    millis: str | None = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis) / 1000.0
        except ValueError:
            value = -1.0
        if value >= 0 and value == value and value != float("inf"):
            return value
    text: str | None = headers.get("retry-after")
    if text is None:
        return None
    text = text.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        return max(0.0, when.timestamp() - now)
    if seconds != seconds or seconds in (float("inf"), float("-inf")) or seconds < 0:
        return None
    return seconds


def backoff_delay(retries_done: int, random_fraction: float) -> float:
    """Full-jitter delay before retry number `retries_done + 1`."""
    ceiling: float = min(MAX_RETRY_DELAY, INITIAL_RETRY_DELAY * 2.0 ** min(retries_done, 16))
    return random_fraction * ceiling


def is_retryable_status(status_code: int, *, idempotent: bool) -> bool:
    allowed = RETRYABLE_STATUSES_IDEMPOTENT if idempotent else RETRYABLE_STATUSES_NON_IDEMPOTENT
    return status_code in allowed


def is_retryable_exception(error: httpx.TransportError, *, idempotent: bool) -> bool:
    """Retry what never reached the server; for reads, also what broke after sending."""
    if isinstance(error, _NOT_SENT):
        return True
    return idempotent


def retry_after_too_long(retry_after: float | None) -> bool:
    return retry_after is not None and retry_after > MAX_RETRY_AFTER


def next_delay(
    *,
    retries_done: int,
    max_retries: int,
    retry_after: float | None,
    random_fraction: float,
    remaining: float | None,
) -> float | None:
    """The delay before the next attempt, or None to give up.

    Gives up when retries are used up, when the server's `Retry-After` is over the cap, or when
    the wait would run past the call's deadline (`remaining` seconds; None means no deadline).
    """
    if retries_done >= max_retries or retry_after_too_long(retry_after):
        return None
    delay = retry_after if retry_after is not None else backoff_delay(retries_done, random_fraction)
    if remaining is not None and delay >= remaining:
        return None
    return delay


def may_have_acted(error: Exception) -> bool:
    """Whether a failed call may still have done its work: it was sent and not clearly refused.

    A 4xx or a failure reported in a 2xx body is a refusal; a connection never established
    sent nothing; the gateway errors `train` retries (502, 503, 504) are, by that same policy,
    taken to have done nothing. Anything else (a 500 or other 5xx, a timeout or reset after
    sending, a 2xx we could not read) leaves it open.
    """
    if isinstance(error, APIStatusError):
        return error.status_code >= 500 and error.status_code not in RETRYABLE_STATUSES_NON_IDEMPOTENT
    if isinstance(error, APIResponseValidationError):
        return error.status_code < 400
    if isinstance(error, APIConnectionError):
        return not isinstance(error.__cause__, _NOT_SENT)
    return False
