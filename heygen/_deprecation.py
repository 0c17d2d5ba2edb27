"""The one place that reads HeyGen's deprecation and retirement signals.

Before the v2 sunset HeyGen marked legacy answers three ways: a `Deprecation` header (`true`, an
HTTP date, or `@<Unix seconds>` as in RFC 9745), a `Sunset` header (an HTTP date, RFC 8594), and a
top-level `warning` object in the JSON body (`message`, `v3_endpoint`, `docs_url`, `sunset_date`).
`announce` turns them into one `HeyGenDeprecationWarning` and one log line per endpoint per
process; `RawResponse.deprecation` exposes the parsed facts.

After the sunset a route may answer 410, a bare 404/405, or a body saying it is retired; the
error mapper asks `retired_route` and raises `EndpointRetiredError` instead of a puzzling 404.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from ._sunset import LegacyRoute

__all__ = ["Deprecation", "HeyGenDeprecationWarning", "announce", "deprecation_of", "retired_route"]

logger = logging.getLogger("heygen")

# Set (as a response extension) on a response whose body was lost to a caller's raising hook.
BODY_LOST = "heygen_body_lost"


class HeyGenDeprecationWarning(DeprecationWarning):
    """HeyGen marked an endpoint this SDK called as deprecated; it will stop working.

    Issued once per endpoint per process. Silence it with
    `warnings.filterwarnings("ignore", category=heygen.HeyGenDeprecationWarning)`.
    """


@dataclass(frozen=True, slots=True)
class Deprecation:
    """What HeyGen said about an endpoint's end of life, from one answer.

    Attributes:
        endpoint: The endpoint, as a template: `"POST /v2/photo_avatar/train"`.
        deprecated: True when HeyGen says the endpoint is deprecated now (a `Deprecation: true`
            header, a deprecation date already past, or a body `warning`).
        sunset: When it stops working (aware, UTC), from `Sunset` or the warning's `sunset_date`.
        message: HeyGen's own words, from the body's `warning.message`.
        replacement: What to call instead in this SDK.
        cli_replacement: The `heygen` commands to run instead.
        v3_endpoint: The v3 endpoint HeyGen named, if it named one.
        docs_url: HeyGen's migration page, if given.
        deprecated_at: The date from a dated `Deprecation` header.
    """

    endpoint: str
    deprecated: bool
    sunset: datetime | None
    message: str | None
    replacement: str
    cli_replacement: str = ""
    v3_endpoint: str | None = None
    docs_url: str | None = None
    deprecated_at: datetime | None = None

    def describe(self, replacement: str | None = None) -> str:
        """One line for a warning or a log: the endpoint, the date, HeyGen's words, what instead."""
        when = f"; HeyGen will retire it on {_day(self.sunset)}" if self.sunset else ""
        if self.deprecated or self.deprecated_at is None:
            text = f"HeyGen has deprecated {self.endpoint}{when}"
        else:
            text = f"HeyGen will deprecate {self.endpoint} on {_day(self.deprecated_at)}{when}"
        if self.message:
            text += f". HeyGen says: {' '.join(self.message.split()).rstrip('.')}"
        if self.v3_endpoint:
            text += f" (HeyGen's v3 endpoint: {self.v3_endpoint})"
        return f"{text}. Use {replacement or self.replacement} instead."


