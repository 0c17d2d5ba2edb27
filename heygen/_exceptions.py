"""The SDK's errors: one tree, so `except heygen.HeyGenError` catches everything it raises.

    HeyGenError                      any error raised by this SDK (configuration included)
    ├── ConfigurationError           bad client settings: missing key, bad base URL
    ├── ClientClosedError            the client was closed; make a new one (also a RuntimeError)
    ├── EventLoopError               an AsyncHeyGen used from a second event loop (also a RuntimeError)
    ├── APIError                     HeyGen was reached, or tried; has message, code, request
    │   ├── APIConnectionError       no usable answer: refused, reset, DNS, TLS
    │   │   └── APITimeoutError      connect/read timeout, or the call's total deadline
    │   ├── APIStatusError           non-2xx answer (3xx included: redirects are not followed)
    │   │   ├── BadRequestError              400
    │   │   ├── AuthenticationError          401
    │   │   ├── PaymentRequiredError         402  (not enough credits)
    │   │   ├── PermissionDeniedError        403
    │   │   ├── NotFoundError                404
    │   │   ├── EndpointRetiredError         410, or a bare 404/405: HeyGen retired the v2 route
    │   │   ├── ConflictError                409
    │   │   ├── UnprocessableEntityError     422
    │   │   ├── RateLimitError               429  (has retry_after)
    │   │   └── InternalServerError          5xx
    │   ├── EnvelopeError            HTTP 2xx whose body says failure (`error` set, or code != 100)
    │   ├── APIResponseValidationError  a body that is not the documented shape
    │   └── PageLoopError            a v3 list sent a next_token again (it would loop forever)
    ├── TrainingError                the v2 training, seen by the polling helpers
    │   ├── TrainingFailedError      HeyGen reports status `failed` (has error_message)
    │   ├── TrainingNotStartedError  the group stays `empty`: no training to wait for
    │   └── TrainingTimeoutError     the wait's deadline passed (also a WaitTimeoutError)
    ├── AvatarError                  a v3 avatar or look that did not become ready (_avatar_errors)
    │   ├── AvatarFailedError        HeyGen reports `failed` (has error_code, error_message)
    │   ├── AvatarConsentRequiredError  `pending_consent`: consent is needed before it trains
    │   └── AvatarTimeoutError       the wait's deadline passed (also a WaitTimeoutError)
    ├── WaitTimeoutError             any wait that ran out (has last_status, last_error, timeout)
    └── WebhookVerificationError     a webhook delivery failed verification (has reason)

No error's text, repr or attributes contain the API key: requests and responses attached to an
error carry the key header redacted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from ._constants import IDEMPOTENCY_KEY_HEADER

if TYPE_CHECKING:
    from .types import TrainingJob, TrainingStatus

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "EndpointRetiredError",
    "EnvelopeError",
    "EventLoopError",
    "HeyGenError",
    "InternalServerError",
    "NotFoundError",
    "PageLoopError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "TrainingError",
    "TrainingFailedError",
    "TrainingNotStartedError",
    "TrainingTimeoutError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "WebhookVerificationError",
]


class HeyGenError(Exception):
    """Base of every error this SDK raises."""


class ConfigurationError(HeyGenError):
    """The client was configured in a way that cannot work (say, no API key).

    Attributes:
        setting: The setting at fault: `"api_key"`, `"base_url"`, ...
        reason: Why, as a word a program can test: `"missing"`, `"invalid"`, `"insecure"`
            (plain http to a non-loopback host), or None.
    """

    def __init__(self, message: str, *, setting: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting
        self.reason = reason


class ClientClosedError(HeyGenError, RuntimeError):
    """A call on a client that was closed (`close()`, or its `with` block ended): make a new one."""


class EventLoopError(HeyGenError, RuntimeError):
    """An `AsyncHeyGen` used from an event loop other than the one it was first used in.

    Its connections belong to that first loop (each `asyncio.run()` starts a new loop, and
    closes it at the end), so they cannot be used from another: create the client inside the
    loop that uses it.
    """


class APIError(HeyGenError):
    """A call to HeyGen failed.

    Attributes:
        message: What went wrong, in words; HeyGen's own message where it sent one.
        code: HeyGen's error code (`"photar_not_found"`, or a number such as 40009), if sent.
        request: The request, with the API key header redacted.
        body: The decoded JSON body, if there was one.
        request_id: HeyGen's `X-Request-Id` header, if sent; quote it to HeyGen support.
        param: The request field HeyGen blames (v3 errors), if it named one.
        doc_url: HeyGen's page about this error (v3 errors), if it sent one.
        page_token: When iterating a v3 list failed on a later page: that page's cursor. Pass
            it as `token=` to the same `list()` to resume there, without the pages already seen.
        training_may_have_started: True when `train` failed after its request may have reached
            HeyGen (a 5xx, a timeout or broken connection after sending, an unreadable 2xx):
            training may be running, so check `training_status` before training again.
            The message says so too.
    """

    training_may_have_started: bool = False
    hint: str | None = None  # advice appended to the text; set where the error is understood
    message: str
    code: str | int | None
    request: httpx.Request | None
    body: object
    request_id: str | None
    # Set by the error mapper from a v3 body; class defaults keep every constructor unchanged.
    param: str | None = None
    doc_url: str | None = None
    page_token: str | None = None  # set by the page iterator when a later page fails

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        body: object = None,
        code: str | int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        self.code = code
        self.request_id = request_id

    @property
    def idempotency_key(self) -> str | None:
        """The `Idempotency-Key` the failed request carried, if any.

        Retrying later with the same key (`idempotency_key=`) is safe: HeyGen answers a repeat
        within 24 hours with the first call's result instead of doing the work twice.
        """
        if self.request is None:
            return None
        value: str | None = self.request.headers.get(IDEMPOTENCY_KEY_HEADER)
        return value

    def __str__(self) -> str:
        return self._text(self.hint)

    def _text(self, hint: str | None) -> str:
        """The text with another `hint` (the CLI gives its advice in commands, not Python)."""
        prefix = self._prefix()
        text = f"{prefix}: {self.message}" if prefix else self.message
        text = f"{text} (request_id: {self.request_id})" if self.request_id else text
        key = self.idempotency_key
        if key:
            text = f"{text} (retrying with idempotency_key={key!r} cannot do it twice)"
        return f"{text}; {hint}" if hint else text

    def _prefix(self) -> str:
        return str(self.code) if self.code is not None else ""

    def __repr__(self) -> str:
        status = getattr(self, "status_code", None)
        parts = [f"status_code={status}"] if status is not None else []
        parts += [f"code={self.code!r}"] if self.code is not None else []
        parts.append(f"message={self.message!r}")
        parts += [f"request_id={self.request_id!r}"] if self.request_id else []
        return f"{type(self).__name__}({', '.join(parts)})"


class PageLoopError(APIError):
    """A v3 list answered with a `next_token` it had already sent: following it would loop forever.

    The items of the pages before were yielded; `page_token` is the repeated cursor.
    """


class APIConnectionError(APIError):
    """HeyGen could not be reached, or the connection broke before a full answer."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request, or the call as a whole, ran out of time."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class _ResponseError(APIError):
    """An error that has a response to show."""

    response: httpx.Response
    status_code: int

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object = None,
        code: str | int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request, body=body, code=code, request_id=request_id)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(_ResponseError):
    """HeyGen answered with a non-2xx status."""

    def _prefix(self) -> str:
        code = f" {self.code}" if self.code is not None else ""
        return f"HTTP {self.status_code}{code}"


