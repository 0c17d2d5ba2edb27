"""`client.webhooks.endpoints` and `client.webhooks.events` (v3), sync and async.

Creating an endpoint and rotating its secret send an `Idempotency-Key` (the caller's, or a fresh
one per call), so a retry after a lost answer cannot register the URL twice or rotate twice and
lose the secret the first rotation made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Unpack

from . import _webhook_ops as ops
from ._avatar_args import optional_text, validate_limit
from ._idempotency import resolve_key
from ._pages import AsyncPage, AsyncPager, Page
from ._types import NOT_GIVEN, NotGiven
from ._v3_adapters import RequestOptions, run_async, run_sync
from .webhooks._endpoint import WebhookEndpoint, WebhookSecret
from .webhooks._event import WebhookEvent

if TYPE_CHECKING:
    from ._client import AsyncHeyGen, HeyGen


def _create_body(url: object, events: object, entity_id: object) -> dict[str, Any]:
    body: dict[str, Any] = {"url": ops.endpoint_url(url), "events": ops.event_names(events)}
    if entity_id is not None:
        body["entity_id"] = optional_text(entity_id, "entity_id")
    return body


def _update_body(url: object, events: object) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if url is not None:
        body["url"] = ops.endpoint_url(url)
    if not isinstance(events, NotGiven):
        body["events"] = ops.event_names(events)
    if not body:
        raise ValueError("update needs url=... or events=... (events=None subscribes to every event)")
    return body


def _events_query(event_type: object, entity_id: object, limit: object) -> dict[str, Any]:
    names = None if event_type is None else ops.event_names([event_type])
    return {
        "event_type": names[0] if names else None,
        "entity_id": optional_text(entity_id, "entity_id"),
        "limit": validate_limit(limit),
    }


class WebhookEndpoints:
    """The URLs HeyGen sends events to (`client.webhooks.endpoints`), on a `HeyGen` client."""

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    def create(
        self,
        *,
        url: str,
        events: Iterable[str] | None = None,
        entity_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Register a URL (`POST /v3/webhooks/endpoints`). Its `secret` is shown this once.

        Args:
            url: A public https URL (plain http is accepted for loopback, for local tests).
            events: Event types to receive (`WebhookEventType` members or their text); None
                for every event.
            entity_id: Only events about this resource, as HeyGen scopes it.
            idempotency_key: Makes a repeat of this call (within 24 hours) return the first
                answer instead of registering again; one is made per call if not given.

        Returns:
            The endpoint, with `secret` set: store it (it is never in the repr).
        """
        body = _create_body(url, events, entity_id)
        key = resolve_key(idempotency_key)
        return run_sync(self._client, ops.create_endpoint(body), key=key, **options).parsed

    def list(
        self, *, limit: int | None = None, token: str | None = None, **options: Unpack[RequestOptions]
    ) -> Page[WebhookEndpoint]:
        """Registered endpoints, a page at a time; iterate the page for all of them (no secrets).

        `token` starts at that page's cursor (a `next_token`, or `error.page_token` after a
        failed iteration) instead of the first page.
        """
        size = validate_limit(limit)
        start = optional_text(token, "token")

        def fetch(token: str | None) -> Page[WebhookEndpoint]:
            items, has_more, next_token = run_sync(
                self._client, ops.list_endpoints(size, token), **options
            ).parsed
            return Page(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return fetch(start)

    def update(
        self,
        endpoint_id: str,
        *,
        url: str | None = None,
        events: Iterable[str] | NotGiven | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Change an endpoint's URL and/or its event types (the list is replaced, not merged)."""
        body = _update_body(url, events)
        return run_sync(
            self._client, ops.update_endpoint(ops.endpoint_id(endpoint_id), body), **options
        ).parsed

    def delete(self, endpoint_id: str, **options: Unpack[RequestOptions]) -> None:
        """Stop sending events to this endpoint and forget it."""
        run_sync(self._client, ops.delete_endpoint(ops.endpoint_id(endpoint_id)), **options)

    def rotate_secret(
        self, endpoint_id: str, *, idempotency_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> WebhookSecret:
        """A new signing secret, shown this once; the old one stops working at once."""
        operation = ops.rotate_secret(ops.endpoint_id(endpoint_id))
        return run_sync(self._client, operation, key=resolve_key(idempotency_key), **options).parsed


class WebhookEvents:
    """Events HeyGen sent to this account (`client.webhooks.events`), on a `HeyGen` client."""

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    def list(
        self,
        *,
        event_type: str | None = None,
        entity_id: str | None = None,
        limit: int | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Page[WebhookEvent]:
        """Sent events, newest first as HeyGen orders them (`GET /v3/webhooks/events`).

        Args:
            event_type: Only events of this type.
            entity_id: Only events about this resource.
            limit: Events per page, 1 to 50.
            token: Start at this page's cursor (a `next_token`, or `error.page_token` after a
                failed iteration) instead of the first page.
        """
        params = _events_query(event_type, entity_id, limit)
        start = optional_text(token, "token")

        def fetch(token: str | None) -> Page[WebhookEvent]:
            items, has_more, next_token = run_sync(
                self._client, ops.list_events(**params, token=token), **options
            ).parsed
            return Page(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return fetch(start)


class AsyncWebhookEndpoints:
    """`client.webhooks.endpoints` on an `AsyncHeyGen`. See `WebhookEndpoints`."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client

    async def create(
        self,
        *,
        url: str,
        events: Iterable[str] | None = None,
        entity_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Register a URL; its `secret` is shown this once. See `WebhookEndpoints.create`."""
        body = _create_body(url, events, entity_id)
        key = resolve_key(idempotency_key)
        return (await run_async(self._client, ops.create_endpoint(body), key=key, **options)).parsed

    def list(
        self, *, limit: int | None = None, token: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[WebhookEndpoint]:
        """Registered endpoints: `await` it for the first page, or `async for` every one.

        `token` starts at that page's cursor instead of the first. See `WebhookEndpoints.list`.
        """
        size = validate_limit(limit)
        start = optional_text(token, "token")

        async def fetch(token: str | None) -> AsyncPage[WebhookEndpoint]:
            raw = await run_async(self._client, ops.list_endpoints(size, token), **options)
            items, has_more, next_token = raw.parsed
            return AsyncPage(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return AsyncPager(lambda: fetch(start))

    async def update(
        self,
        endpoint_id: str,
        *,
        url: str | None = None,
        events: Iterable[str] | NotGiven | None = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """Change an endpoint's URL and/or event types. See `WebhookEndpoints.update`."""
        body = _update_body(url, events)
        return (
            await run_async(self._client, ops.update_endpoint(ops.endpoint_id(endpoint_id), body), **options)
        ).parsed

    async def delete(self, endpoint_id: str, **options: Unpack[RequestOptions]) -> None:
        """Stop sending events to this endpoint and forget it."""
        await run_async(self._client, ops.delete_endpoint(ops.endpoint_id(endpoint_id)), **options)

    async def rotate_secret(
        self, endpoint_id: str, *, idempotency_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> WebhookSecret:
        """A new signing secret, shown this once. See `WebhookEndpoints.rotate_secret`."""
        operation = ops.rotate_secret(ops.endpoint_id(endpoint_id))
        return (await run_async(self._client, operation, key=resolve_key(idempotency_key), **options)).parsed


class AsyncWebhookEvents:
    """`client.webhooks.events` on an `AsyncHeyGen`. See `WebhookEvents`."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client

    def list(
        self,
        *,
        event_type: str | None = None,
        entity_id: str | None = None,
        limit: int | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[WebhookEvent]:
        """Sent events: `await` it for the first page, or `async for` every one.

        `token` starts at that page's cursor instead of the first. See `WebhookEvents.list`.
        """
        params = _events_query(event_type, entity_id, limit)
        start = optional_text(token, "token")

        async def fetch(token: str | None) -> AsyncPage[WebhookEvent]:
            raw = await run_async(self._client, ops.list_events(**params, token=token), **options)
            items, has_more, next_token = raw.parsed
            return AsyncPage(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return AsyncPager(lambda: fetch(start))
