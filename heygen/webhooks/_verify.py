"""`verify`: prove a delivery came from HeyGen before anything reads its body.

HeyGen signs the raw body alone: `Heygen-Signature` is the hex HMAC-SHA256 of the body bytes,
keyed with the endpoint's secret (the whole `whsec_...` text as UTF-8: HeyGen says "computed
with your endpoint secret" and shows no decoding step). The timestamp and event-id headers are
not signed, so the time window only stops naive replays; the real replay defence is
de-duplicating on the event id inside the signed body (see `EventDeduplicator`).

The checks run in a fixed order, each failure naming itself: the arguments, the headers'
presence and form, the signature (constant-time), the time window, then the body's shape.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeAlias

from .._exceptions import WebhookVerificationError
from .._types import SecretStr
from ._event import WebhookEvent, parse_event

__all__ = [
    "DEFAULT_TOLERANCE",
    "EVENT_ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Headers",
    "sign",
    "verify",
]

SIGNATURE_HEADER = "Heygen-Signature"
TIMESTAMP_HEADER = "Heygen-Timestamp"
EVENT_ID_HEADER = "Heygen-Event-Id"
# HeyGen's advice: reject deliveries older than about five minutes. Applied both ways, so a
# receiver whose clock runs slow does not accept far-future timestamps either.
DEFAULT_TOLERANCE = 300.0

Headers: TypeAlias = Mapping[str, Any] | Iterable[tuple[str | bytes, str | bytes]]
"""A framework's request headers (any case), a dict, or (name, value) pairs."""

_HEX_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")
_UNIX_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,9})?")


def sign(body: bytes | bytearray | memoryview, secret: str | bytes) -> str:
    """The `Heygen-Signature` HeyGen would send for `body`: for tests and the local fake."""
    return hmac.new(_key(secret), _raw_body(body), hashlib.sha256).hexdigest()


