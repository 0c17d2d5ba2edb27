"""Raw access to an HTTP answer alongside the parsed result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

from ._constants import IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RawResponse(Generic[T]):
    """The HTTP response of a call, with its parsed result.

    Returned by `client.photo_avatars.with_raw_response.<method>(...)`. The request attached to
    `http_response` has its API key header redacted.

    Attributes:
        http_response: The final httpx response (after any retries).
        attempts: How many HTTP attempts the call took (1 when nothing was retried).
    """

    http_response: httpx.Response = field(repr=False)
    parsed: T
    attempts: int

    @property
    def status_code(self) -> int:
        """The HTTP status of the final response."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the final response."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """HeyGen's `X-Request-Id`, when it sent one."""
        value: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return value

    @property
    def idempotency_key(self) -> str | None:
        """The `Idempotency-Key` the call sent (creates and uploads), the same on every attempt."""
        value: str | None = self.http_response.request.headers.get(IDEMPOTENCY_KEY_HEADER)
        return value

    def parse(self) -> T:
        """The parsed result, as the plain method would have returned it."""
        return self.parsed
