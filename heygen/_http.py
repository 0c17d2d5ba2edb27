"""One request loop: headers, timeouts, retries, body limits, logging and error mapping.

The generated client calls `client.get_httpx_client().request(method=..., url=..., ...)` and
nothing else, so each facade call hands it a `SyncCall`/`AsyncCall` in place of an httpx client.
The call sends through the user's (or our) httpx client, retries by the policy in `_retry`, and
returns only 2xx responses: every other outcome is raised here as a `HeyGenError`, before the
generated `_build_response` could choke on it (it calls `HTTPStatus(code)`, which fails on
non-IANA codes such as 520).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx

from . import _retry
from ._clock import Clock
from ._constants import API_KEY_HEADER, IDEMPOTENCY_KEY_HEADER, MAX_RESPONSE_BYTES
from ._deprecation import BODY_LOST, announce, retired_route
from ._envelope import decode_json, error_details, is_request_in_progress, make_status_error, request_id
from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError
from ._urls import request_url

logger = logging.getLogger("heygen")

REDACTED = "<redacted>"


_NO_TIMEOUT = httpx.Timeout(None)


class CallOptions:
    """Everything one call needs to send: resolved once per client or per override.

    `budget` is the whole call's deadline in seconds, retries included: the timeout's longest
    part. `first_timeout` is what the first attempt sends, the timeout cut to that budget.
    `request_headers` are what each request adds to those the pool sends (`pool_headers`).
    """

    __slots__ = (
        "base_url",
        "budget",
        "clock",
        "first_timeout",
        "headers",
        "max_retries",
        "request_headers",
        "timeout",
    )

    def __init__(
        self,
        *,
        base_url: str,
        headers: Mapping[str, str],
        timeout: httpx.Timeout | None,
        max_retries: int,
        clock: Clock,
        pool_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.base_url = base_url
        self.headers = headers
        self.request_headers = (
            {k: v for k, v in headers.items() if pool_headers.get(k) != v} if pool_headers else headers
        )
        self.timeout = timeout
        self.max_retries = max_retries
        self.clock = clock
        parts = () if timeout is None else (timeout.connect, timeout.read, timeout.write, timeout.pool)
        # A part set to None means "no limit" for that phase (`Timeout(None, connect=5)` is httpx's
        # idiom for "no read limit"), so the call as a whole has none either.
        self.budget: float | None = None if None in parts or not parts else max(p for p in parts if p)
        self.first_timeout = self.attempt_timeout(self.budget)

    def attempt_timeout(self, remaining: float | None) -> httpx.Timeout:
        """The timeout of an attempt with `remaining` seconds of the budget left (None: no limit)."""
        timeout = self.timeout
        if timeout is None:
            return _NO_TIMEOUT
        if remaining is None:
            return timeout
        return cap_timeout(timeout, remaining)


def cap_timeout(timeout: httpx.Timeout | None, remaining: float) -> httpx.Timeout:
    """`timeout` with every part (None included: no limit) cut to `remaining` seconds."""
    if timeout is None:
        return httpx.Timeout(remaining)
    return httpx.Timeout(
        connect=_cap(timeout.connect, remaining),
        read=_cap(timeout.read, remaining),
        write=_cap(timeout.write, remaining),
        pool=_cap(timeout.pool, remaining),
    )


def redact_request(request: httpx.Request) -> httpx.Request:
    """A copy of the request without the API key, safe to keep on errors and raw responses."""
    if API_KEY_HEADER not in request.headers:
        return request
    headers = request.headers.copy()
    headers[API_KEY_HEADER] = REDACTED
    # A shallow copy (same method, URL, body and extensions) with its own headers: building a new
    # httpx.Request would encode it all again, at several times the cost.
    safe: httpx.Request = object.__new__(httpx.Request)
    safe.__dict__.update(request.__dict__)
    safe.headers = headers
    return safe


class _BodyGuard:
    """Stops a body that is too large or takes longer than the call's deadline to arrive.

    Both the bytes received and the bytes they decode to are counted: a small gzip body can
    inflate a thousandfold, so the limit is on what the SDK would hold in memory.
    """

    __slots__ = ("_clock", "_deadline", "_decoded", "_request", "_size")

    def __init__(self, request: httpx.Request, deadline: float | None, clock: Clock) -> None:
        self._request = request
        self._deadline = deadline
        self._clock = clock
        self._size = 0
        self._decoded = 0

    def decoded(self, chunk: bytes) -> bytes:
        self._decoded += len(chunk)
        if self._decoded > MAX_RESPONSE_BYTES:
            raise _BodyTooLarge(self._decoded)
        return chunk

    def check(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > MAX_RESPONSE_BYTES:
            raise _BodyTooLarge(self._size)
        if self._deadline is not None and self._clock.monotonic() > self._deadline:
            raise APITimeoutError(
                "The response body was still arriving when the call's timeout ran out.",
                request=redact_request(self._request),
            )


class _BodyTooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


class _GuardedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, guard: _BodyGuard) -> None:
        self._inner = inner
        self._guard = guard

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._guard.check(chunk)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncGuardedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, guard: _BodyGuard) -> None:
        self._inner = inner
        self._guard = guard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._guard.check(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


def _declared_too_large(response: httpx.Response) -> bool:
    length = response.headers.get("content-length", "")
    return length.isdigit() and int(length) > MAX_RESPONSE_BYTES


def _too_large_error(response: httpx.Response, size: int | None) -> APIResponseValidationError:
    response.request = redact_request(response.request)
    seen = (
        f"{size} bytes and counting" if size else f"{response.headers.get('content-length')} bytes declared"
    )
    return APIResponseValidationError(
        f"The response body is larger than the {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB limit ({seen}).",
        response=response,
    )


def _undecodable_error(response: httpx.Response, error: httpx.DecodingError) -> APIResponseValidationError:
    response.request = redact_request(response.request)
    encoding = response.headers.get("content-encoding", "none")
    return APIResponseValidationError(
        f"The response body could not be decoded (Content-Encoding: {encoding}): {error}",
        response=response,
    )


def _keep(response: httpx.Response, chunks: list[bytes]) -> None:
    """Store a body read chunk by chunk as the (closed) response's content, as `read()` would have.

    `read()` would decode the whole body before any size check; reading `iter_bytes()` ourselves
    checks each decoded chunk. httpx has no public way to set the content it holds.

    The response's stream is swapped for one over that content: httpx's own stream points back at
    the response, a reference cycle that only the garbage collector can free. With many calls in
    flight those cycles outlive a collection or two and pile up in the oldest generation, whose
    full collections cost more CPU than the rest of the SDK's work per call.
    """
    response._content = content = b"".join(chunks)
    response.stream = httpx.ByteStream(content)


def _transport_error(error: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    safe = redact_request(request)
    error.request = safe  # it stays chained as __cause__, so it must not show the key either
    if isinstance(error, httpx.TimeoutException):
        kind = type(error).__name__.replace("Timeout", " timeout").lower()
        return APITimeoutError(
            f"Request timed out ({kind}): {request.method} {request.url.path}", request=safe
        )
    detail = str(error) or type(error).__name__
    return APIConnectionError(
        f"Connection error: {detail} ({request.method} {request.url.path})", request=safe
    )


class _CallBase:
    """State of one facade call: its options, its attempts, its deadline and its final response.

    The sync and async subclasses only send, read and sleep; every decision is made here.

    `idempotency_key`, when the facade sets one, goes on every attempt as `Idempotency-Key`, and
    makes a POST as safe to retry as a GET: HeyGen replays the first answer to a repeated key
    instead of doing the work (and charging) twice, and answers 409 `request_in_progress` while
    the first attempt still runs, which is retried too.
    """

    __slots__ = (
        "_deadline",
        "_http",
        "_idempotent",
        "_options",
        "_retries_done",
        "_started",
        "_timeout",
        "attempts",
        "idempotency_key",
        "response",
    )

    def __init__(self, http: Any, options: CallOptions) -> None:
        self._http = http
        self._options = options
        self.attempts = 0
        self.response: httpx.Response | None = None
        self.idempotency_key: str | None = None

    def _begin(self, method: str) -> None:
        options = self._options
        self._idempotent = method.upper() in _retry.IDEMPOTENT_METHODS or self.idempotency_key is not None
        self._started = options.clock.monotonic()
        self._deadline = None if options.budget is None else self._started + options.budget
        self._timeout = options.first_timeout  # the whole budget: worked out once per client
        self._retries_done = 0

    def _build(
        self,
        method: str,
        url: str,
        json: object,
        headers: Mapping[str, str] | None,
        params: Mapping[str, Any] | None,
        files: Any = None,
    ) -> httpx.Request:
        options = self._options
        self.attempts += 1
        merged = {**options.request_headers, **headers} if headers else options.request_headers
        if self.idempotency_key is not None:
            merged = {**merged, IDEMPOTENCY_KEY_HEADER: self.idempotency_key}
        request: httpx.Request = self._http.build_request(
            method,
            request_url(options.base_url + url, params),
            json=json,
            files=files,
            headers=merged,
            timeout=self._timeout,
        )
        return request

    def _remaining(self) -> float | None:
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - self._options.clock.monotonic())

    def _delay(self, retry_after: float | None) -> float | None:
        options = self._options
        return _retry.next_delay(
            retries_done=self._retries_done,
            max_retries=options.max_retries,
            retry_after=retry_after,
            random_fraction=options.clock.random(),
            remaining=self._remaining(),
        )

    def _retry_after_error(self, error: httpx.TransportError, request: httpx.Request) -> float:
        """The delay before retrying after a transport error; raises it (mapped) when final.

        Reads retry a connection that broke mid-body too; `train` only one never made.
        """
        delay = None
        if _retry.is_retryable_exception(error, idempotent=self._idempotent):
            delay = self._delay(None)
        if delay is None:
            raise _transport_error(error, request) from error
        return self._next_attempt(type(error).__name__, request, delay)

    def _retry_after_response(self, response: httpx.Response, request: httpx.Request) -> float | None:
        """The delay before retrying this response, or None if it is final (see `_finish`)."""
        if response.is_success:
            return None
        in_progress = self.idempotency_key is not None and is_request_in_progress(response)
        if not in_progress and not _retry.is_retryable_status(
            response.status_code, idempotent=self._idempotent
        ):
            return None
        body = decode_json(response)
        if retired_route(response, body, *error_details(body)) is not None:
            return None  # a retired route stays retired: another attempt cannot help
        delay = self._delay(_retry.parse_retry_after(response.headers, self._options.clock.time()))
        if delay is None:
            return None
        return self._next_attempt(f"HTTP {response.status_code}", request, delay)

    def _next_attempt(self, what: str, request: httpx.Request, delay: float) -> float:
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "%s %s: %s; retrying in %.2f s (attempt %d of %d)",
                request.method,
                request.url.path,
                what,
                delay,
                self.attempts + 1,
                self._options.max_retries + 1,
            )
        self._retries_done += 1
        remaining = self._remaining()
        self._timeout = self._options.attempt_timeout(
            None if remaining is None else max(0.0, remaining - delay)
        )
        return delay

    def _finish(self, response: httpx.Response) -> httpx.Response:
        """Log, redact and keep the final response; raise if it is not a success."""
        response.request = redact_request(response.request)
        self.response = response
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms (attempt %d, request id %s)",
                response.request.method,
                response.request.url.path,
                response.status_code,
                (self._options.clock.monotonic() - self._started) * 1000.0,
                self.attempts,
                request_id(response),
            )
        announce(response)
        if response.is_success:
            return response
        retry_after = _retry.parse_retry_after(response.headers, self._options.clock.time())
        raise make_status_error(response, retry_after=retry_after)


def _answer(send: Any, request: httpx.Request) -> httpx.Response:
    """Send, and keep the response even if a caller's response hook raised on its status.

    `event_hooks={"response": [lambda r: r.raise_for_status()]}` is a common httpx idiom; its
    `HTTPStatusError` would carry the unredacted request. The status is handled here as always.
    """
    try:
        response: httpx.Response = send(request, stream=True, follow_redirects=False)
    except httpx.HTTPStatusError as error:
        response = _after_hook_raised(error)
    return response


async def _async_answer(send: Any, request: httpx.Request) -> httpx.Response:
    """`_answer` for an `httpx.AsyncClient`."""
    try:
        response: httpx.Response = await send(request, stream=True, follow_redirects=False)
    except httpx.HTTPStatusError as error:
        response = _after_hook_raised(error)
    return response


_BODY_FRAMING = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _after_hook_raised(error: httpx.HTTPStatusError) -> httpx.Response:
    """The response a raising hook left: as it is if still readable, else its status and headers.

    httpx closes a streamed response whose hook raised, so its body is gone; the status still
    picks the error class.
    """
    error.request = redact_request(error.request)
    original = error.response
    if not original.is_closed:
        return original
    headers = [(k, v) for k, v in original.headers.multi_items() if k.lower() not in _BODY_FRAMING]
    return httpx.Response(
        original.status_code,
        headers=headers,
        content=b"",
        request=original.request,
        extensions={BODY_LOST: True},  # an empty body here says nothing about who answered
    )


def _cap(value: float | None, remaining: float) -> float:
    return remaining if value is None else min(value, remaining)


class SyncCall(_CallBase):
    """Stands in for `httpx.Client` inside the generated client for one facade call."""

    def request(
        self,
        method: str,
        url: str,
        *,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        files: Any = None,
    ) -> httpx.Response:
        self._begin(method)
        while True:
            request = self._build(method, url, json, headers, params, files)
            try:
                response = _answer(self._http.send, request)
                self._read(response, request)
            except httpx.TransportError as error:
                delay = self._retry_after_error(error, request)
            else:
                retry_delay = self._retry_after_response(response, request)
                if retry_delay is None:
                    return self._finish(response)
                delay = retry_delay
            self._options.clock.sleep(delay)

    def _read(self, response: httpx.Response, request: httpx.Request) -> None:
        guard = _BodyGuard(request, self._deadline, self._options.clock)
        try:
            if _declared_too_large(response):
                raise _too_large_error(response, None)
            assert isinstance(response.stream, httpx.SyncByteStream)
            response.stream = _GuardedStream(response.stream, guard)
            body = [guard.decoded(chunk) for chunk in response.iter_bytes()]
        except _BodyTooLarge as error:
            raise _too_large_error(response, error.size) from None
        except httpx.DecodingError as error:
            raise _undecodable_error(response, error) from None
        finally:
            response.close()
        _keep(response, body)


class AsyncCall(_CallBase):
    """Stands in for `httpx.AsyncClient` inside the generated client for one facade call."""

    async def request(
        self,
        method: str,
        url: str,
        *,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        files: Any = None,
    ) -> httpx.Response:
        self._begin(method)
        while True:
            request = self._build(method, url, json, headers, params, files)
            try:
                response = await _async_answer(self._http.send, request)
                await self._read(response, request)
            except httpx.TransportError as error:
                delay = self._retry_after_error(error, request)
            else:
                retry_delay = self._retry_after_response(response, request)
                if retry_delay is None:
                    return self._finish(response)
                delay = retry_delay
            await self._options.clock.async_sleep(delay)

    async def _read(self, response: httpx.Response, request: httpx.Request) -> None:
        guard = _BodyGuard(request, self._deadline, self._options.clock)
        try:
            if _declared_too_large(response):
                raise _too_large_error(response, None)
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = _AsyncGuardedStream(response.stream, guard)
            body = [guard.decoded(chunk) async for chunk in response.aiter_bytes()]
        except _BodyTooLarge as error:
            raise _too_large_error(response, error.size) from None
        except httpx.DecodingError as error:
            raise _undecodable_error(response, error) from None
        finally:
            await response.aclose()
        _keep(response, body)


__all__ = ["AsyncCall", "CallOptions", "SyncCall", "redact_request"]