def verify(
    body: bytes | bytearray | memoryview,
    headers: Headers,
    *,
    secret: str | bytes,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """Check a delivery's signature and timestamp, then read its body as a `WebhookEvent`.

    >>> event = heygen.webhooks.verify(request_body_bytes, request.headers, secret=secret)

    Args:
        body: The request body exactly as received, as bytes. Not a parsed dict, nor text:
            re-encoding changes the bytes and so the signature.
        headers: The request headers: any mapping (names in any case) or (name, value) pairs.
        secret: The endpoint's signing secret (`whsec_...`), shown when it was created or rotated.
        tolerance: Seconds a `Heygen-Timestamp` may differ from now, either way (default 300).
        now: The current Unix time; defaults to the system clock (tests pass a fake one).

    Returns:
        The verified event.

    Raises:
        heygen.WebhookVerificationError: a header is missing or malformed, the signature does
            not match, the timestamp is outside the tolerance, or the body is not an event;
            `reason` says which. Answer the delivery with a 400.
        TypeError, ValueError: the arguments themselves are wrong (say, a dict for `body`).
    """
    secret = _hidden(secret)
    raw = _raw_body(body)
    key = _key(secret)
    window = _tolerance(tolerance)
    found = _collect(headers)
    signature = _required(found, SIGNATURE_HEADER)
    sent_at_text = _required(found, TIMESTAMP_HEADER)
    delivery_id = _optional(found, EVENT_ID_HEADER)
    if not _HEX_SIGNATURE.fullmatch(signature):
        raise WebhookVerificationError(
            f"The {SIGNATURE_HEADER} header is malformed: expected 64 hex digits (an HMAC-SHA256), "
            f"got {len(signature)} characters.",
            reason="malformed_header",
        )
    if not _UNIX_SECONDS.fullmatch(sent_at_text):
        raise WebhookVerificationError(
            f"The {TIMESTAMP_HEADER} header is malformed: expected Unix seconds, got {sent_at_text[:24]!r}.",
            reason="malformed_header",
        )
    if not _signed_by(key, raw, signature):
        raise WebhookVerificationError(
            f"The {SIGNATURE_HEADER} does not match the body: the delivery was not signed with this "
            "secret (wrong or rotated secret), or the body was changed (verify the raw bytes as "
            "received, before any JSON parsing).",
            reason="bad_signature",
        )
    sent_at = float(sent_at_text)
    current = time.time() if now is None else now
    if current - sent_at > window:
        raise WebhookVerificationError(
            f"The {TIMESTAMP_HEADER} is {current - sent_at:.0f} s old, more than the {window:g} s "
            "allowed: a replay, or a receiver clock that is wrong.",
            reason="timestamp_too_old",
        )
    if sent_at - current > window:
        raise WebhookVerificationError(
            f"The {TIMESTAMP_HEADER} is {sent_at - current:.0f} s in the future, more than the "
            f"{window:g} s allowed: check the receiver's clock.",
            reason="timestamp_in_future",
        )
    return parse_event(raw, delivery_id=delivery_id, delivered_at=datetime.fromtimestamp(sent_at, UTC))


def _raw_body(body: object) -> bytes:
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    if isinstance(body, str):
        raise TypeError(
            "body must be the raw request bytes, got str: decoding and re-encoding can change the "
            "bytes HeyGen signed. Pass e.g. `await request.body()` (Starlette), `request.get_data()` "
            "(Flask) or `request.body` (Django)."
        )
    if isinstance(body, Mapping | list):
        raise TypeError(
            f"body must be the raw request bytes, got a parsed {type(body).__name__}: a signature "
            "covers exact bytes, which parsing loses. Pass the body before any JSON decoding."
        )
    raise TypeError(f"body must be the raw request bytes, got {type(body).__name__}")


class _SecretBytes(bytes):
    """Key bytes that never show in a repr: tracebacks printed with their locals show frames' values."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "b'<redacted>'"


def _hidden(secret: object) -> Any:
    """The caller's secret, wrapped so that this frame's locals do not show it in a traceback."""
    if isinstance(secret, str) and not isinstance(secret, SecretStr):
        return SecretStr(secret)
    if isinstance(secret, bytes) and not isinstance(secret, _SecretBytes):
        return _SecretBytes(secret)
    return secret


def _signed_by(key: bytes, raw: bytes, signature: str) -> bool:
    """Whether `signature` is the body's HMAC under `key`, compared in constant time.

    A function of its own so the expected signature, a valid signature for whatever body was
    sent, is never a local of a frame an error's traceback shows.
    """
    return hmac.compare_digest(hmac.new(key, raw, hashlib.sha256).hexdigest(), signature.lower())


def _key(secret: object) -> bytes:
    if isinstance(secret, str):
        key = _SecretBytes(secret.encode("utf-8"))
    elif isinstance(secret, bytes):
        key = _SecretBytes(secret)
    else:
        raise TypeError(
            f"secret must be a str (the endpoint's whsec_... secret), got {type(secret).__name__}"
        )
    if not key:
        raise ValueError("secret is empty: pass the signing secret shown when the endpoint was created")
    if key != key.strip():
        raise ValueError(
            "secret has leading or trailing whitespace (a newline from a file?): pass it exactly as shown"
        )
    return key


def _tolerance(tolerance: object) -> float:
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
        raise TypeError(f"tolerance must be a number of seconds, got {type(tolerance).__name__}")
    if not tolerance > 0 or not math.isfinite(tolerance):
        raise ValueError(f"tolerance must be a positive, finite number of seconds, got {tolerance!r}")
    return float(tolerance)


def _collect(headers: object) -> dict[str, list[str]]:
    """Every header value by lower-case name, keeping repeats (a repeated one is refused)."""
    if isinstance(headers, str | bytes):
        raise TypeError("headers must be a mapping or (name, value) pairs, not a string")
    items_method = getattr(headers, "items", None)
    pairs: Iterable[Any] = items_method() if callable(items_method) else headers  # type: ignore[assignment]
    found: dict[str, list[str]] = {}
    try:
        for name, value in pairs:
            key = (name.decode("latin-1") if isinstance(name, bytes) else str(name)).lower()
            text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            found.setdefault(key, []).append(text.strip())
    except (TypeError, ValueError):
        raise TypeError("headers must be a mapping or (name, value) pairs") from None
    return found


def _optional(found: Mapping[str, list[str]], name: str) -> str | None:
    values = found.get(name.lower())
    if not values:
        return None
    if len(values) > 1:
        raise WebhookVerificationError(
            f"The {name} header was sent {len(values)} times; HeyGen sends it once.",
            reason="malformed_header",
        )
    return values[0]


def _required(found: Mapping[str, list[str]], name: str) -> str:
    value = _optional(found, name)
    if not value:
        raise WebhookVerificationError(
            f"The {name} header is missing or empty: this is not a signed HeyGen delivery (or a "
            "proxy dropped the header).",
            reason="missing_header",
        )
    return value
