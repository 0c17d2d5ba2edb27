"""The retry policy as a table: pure functions, no I/O."""

from __future__ import annotations

import httpx
import pytest

from heygen import _retry

NOW = 1_737_662_355.0  # Thu, 23 Jan 2025 19:59:15 GMT


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": " 2.5 "}, 2.5),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "-1"}, None),
        ({"Retry-After": "nan"}, None),
        ({"Retry-After": "inf"}, None),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "Thu, 23 Jan 2025 19:59:25 GMT"}, 10.0),
        ({"Retry-After": "Thu, 23 Jan 2025 19:59:05 GMT"}, 0.0),
        ({"Retry-After": "Thu, 23 Jan 2025 19:59:25"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "bad", "Retry-After": "4"}, 4.0),
        ({"retry-after-ms": "-5", "Retry-After": "4"}, 4.0),
        ({"retry-after-ms": "20", "Retry-After": "4"}, 0.02),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert _retry.parse_retry_after(httpx.Headers(headers), NOW) == expected


@pytest.mark.parametrize(
    ("retries_done", "ceiling"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]
)
def test_backoff_ceiling_doubles_to_eight_seconds(retries_done: int, ceiling: float) -> None:
    assert _retry.backoff_delay(retries_done, 1.0) == ceiling
    assert _retry.backoff_delay(retries_done, 0.5) == ceiling / 2
    assert _retry.backoff_delay(retries_done, 0.0) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"retries_done": 0, "max_retries": 2, "retry_after": None, "remaining": None}, 0.5),
        ({"retries_done": 2, "max_retries": 2, "retry_after": None, "remaining": None}, None),
        ({"retries_done": 0, "max_retries": 2, "retry_after": 60.0, "remaining": None}, 60.0),
        ({"retries_done": 0, "max_retries": 2, "retry_after": 60.5, "remaining": None}, None),
        ({"retries_done": 0, "max_retries": 2, "retry_after": 5.0, "remaining": 5.0}, None),
        ({"retries_done": 0, "max_retries": 2, "retry_after": 4.9, "remaining": 5.0}, 4.9),
        ({"retries_done": 0, "max_retries": 0, "retry_after": None, "remaining": None}, None),
    ],
)
def test_next_delay(kwargs: dict[str, float | int | None], expected: float | None) -> None:
    assert _retry.next_delay(random_fraction=1.0, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "idempotent", "retry"),
    [(500, True, True), (500, False, False), (502, False, True), (429, False, True), (400, True, False)],
)
def test_retryable_statuses(status: int, idempotent: bool, retry: bool) -> None:
    assert _retry.is_retryable_status(status, idempotent=idempotent) is retry


@pytest.mark.parametrize(
    ("error", "idempotent", "retry"),
    [
        (httpx.ConnectError("refused"), False, True),
        (httpx.ConnectTimeout("slow"), False, True),
        (httpx.PoolTimeout("busy"), False, True),
        (httpx.ReadTimeout("slow"), False, False),
        (httpx.RemoteProtocolError("reset"), False, False),
        (httpx.ReadTimeout("slow"), True, True),
        (httpx.ReadError("reset"), True, True),
    ],
)
def test_retryable_exceptions(error: httpx.TransportError, idempotent: bool, retry: bool) -> None:
    assert _retry.is_retryable_exception(error, idempotent=idempotent) is retry
