"""`client.webhooks`: verify deliveries with the client's signing secret; manage endpoints.

The secret comes from `webhook_secret=` or `HEYGEN_WEBHOOK_SECRET`, read once when the client
is made; the time window is measured on the client's clock, so a test that drives a fake clock
verifies the fake's deliveries in fake time.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Unpack

from ._constants import WEBHOOK_SECRET_ENV
from ._exceptions import ConfigurationError

if TYPE_CHECKING:
    from ._client import AsyncHeyGen, HeyGen, _BaseClient
    from ._v3_adapters import RequestOptions
    from ._webhook_endpoints import (
        AsyncWebhookEndpoints,
        AsyncWebhookEvents,
        WebhookEndpoints,
        WebhookEvents,
    )
    from .webhooks import EventTypeInfo, Headers, WebhookEvent


class _Verify:
    """Verification, the same on both clients (it needs no I/O)."""

    _client: _BaseClient

    def verify(
        self,
        body: bytes,
        headers: Headers,
        *,
        secret: str | None = None,
        tolerance: float | None = None,
    ) -> WebhookEvent:
        """`heygen.webhooks.verify` with the client's secret and clock.

        Args:
            body: The raw request body, as bytes.
            headers: The request headers.
            secret: Overrides the client's secret (say, during a rotation, try the new one
                and then the old one).
            tolerance: Seconds the timestamp may be off, either way (default 300).

        Raises:
            heygen.WebhookVerificationError: the delivery failed a check (`reason` says which).
            heygen.ConfigurationError: no secret was given here, to the client, or in
                `HEYGEN_WEBHOOK_SECRET`.
        """
        from .webhooks import DEFAULT_TOLERANCE, verify

        key = secret if secret is not None else self._client._webhook_secret
        if key is None:
            raise ConfigurationError(
                f"No webhook secret: pass webhook_secret=... to the client or set {WEBHOOK_SECRET_ENV} "
                "(HeyGen shows the secret once, when the endpoint is created or its secret rotated).",
                setting="webhook_secret",
            )
        return verify(
            body,
            headers,
            secret=key,
            tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
            now=self._client._clock.time(),
        )


class Webhooks(_Verify):
    """`client.webhooks` on a `HeyGen` client: verify deliveries, manage endpoints, list events."""

    def __init__(self, client: HeyGen) -> None:
        self._client = client
        self._sync_client = client

    @cached_property
    def endpoints(self) -> WebhookEndpoints:
        """Register, list, change, delete endpoints and rotate their secrets."""
        from ._webhook_endpoints import WebhookEndpoints

        return WebhookEndpoints(self._sync_client)

    @cached_property
    def events(self) -> WebhookEvents:
        """The events HeyGen sent to this account."""
        from ._webhook_endpoints import WebhookEvents

        return WebhookEvents(self._sync_client)

    def event_types(self, **options: Unpack[RequestOptions]) -> list[EventTypeInfo]:
        """Every event type HeyGen can send (`GET /v3/webhooks/event-types`, a single page)."""
        from . import _webhook_ops as ops
        from ._v3_adapters import run_sync

        items, _, _ = run_sync(self._sync_client, ops.event_types(), **options).parsed
        return items


class AsyncWebhooks(_Verify):
    """`client.webhooks` on an `AsyncHeyGen`: the same as `Webhooks`, awaited where it calls."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client
        self._async_client = client

    @cached_property
    def endpoints(self) -> AsyncWebhookEndpoints:
        """Register, list, change, delete endpoints and rotate their secrets."""
        from ._webhook_endpoints import AsyncWebhookEndpoints

        return AsyncWebhookEndpoints(self._async_client)

    @cached_property
    def events(self) -> AsyncWebhookEvents:
        """The events HeyGen sent to this account."""
        from ._webhook_endpoints import AsyncWebhookEvents

        return AsyncWebhookEvents(self._async_client)

    async def event_types(self, **options: Unpack[RequestOptions]) -> list[EventTypeInfo]:
        """Every event type HeyGen can send (`GET /v3/webhooks/event-types`)."""
        from . import _webhook_ops as ops
        from ._v3_adapters import run_async

        items, _, _ = (await run_async(self._async_client, ops.event_types(), **options)).parsed
        return items