class BadRequestError(APIStatusError):
    """400: the request was invalid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or wrong. Check HEYGEN_API_KEY."""


class PaymentRequiredError(APIStatusError):
    """402: not enough API credits (a train costs 4)."""


class PermissionDeniedError(APIStatusError):
    """403: the key or plan may not do this."""


class NotFoundError(APIStatusError):
    """404: no such resource (for training: no such group under this key)."""


class EndpointRetiredError(APIStatusError):
    """HeyGen no longer serves this v2 photo-avatar route: move to the v3 API.

    Raised for a 410, for a 404 or 405 on a v2 photo-avatar path whose body is not HeyGen's
    error shape (an HTML page, a gateway's answer), and for an error saying the endpoint is
    retired. A 404 in HeyGen's own shape (an unknown group) stays a `NotFoundError`.

    Attributes:
        endpoint: The retired route, as a template: `"POST /v2/photo_avatar/train"`.
        replacement: The v3 Python calls to use instead.
        cli_replacement: The v3 `heygen` commands to use instead.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        endpoint: str,
        replacement: str,
        cli_replacement: str,
        body: object = None,
        code: str | int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body, code=code, request_id=request_id)
        self.endpoint = endpoint
        self.replacement = replacement
        self.cli_replacement = cli_replacement


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but not acceptable."""


