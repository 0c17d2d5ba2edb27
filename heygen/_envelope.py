"""The one place that knows how HeyGen reports errors in a body, and turns them into exceptions.

HeyGen has several shapes (../shared/reference/heygen-api.md, section 5.1), all accepted here:
    v2:  {"error": {"code": "photar_not_found", "message": "..."}, "data": null}
    v2:  {"error": "Invalid API key", "data": null}            (claimed; unverified)
    v1:  {"code": 40009, "message": "...", "data": null}
    v3:  {"error": {"code": "...", "message": "...", "param": "...", "doc_url": "..."}}
Anything else (a gateway's HTML page, an empty body) is described from the status alone.

v3 codes are snake_case in HeyGen's error pages but upper case in its changelog
(`AVATAR_NOT_FOUND`), so every decision on a code goes through `code_is`, which ignores case.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._constants import REQUEST_ID_HEADER
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_HINTS = {
    401: "check the API key: HEYGEN_API_KEY or api_key=",
    403: "the key's plan may not use this endpoint",
    402: "not enough API credits",
}


# What decoding a hostile body can raise: not JSON, not text, or nested too deep to parse.
JSON_ERRORS = (ValueError, RecursionError)


def decode_json(response: httpx.Response) -> object:
    """The body as JSON, or None if it is not JSON (or nested too deep to read)."""
    try:
        return response.json()
    except JSON_ERRORS:
        return None


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _code(value: object) -> str | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return _text(value)


def error_details(body: object) -> tuple[str | int | None, str | None]:
    """HeyGen's (code, message) from any known error shape, or (None, None)."""
    if not isinstance(body, dict):
        return None, None
    error: Any = body.get("error")
    if isinstance(error, dict):
        return _code(error.get("code")), _text(error.get("message")) or _text(error.get("detail"))
    if _text(error):
        return None, _text(error)
    return _code(body.get("code")), _text(body.get("message")) or _text(body.get("msg"))


def error_extras(body: object) -> tuple[str | None, str | None]:
    """A v3 error's (param, doc_url): the request field at fault and HeyGen's page on the error."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None, None
    return _text(error.get("param")), _text(error.get("doc_url"))


def code_is(code: object, expected: str) -> bool:
    """True when HeyGen's error code is `expected`, in whatever case HeyGen wrote it."""
    return isinstance(code, str) and code.strip().lower() == expected


def is_request_in_progress(response: httpx.Response) -> bool:
    """A 409 saying a request with the same Idempotency-Key is still running: worth retrying."""
    if response.status_code != 409:
        return False
    code, _ = error_details(decode_json(response))
    return code_is(code, "request_in_progress")


def request_id(response: httpx.Response) -> str | None:
    value: str | None = response.headers.get(REQUEST_ID_HEADER)
    return value


def _describe_without_message(response: httpx.Response, body: object) -> str:
    reason = response.reason_phrase or "unknown status"
    if isinstance(body, dict):
        return f"{reason}, with no message in HeyGen's answer"
    kind = response.headers.get("content-type", "no content type").split(";")[0]
    size = len(response.content)
    body = "an empty body" if size == 0 else f"a non-HeyGen body ({kind}, {size} bytes)"
    return f"{reason}, with {body}"


def make_status_error(response: httpx.Response, *, retry_after: float | None = None) -> APIStatusError:
    """The exception for a non-2xx response: the class from the status, the text from the body."""
    body = decode_json(response)
    code, message = error_details(body)
    status = response.status_code
    text = message or _describe_without_message(response, body)
    hint = _HINTS.get(status)
    if code_is(code, "insufficient_credit"):
        hint = "the account has too little credit for this call; nothing was done: add credit, then retry"
    if hint:
        text = f"{text} ({hint})"
    if 300 <= status < 400:
        location = response.headers.get("location")
        text = f"{text}; redirects are not followed" + (f" (to {location})" if location else "")
    kwargs: dict[str, Any] = {
        "response": response,
        "body": body,
        "code": code,
        "request_id": request_id(response),
    }
    error: APIStatusError
    if status == 429:
        error = RateLimitError(text, retry_after=retry_after, **kwargs)
    else:
        error_class = _STATUS_ERRORS.get(status)
        if error_class is None:
            error_class = InternalServerError if status >= 500 else APIStatusError
        error = error_class(text, **kwargs)
    error.param, error.doc_url = error_extras(body)
    return error


def body_preview(response: httpx.Response, limit: int = 200) -> str:
    """A short, single-line view of a body for error messages."""
    try:
        text = json.dumps(response.json())
    except JSON_ERRORS:
        text = response.content[:limit].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
