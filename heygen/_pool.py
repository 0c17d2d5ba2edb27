"""The client's own connection pool: its size, checked once, at construction, and its cookies.

httpx's default pool keeps only 20 idle connections. Past 20 calls in flight, httpcore then closes
every connection that goes idle (it compares the pool's total, not its idle count, with the
keep-alive limit), so each call pays for a new connection. The SDK's defaults are those of the
OpenAI SDK: 1,000 connections at most, 100 of them kept alive between calls.
"""

from __future__ import annotations

from typing import TypeVar

import httpx

Pool = TypeVar("Pool", httpx.Client, httpx.AsyncClient)

DEFAULT_MAX_CONNECTIONS = 1000
DEFAULT_MAX_KEEPALIVE = 100
# httpx's default: an idle connection older than this is closed rather than reused (servers
# close theirs after a while, and a request sent on a connection being closed fails).
KEEPALIVE_EXPIRY = 5.0
DEFAULT_LIMITS = httpx.Limits(
    max_connections=DEFAULT_MAX_CONNECTIONS,
    max_keepalive_connections=DEFAULT_MAX_KEEPALIVE,
    keepalive_expiry=KEEPALIVE_EXPIRY,
)


def _count(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, got {value}")
    return value


def resolve_limits(
    limits: httpx.Limits | None,
    max_connections: int | None,
    max_keepalive: int | None,
    *,
    http_client_given: bool,
) -> httpx.Limits:
    """The limits of the pool the client opens (unused when the caller brings their own pool)."""
    given = [
        name
        for name, value in (
            ("limits", limits),
            ("max_connections", max_connections),
            ("max_keepalive", max_keepalive),
        )
        if value is not None
    ]
    if http_client_given:
        if given:
            raise ValueError(
                f"{' and '.join(given)} set the size of the client's own pool, but http_client= "
                "brings a pool of yours: set its limits there instead, "
                "e.g. httpx.Client(limits=httpx.Limits(max_connections=..., max_keepalive_connections=...))."
            )
        return DEFAULT_LIMITS
    if limits is not None:
        if not isinstance(limits, httpx.Limits):
            raise TypeError(f"limits must be an httpx.Limits, got {type(limits).__name__}")
        if max_connections is not None or max_keepalive is not None:
            raise ValueError("Pass either limits= or max_connections=/max_keepalive=, not both.")
        return limits
    connections = (
        DEFAULT_MAX_CONNECTIONS if max_connections is None else _count("max_connections", max_connections, 1)
    )
    if max_keepalive is None:
        keepalive = min(DEFAULT_MAX_KEEPALIVE, connections)
    else:
        keepalive = _count("max_keepalive", max_keepalive, 0)
        if keepalive > connections:
            raise ValueError(
                f"max_keepalive ({keepalive}) cannot exceed max_connections ({connections}): "
                "only open connections can be kept alive."
            )
    return httpx.Limits(
        max_connections=connections, max_keepalive_connections=keepalive, keepalive_expiry=KEEPALIVE_EXPIRY
    )


class _Cookies(httpx.Cookies):
    """httpx's cookie store, which skips its search of an answer that sets no cookie.

    httpx hands every response to `http.cookiejar`, wrapped in urllib request and response
    objects built for the purpose, even when there is nothing to find: 20 to 35 µs of CPU a call
    (`python -m bench.httpx_repro`), a third of httpx's own work in process. An answer without a
    `Set-Cookie` (or `Set-Cookie2`) header cannot set a cookie, so it is not searched; one with
    it is handled by httpx as before, and the cookie goes back with later requests.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        names = response.headers.keys()
        if "set-cookie" in names or "set-cookie2" in names:
            super().extract_cookies(response)


def open_pool(kind: type[Pool], *, headers: dict[str, str] | None, limits: httpx.Limits) -> Pool:
    """The httpx client a `HeyGen` or `AsyncHeyGen` opens when the caller brings none.

    A caller's own `http_client=` is used as it is.
    """
    pool = kind(follow_redirects=False, headers=headers, limits=limits)
    # httpx's `cookies` setter copies what it is given into a plain `Cookies`; the attribute
    # behind it is where httpx reads and stores cookies on every call.
    pool._cookies = _Cookies()
    return pool
