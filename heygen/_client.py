"""`HeyGen` and `AsyncHeyGen`: settings, the connection pool, and per-call overrides."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from . import _config, _pool
from ._clock import SYSTEM_CLOCK, Clock
from ._constants import API_KEY_HEADER, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._exceptions import ClientClosedError
from ._http import AsyncCall, CallOptions, SyncCall
from ._loops import check_event_loop
from ._types import NOT_GIVEN, NotGiven, SecretStr, Timeout
from ._webhooks import AsyncWebhooks, Webhooks

if TYPE_CHECKING:  # the resources load on first use: `import heygen` stays cheap
    from ._assets import Assets, AsyncAssets
    from ._avatars import Avatars
    from ._avatars_async import AsyncAvatars
    from ._resources import AsyncPhotoAvatars, PhotoAvatars


class _BaseClient:
    """Settings shared by the sync and async clients, resolved once in `__init__`."""

    _api_key: SecretStr
    _options: CallOptions
    _clock: Clock
    _owns_http_client: bool
    _default_headers: Mapping[str, str] | None
    _pool_headers: dict[str, str] | None
    _allow_insecure_http: bool
    _webhook_secret: SecretStr | None

    def _configure(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        timeout: Timeout,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        allow_insecure_http: bool,
        clock: Clock | None,
        own_pool: bool,
        webhook_secret: str | None = None,
    ) -> None:
        _config.configure_logging()
        self._api_key = _config.resolve_api_key(api_key)
        self._webhook_secret = _config.resolve_webhook_secret(webhook_secret)
        self._allow_insecure_http = allow_insecure_http
        self._default_headers = dict(default_headers) if default_headers else None
        self._clock = clock or SYSTEM_CLOCK
        headers = _config.build_headers(self._api_key, self._default_headers)
        # A pool of our own sends every header but the key itself, so that httpx, which merges
        # each request's headers into the pool's, has only the key to merge.
        self._pool_headers = {k: v for k, v in headers.items() if k != API_KEY_HEADER} if own_pool else None
        self._options = CallOptions(
            base_url=_config.resolve_base_url(base_url, allow_insecure_http),
            headers=headers,
            timeout=_config.resolve_timeout(timeout),
            max_retries=_config.resolve_max_retries(max_retries),
            clock=self._clock,
            pool_headers=self._pool_headers,
        )

    @property
    def base_url(self) -> str:
        """The API's base URL, without a trailing slash."""
        return self._options.base_url

    @property
    def max_retries(self) -> int:
        """Retries after the first attempt, for failures that are safe to retry."""
        return self._options.max_retries

    @property
    def timeout(self) -> httpx.Timeout | None:
        """The per-request timeout (its longest part is also each call's budget); None: no limit."""
        return self._options.timeout

    def _call_options(
        self,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> CallOptions:
        options = self._options
        if isinstance(timeout, NotGiven) and isinstance(max_retries, NotGiven) and not extra_headers:
            return options
        return CallOptions(
            base_url=options.base_url,
            headers=(
                _config.build_headers(self._api_key, self._default_headers, extra_headers)
                if extra_headers
                else options.headers
            ),
            timeout=options.timeout if isinstance(timeout, NotGiven) else _config.resolve_timeout(timeout),
            max_retries=(
                options.max_retries
                if isinstance(max_retries, NotGiven)
                else _config.resolve_max_retries(max_retries)
            ),
            clock=options.clock,
            pool_headers=self._pool_headers,
        )

    def _copy_kwargs(
        self,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        default_headers: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        return {
            "api_key": api_key if api_key is not None else str(self._api_key),
            "base_url": base_url if base_url is not None else self._options.base_url,
            "timeout": self._options.timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self._options.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            "default_headers": {**(self._default_headers or {}), **(default_headers or {})},
            "allow_insecure_http": self._allow_insecure_http,
            "webhook_secret": self._webhook_secret,
            "clock": self._clock,
        }

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, api_key=<redacted>, "
            f"timeout={self.timeout!r}, max_retries={self.max_retries})"
        )


class HeyGen(_BaseClient):
    """A synchronous HeyGen client.

    >>> from heygen import HeyGen
    >>> with HeyGen() as client:  # api_key from HEYGEN_API_KEY
    ...     job = client.photo_avatars.train("my-group-id")
    ...     status = client.photo_avatars.wait_for_training(job.group_id)

    Args:
        api_key: Your HeyGen API key; defaults to the `HEYGEN_API_KEY` environment variable.
        base_url: Defaults to `HEYGEN_BASE_URL`, then `https://api.heygen.com`. Plain http is
            refused except to loopback addresses, unless `allow_insecure_http=True`.
        timeout: Seconds (for each phase and for the whole call, retries included), an
            `httpx.Timeout` (the call's budget is its longest part), or None for no limit.
            Default: 60 s, 5 s to connect.
        max_retries: Retries after the first attempt, for retryable failures only. Default 2.
        http_client: An `httpx.Client` to send through, used as given (transport, proxies, event
            hooks); you close it. Redirects are never followed, whatever it is set to do.
        default_headers: Extra headers for every request.
        allow_insecure_http: Allow an `http://` base URL to a non-loopback host.
        webhook_secret: The signing secret `client.webhooks.verify` checks deliveries with;
            defaults to the `HEYGEN_WEBHOOK_SECRET` environment variable. Never shown.
        clock: Where retries and `wait_for_training` read the time and sleep. Leave it unset
            outside tests; in tests, pass the `heygen.testing.FakeClock` a `FakeHeyGen` runs on
            (or use `fake.client()`, which does), so that waiting takes no real time.
        max_connections: The most connections the client's own pool opens at once (default
            1,000). Calls beyond it wait for a free connection, within their timeout.
        max_keepalive: How many idle connections the pool keeps open for the next calls
            (default 100, at most `max_connections`). Set it to at least the number of calls
            you run at once: past it, connections are closed and opened again all the time.
        limits: An `httpx.Limits`, in place of `max_connections` and `max_keepalive` (for
            its `keepalive_expiry`, or None for no limit). Pool settings are for the client's own
            pool: with `http_client`, set them on your httpx client.

    Raises:
        heygen.ConfigurationError: no API key, or a base URL that cannot work.
        TypeError, ValueError: a setting of the wrong type or out of range.
    """

    _http_client: httpx.Client

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        webhook_secret: str | None = None,
        max_connections: int | None = None,
        max_keepalive: int | None = None,
        limits: httpx.Limits | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._configure(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            allow_insecure_http=allow_insecure_http,
            clock=clock,
            own_pool=http_client is None,
            webhook_secret=webhook_secret,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(f"http_client must be an httpx.Client, got {type(http_client).__name__}")
        pool_limits = _pool.resolve_limits(
            limits, max_connections, max_keepalive, http_client_given=http_client is not None
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client or _pool.open_pool(
            httpx.Client, headers=self._pool_headers, limits=pool_limits
        )

    @cached_property
    def photo_avatars(self) -> PhotoAvatars:
        """Train photo avatar groups and follow their training."""
        from ._resources import PhotoAvatars

        return PhotoAvatars(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Verify deliveries (with `webhook_secret`), manage endpoints, list sent events."""
        return Webhooks(self)

    @cached_property
    def avatars(self) -> Avatars:
        """v3 avatars: create photo avatars and looks, follow them until ready."""
        from ._avatars import Avatars

        return Avatars(self)

    @cached_property
    def assets(self) -> Assets:
        """v3 assets: upload files (photos) to HeyGen."""
        from ._assets import Assets

        return Assets(self)

    def _new_call(
        self,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> SyncCall:
        if self._http_client.is_closed:
            raise ClientClosedError(
                "This HeyGen client is closed (close() was called, or its `with` block ended): "
                "create a new one, or keep this one open until you are done with it."
            )
        return SyncCall(self._http_client, self._call_options(timeout, max_retries, extra_headers))

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
    ) -> HeyGen:
        """A client with some settings changed, sharing this one's connection pool.

        >>> client.with_options(timeout=5, max_retries=0).photo_avatars.training_status("g")

        Closing the copy does not close the pool; close the original when done.
        """
        copy = HeyGen(
            http_client=self._http_client,
            **self._copy_kwargs(api_key, base_url, timeout, max_retries, default_headers),
        )
        return copy

    def close(self) -> None:
        """Close the connection pool, unless it came from the caller's `http_client`."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncHeyGen(_BaseClient):
    """An asynchronous HeyGen client; the same settings and methods as `HeyGen`, awaited.

    >>> async with AsyncHeyGen() as client:
    ...     job = await client.photo_avatars.train("my-group-id")
    ...     status = await client.photo_avatars.wait_for_training(job.group_id)

    Takes the same arguments as `HeyGen`, with an `httpx.AsyncClient` as `http_client`.
    """

    _http_client: httpx.AsyncClient

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        webhook_secret: str | None = None,
        max_connections: int | None = None,
        max_keepalive: int | None = None,
        limits: httpx.Limits | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._configure(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            allow_insecure_http=allow_insecure_http,
            clock=clock,
            own_pool=http_client is None,
            webhook_secret=webhook_secret,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}")
        pool_limits = _pool.resolve_limits(
            limits, max_connections, max_keepalive, http_client_given=http_client is not None
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client or _pool.open_pool(
            httpx.AsyncClient, headers=self._pool_headers, limits=pool_limits
        )

    @cached_property
    def photo_avatars(self) -> AsyncPhotoAvatars:
        """Train photo avatar groups and follow their training."""
        from ._resources import AsyncPhotoAvatars

        return AsyncPhotoAvatars(self)

    @cached_property
    def webhooks(self) -> AsyncWebhooks:
        """Verify deliveries (with `webhook_secret`), manage endpoints, list sent events."""
        return AsyncWebhooks(self)

    @cached_property
    def avatars(self) -> AsyncAvatars:
        """v3 avatars: create photo avatars and looks, follow them until ready."""
        from ._avatars_async import AsyncAvatars

        return AsyncAvatars(self)

    @cached_property
    def assets(self) -> AsyncAssets:
        """v3 assets: upload files (photos) to HeyGen."""
        from ._assets import AsyncAssets

        return AsyncAssets(self)

    def _new_call(
        self,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> AsyncCall:
        if self._http_client.is_closed:
            raise ClientClosedError(
                "This AsyncHeyGen client is closed (aclose() was called, or its `async with` block "
                "ended): create a new one, or keep this one open until you are done with it."
            )
        check_event_loop(self._http_client)
        return AsyncCall(self._http_client, self._call_options(timeout, max_retries, extra_headers))

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncHeyGen:
        """A client with some settings changed, sharing this one's connection pool."""
        return AsyncHeyGen(
            http_client=self._http_client,
            **self._copy_kwargs(api_key, base_url, timeout, max_retries, default_headers),
        )

    async def aclose(self) -> None:
        """Close the connection pool, unless it came from the caller's `http_client`.

        Raises:
            heygen.EventLoopError: called from another event loop than the one the pool was
                used in, where its connections cannot be closed.
        """
        if self._owns_http_client and not self._http_client.is_closed:
            check_event_loop(self._http_client)
            await self._http_client.aclose()

    async def close(self) -> None:
        """The same as `aclose()`, under the name the OpenAI and Anthropic SDKs use."""
        await self.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