def _day(moment: datetime) -> str:
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%Y-%m-%d 00:00 UTC")
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day_or_date(value: object) -> datetime | None:
    """`2026-10-31` (the warning's `sunset_date`), an ISO timestamp or an HTTP date."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return _http_date(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _deprecation_header(value: str, now: datetime) -> tuple[bool, datetime | None]:
    """(deprecated now, the date given) from `true`, `@<epoch>` or an HTTP date."""
    text = value.strip()
    if text.lower() == "true":
        return True, None
    if text.startswith("@"):
        try:
            moment = datetime.fromtimestamp(float(text[1:]), tz=UTC)
        except (ValueError, OverflowError, OSError):
            return True, None
    else:
        parsed = _http_date(text)
        if parsed is None:
            return True, None  # an unreadable value still says "deprecated"
        moment = parsed
    return moment <= now, moment


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _warning_object(response: httpx.Response) -> dict[str, object] | None:
    if b'"warning"' not in response.content:
        return None
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return None
    warning = body.get("warning") if isinstance(body, dict) else None
    if isinstance(warning, dict):
        return warning
    if _text(warning):
        return {"message": warning}
    return None


def route_of(response: httpx.Response) -> LegacyRoute:
    # The route table is read only when HeyGen signals a deprecation or an error: imported then,
    # it costs nothing at `import heygen`.
    from ._sunset import generic_route, legacy_route

    request = response.request
    path = request.url.path
    return legacy_route(request.method, path) or generic_route(request.method, path)


def deprecation_of(response: httpx.Response, now: datetime | None = None) -> Deprecation | None:
    """The deprecation signals of one answer, or None when it carries none."""
    headers = response.headers
    header = headers.get("deprecation")
    sunset_header = headers.get("sunset")
    warning = _warning_object(response)
    if header is None and sunset_header is None and warning is None:
        return None
    now = now or datetime.now(UTC)
    deprecated, deprecated_at = _deprecation_header(header, now) if header is not None else (False, None)
    sunset = _http_date(sunset_header) if sunset_header is not None else None
    if warning is not None:
        deprecated = True
        sunset = sunset or _day_or_date(warning.get("sunset_date"))
    warning = warning or {}
    route = route_of(response)
    return Deprecation(
        endpoint=route.endpoint,
        deprecated=deprecated,
        sunset=sunset,
        message=_text(warning.get("message")),
        replacement=route.replacement,
        cli_replacement=route.cli_replacement,
        v3_endpoint=_text(warning.get("v3_endpoint")),
        docs_url=_text(warning.get("docs_url")),
        deprecated_at=deprecated_at,
    )


def has_signal(response: httpx.Response) -> bool:
    """A cheap test, run on every answer, before any parsing."""
    headers = response.headers
    return "deprecation" in headers or "sunset" in headers or b'"warning"' in response.content


_announced: set[str] = set()
_announced_lock = threading.Lock()
# Frames in these folders are the SDK's own: the warning points at the first frame outside them.
_INTERNAL_DIRS = (os.path.dirname(__file__) + os.sep,)


def _internal(filename: str) -> bool:
    return filename.startswith(_INTERNAL_DIRS) or f"{os.sep}heygen_api_client{os.sep}" in filename


def announce(response: httpx.Response) -> None:
    """Warn and log once per endpoint per process if this answer carries deprecation signals."""
    if not has_signal(response):
        return
    deprecation = deprecation_of(response)
    if deprecation is None:
        return
    with _announced_lock:
        if deprecation.endpoint in _announced:
            return
        _announced.add(deprecation.endpoint)
    text = deprecation.describe()
    logger.warning("%s", text, extra={"heygen_deprecation": deprecation})
    frame = sys._getframe(0)
    level = 1
    while frame.f_back is not None and _internal(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    warnings.warn(HeyGenDeprecationWarning(text), stacklevel=level)


def reset_announcements() -> None:
    """Forget which endpoints were announced (for tests that check the once-per-process rule)."""
    with _announced_lock:
        _announced.clear()


# A message or code saying the route itself is gone (not a resource that is missing).
_RETIRED_WORDS = re.compile(
    r"\b(retired|sunset|decommissioned|(has been|was|been) (removed|discontinued|shut ?down)"
    r"|no longer (available|supported|exists?)|endpoint_(removed|deprecated|gone))\b",
    re.IGNORECASE,
)


def _heygen_shaped(body: object) -> bool:
    """A JSON object with one of HeyGen's envelope keys (v2 `error`/`data`, v1 `code`/`message`)."""
    return isinstance(body, dict) and not body.keys().isdisjoint(("error", "data", "code", "message"))


def retired_route(
    response: httpx.Response, body: object, code: str | int | None, message: str | None
) -> LegacyRoute | None:
    """The v2 photo-avatar route this error answer says is retired, or None.

    Retired means: 410 Gone; a 404 or 405 whose body is not HeyGen's error shape (an HTML page,
    a gateway's JSON, nothing); or any error whose code or message says the endpoint is retired.
    A 404 in HeyGen's shape (an unknown group) is a plain not-found, not a retirement.
    """
    from ._sunset import legacy_route

    request = response.request
    route = legacy_route(request.method, request.url.path)
    if route is None:
        return None
    status = response.status_code
    if status == 410:
        return route
    if status in (404, 405) and not _heygen_shaped(body) and not response.extensions.get(BODY_LOST):
        return route
    said = " ".join(str(part) for part in (code, message) if part is not None)
    if status >= 400 and said and _RETIRED_WORDS.search(said.replace("-", "_")):
        return route
    return None