class RateLimitError(APIStatusError):
    """429: too many requests, or a quota is used up.

    Attributes:
        retry_after: Seconds HeyGen asked us to wait (from `Retry-After`), if it said.
    """

    retry_after: float | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object = None,
        code: str | int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body, code=code, request_id=request_id)
        self.retry_after = retry_after

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} (retry after {self.retry_after:g} s)" if self.retry_after is not None else text


class InternalServerError(APIStatusError):
    """5xx: HeyGen (or a gateway before it) failed."""


class EnvelopeError(_ResponseError):
    """HeyGen answered 2xx, but the body reports a failure (`error` set, or `data.code` != 100)."""

    def _prefix(self) -> str:
        code = f" {self.code}" if self.code is not None else ""
        return f"HeyGen error{code}"


class APIResponseValidationError(_ResponseError):
    """The response body is not the documented shape (not JSON, truncated, a field missing)."""

    def _prefix(self) -> str:
        return f"Unexpected response (HTTP {self.status_code})"


class TrainingError(HeyGenError):
    """The training job did not end in success.

    Attributes:
        group_id: The group whose training this is about.
        summary: What happened, without the advice on what to do next that the message adds.
        last_status: The last status seen, if any.
        job: The `TrainingJob` (with its `flow_id`), when raised by `train_and_wait`.
    """

    job: TrainingJob | None

    def __init__(
        self,
        message: str,
        *,
        status: TrainingStatus | None,
        group_id: str | None = None,
        summary: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.summary = summary if summary is not None else message
        self.group_id = group_id if group_id is not None else (status.group_id if status else None)
        self.last_status = status
        self.job = None


class TrainingFailedError(TrainingError):
    """HeyGen reports the training as failed.

    Attributes:
        error_message: HeyGen's `error_msg`, if it gave one.
        last_status: The status that reported the failure.
    """

    def __init__(self, status: TrainingStatus) -> None:
        reason = status.error_message or "no reason given"
        super().__init__(f"Training of group {status.group_id!r} failed: {reason}", status=status)
        self.error_message = status.error_message


class TrainingNotStartedError(TrainingError):
    """The group kept reporting `empty` (no training): call `train` first, or check it was accepted."""

    def __init__(self, status: TrainingStatus, grace: float) -> None:
        summary = f"Group {status.group_id!r} has no training (status 'empty' for {grace:g} s)"
        super().__init__(f"{summary}: start one with train() first", status=status, summary=summary)


class WaitTimeoutError(HeyGenError):
    """A wait ran out before what it waited for finished: v2 training or a v3 avatar.

    `except heygen.WaitTimeoutError` catches both `TrainingTimeoutError` and `AvatarTimeoutError`;
    the work may still be running, so waiting again is safe.

    Attributes:
        last_status: The last status seen, or None if no poll succeeded in time (a
            `TrainingStatus` for training; an `AvatarGroup` or `AvatarLook` for v3).
        last_error: The error of the last poll, if it failed (also the `__cause__`).
        timeout: The wait's timeout, in seconds.
    """

    last_status: object
    last_error: HeyGenError | None
    timeout: float


class TrainingTimeoutError(TrainingError, WaitTimeoutError):
    """The wait ran out before training reached a terminal status.

    Attributes:
        last_status: The last status seen, or None if no poll succeeded in time.
        last_error: The error of the last poll, if it failed (also the `__cause__`).
        timeout: The wait's timeout, in seconds.
    """

    last_status: TrainingStatus | None
    last_error: HeyGenError | None

    def __init__(self, group_id: str, timeout: float, status: TrainingStatus | None) -> None:
        seen = f"last status {status.raw_status!r}" if status else "no status received"
        summary = f"Training of group {group_id!r} did not finish within {timeout:g} s ({seen})"
        super().__init__(
            f"{summary}; it may still be running: wait again with wait_for_training({group_id!r}), "
            f"or check training_status({group_id!r}) (training again would cost credits)",
            status=status,
            group_id=group_id,
            summary=summary,
        )
        self.timeout = timeout
        self.last_error = None


class WebhookVerificationError(HeyGenError):
    """A webhook delivery is not provably from HeyGen, is outside the time window, or is no event.

    Answer such a delivery with a 400 and do not act on it. `str(error)` says which check failed;
    it never contains the secret, and shows at most the start of a bad header.

    Attributes:
        reason: One of `"missing_header"`, `"malformed_header"`, `"bad_signature"`,
            `"timestamp_too_old"`, `"timestamp_in_future"`, `"not_an_event"`.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
