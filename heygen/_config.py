"""Client settings: argument, then environment, then default; checked once, at construction."""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
import sys
from collections.abc import Mapping

import httpx

from ._constants import (
    API_KEY_ENV,
    API_KEY_HEADER,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    LOG_ENV,
    WEBHOOK_SECRET_ENV,
)
from ._exceptions import ConfigurationError
from ._types import SecretStr, Timeout
from ._version import __version__


@functools.cache
def user_agent() -> str:
    """`heygen-sdk/<version> python/<version> httpx/<version>`, worked out on first use."""
    import platform  # not at import time: `import heygen` should cost little more than httpx

    return f"heygen-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def resolve_api_key(api_key: str | None) -> SecretStr:
    if api_key is None:
        api_key = os.environ.get(API_KEY_ENV)
        if not api_key:
            raise ConfigurationError(
                f"No API key: pass api_key=... or set the {API_KEY_ENV} environment variable "
                "(find your key in HeyGen's app under Settings > API).",
                setting="api_key",
                reason="missing",
            )
        source = f"The {API_KEY_ENV} environment variable"
    else:
        source = "api_key"
    if not isinstance(api_key, str):
        raise ConfigurationError(
            f"{source} must be a string, got {type(api_key).__name__}.", setting="api_key"
        )
    # A header value must be ASCII; a space, a control character or a look-alike pasted along
    # with the key would fail (or worse, be sent) on every call. Refuse it here, without echoing.
    if not api_key or not all(33 <= ord(c) <= 126 for c in api_key):
        raise ConfigurationError(
            f"{source} is empty or contains spaces, control or non-ASCII characters; "
            "paste the key exactly as HeyGen shows it.",
            setting="api_key",
            reason="invalid",
        )
    return SecretStr(api_key)


def resolve_webhook_secret(secret: str | None) -> SecretStr | None:
    """The webhook signing secret, or None when neither the argument nor the environment has one.

    Only its form is checked here (text without surrounding whitespace); its value never
    appears in an error.
    """
    source = "webhook_secret"
    if secret is None:
        secret = os.environ.get(WEBHOOK_SECRET_ENV) or None
        if secret is None:
            return None
        source = f"The {WEBHOOK_SECRET_ENV} environment variable"
    if not isinstance(secret, str):
        raise ConfigurationError(
            f"{source} must be a string, got {type(secret).__name__}.", setting="webhook_secret"
        )
    if not secret or secret != secret.strip():
        raise ConfigurationError(
            f"{source} is empty or has leading or trailing whitespace; paste the endpoint's "
            "signing secret exactly as HeyGen showed it.",
            setting="webhook_secret",
        )
    return SecretStr(secret)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _shown(url: httpx.URL) -> str:
    """A URL fit for an error message: no credentials, query or fragment (they may hold secrets)."""
    port = f":{url.port}" if url.port else ""
    return repr(f"{url.scheme}://{url.host}{port}{url.path}")


def resolve_base_url(base_url: str | httpx.URL | None, allow_insecure_http: bool) -> str:
    """An absolute https URL (http only to loopback, or when explicitly allowed), no trailing /.

    Error messages never repeat the whole value: a mistyped setting may be a secret (say, the API
    key in HEYGEN_BASE_URL), and credentials in a URL are secrets.
    """
    source = "base_url"
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        source = f"The {BASE_URL_ENV} environment variable" if os.environ.get(BASE_URL_ENV) else "base_url"
    try:
        url = httpx.URL(str(base_url))
    except (httpx.InvalidURL, TypeError):
        raise ConfigurationError(
            f"{source} is not a valid URL; use an absolute https URL like {DEFAULT_BASE_URL!r}.",
            setting="base_url",
        ) from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            f"{source} must be an absolute http(s) URL, like {DEFAULT_BASE_URL!r}.",
            setting="base_url",
        )
    if url.query or url.fragment or url.userinfo:
        raise ConfigurationError(
            f"{source} {_shown(url)} must not carry a query, fragment or credentials.", setting="base_url"
        )
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ConfigurationError(
            f"{source} {_shown(url)} uses plain http to a non-loopback host, which would send "
            "the API key unencrypted. Use https, or pass allow_insecure_http=True if you must.",
            setting="base_url",
            reason="insecure",
        )
    return str(url).rstrip("/")


def resolve_timeout(timeout: Timeout) -> httpx.Timeout | None:
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if all(part is None for part in parts):
            return None
        if any(part is not None and part <= 0 for part in parts):
            raise ValueError(f"timeout parts must be positive seconds, got {timeout!r}")
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(f"timeout must be seconds, an httpx.Timeout or None, got {type(timeout).__name__}")
    if not timeout > 0:
        raise ValueError(f"timeout must be positive seconds (or None for no limit), got {timeout!r}")
    return httpx.Timeout(float(timeout))


def resolve_max_retries(max_retries: int) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise TypeError(f"max_retries must be an int, got {type(max_retries).__name__}")
    if max_retries < 0:
        raise ValueError(f"max_retries must be 0 or more, got {max_retries}")
    return max_retries


def build_headers(
    api_key: SecretStr,
    default_headers: Mapping[str, str] | None,
    extra_headers: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Headers for every request: user agent, the caller's, then the key (which always wins)."""
    headers = {"User-Agent": user_agent(), "Accept": "application/json"}
    for extra in (default_headers, extra_headers):
        if extra:
            headers.update({k: v for k, v in extra.items() if k.lower() != API_KEY_HEADER})
    headers[API_KEY_HEADER] = api_key
    return headers


_logging_configured = False


def configure_logging() -> None:
    """Turn on the `heygen` logger when HEYGEN_LOG=debug|info (read now, never at import)."""
    global _logging_configured
    level_name = os.environ.get(LOG_ENV, "").strip().lower()
    if _logging_configured or level_name not in ("debug", "info"):
        return
    _logging_configured = True
    logger = logging.getLogger("heygen")
    logger.setLevel(logging.DEBUG if level_name == "debug" else logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
