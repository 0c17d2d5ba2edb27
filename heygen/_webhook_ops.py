"""The v3 webhook calls: each request as an `Operation` through the generated client, its
arguments checked, its answer read.

Shared by the sync and async `client.webhooks` resources, as `_v3_adapters` is by the avatars;
like it, this module imports `heygen_api_client` only inside its functions.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from . import _v3_parse as parse
from ._envelope import request_id
from ._exceptions import APIResponseValidationError
from ._http import AsyncCall, SyncCall
from ._types import SecretStr
from ._v3_adapters import ListAnswer, Operation, _given
from .webhooks._endpoint import EventTypeInfo, WebhookEndpoint, WebhookSecret
from .webhooks._event import WebhookEvent, WebhookEventType, parse_created_at

# --- arguments -------------------------------------------------------------------------------


def endpoint_url(url: object) -> str:
    """An absolute https URL (plain http only to a loopback address, for local testing)."""
    if not isinstance(url, str):
        raise TypeError(f"url must be a str, got {type(url).__name__}")
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ValueError(f"url {url!r} must be an absolute https URL that HeyGen can reach")
    if parts.scheme == "http" and not _is_loopback(host):
        raise ValueError(f"url {url!r} must use https (HeyGen delivers to public HTTPS URLs only)")
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def event_names(events: object) -> list[str] | None:
    """Documented event type names (text or `WebhookEventType`), or None for all events."""
    if events is None:
        return None
    if isinstance(events, str | bytes) or not isinstance(events, Iterable):
        raise TypeError("events must be a list of event types (or None for all of them)")
    names: list[str] = []
    for item in events:
        if not isinstance(item, str):
            raise TypeError(f"each event type must be a str, got {type(item).__name__}")
        kind = WebhookEventType.parse(item)
        if kind is WebhookEventType.UNKNOWN:
            raise ValueError(
                f"{item!r} is not an event type HeyGen documents; see client.webhooks.event_types() "
                "or heygen.webhooks.WebhookEventType"
            )
        names.append(kind.value)
    return names


def endpoint_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"endpoint_id must be a str, got {type(value).__name__}")
    if not value or value != value.strip() or value in (".", ".."):
        raise ValueError(f"endpoint_id {value!r} is not an id: pass the endpoint_id HeyGen returned")
    return value


# --- answers ---------------------------------------------------------------------------------


def _iso(data: Mapping[str, Any], key: str, path: str) -> datetime:
    value = data.get(key)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise parse.ShapeError(f"{path}.{key}", "is missing" if value is None else f"is {value!r}, not ISO 8601")


def _secret(data: Mapping[str, Any], path: str) -> SecretStr | None:
    value = data.get("secret")
    if value is None:
        return None
    if not isinstance(value, str):
        raise parse.ShapeError(f"{path}.secret", "is not text")  # the value is never shown
    return SecretStr(value)


def read_endpoint(value: object, path: str = "data") -> WebhookEndpoint:
    data = parse._object(value, path)
    events = data.get("events")
    return WebhookEndpoint(
        endpoint_id=parse._str(data, "endpoint_id", path),
        url=parse._str(data, "url", path),
        status=parse._str(data, "status", path),
        created_at=_iso(data, "created_at", path),
        events=None if events is None else parse._strings(data, "events", path),
        secret=_secret(data, path),
    )


def read_secret(value: object, path: str = "data") -> WebhookSecret:
    data = parse._object(value, path)
    secret = _secret(data, path)
    if secret is None:
        raise parse.ShapeError(f"{path}.secret", "is missing")
    return WebhookSecret(endpoint_id=parse._str(data, "endpoint_id", path), secret=secret)


def read_event_type(value: object, path: str) -> EventTypeInfo:
    data = parse._object(value, path)
    return EventTypeInfo(
        parse._str(data, "event_type", path), parse._opt_str(data, "description", path) or ""
    )


def read_event(value: object, path: str) -> WebhookEvent:
    data = parse._object(value, path)
    kind = parse._str(data, "event_type", path)
    event_data = data.get("event_data") or {}
    if not isinstance(event_data, Mapping):
        raise parse.ShapeError(f"{path}.event_data", "is not an object")
    try:
        created_at = parse_created_at(data.get("created_at"))
    except Exception:  # a WebhookVerificationError from the delivery reader: wrong class here
        raise parse.ShapeError(f"{path}.created_at", "is not a timestamp") from None
    return WebhookEvent(
        event_id=parse._str(data, "event_id", path),
        event_type=WebhookEventType.parse(kind),
        raw_event_type=kind,
        created_at=created_at,
        data=dict(event_data),
    )


# --- operations ------------------------------------------------------------------------------


class _SecretOperation(Operation[Any]):
    """An operation whose answer holds a signing secret: a malformed answer's error omits the body."""

    def _read(self, call: SyncCall | AsyncCall) -> Any:
        try:
            return super()._read(call)
        except APIResponseValidationError:
            pass  # its message shows the body: raised anew below, outside this block, so the
            # first error is neither the new one's __context__ nor a local in its traceback
        assert call.response is not None
        raise APIResponseValidationError(
            f"The {self.name} response is not the documented shape (its body is not shown: it "
            "may hold a signing secret)",
            response=call.response,
            request_id=request_id(call.response),
        )


def _data(read: Any) -> Any:
    return lambda body: read(parse.data_of(body), "data")


def _listing(read: Any) -> Any:
    return lambda body: parse.listing(body, read)


def create_endpoint(body: Mapping[str, object]) -> Operation[WebhookEndpoint]:
    from heygen_api_client.api.webhooks import create_webhook_endpoint as api
    from heygen_api_client.models import CreateWebhookEndpointRequest

    model = CreateWebhookEndpointRequest.from_dict(dict(body))
    return _SecretOperation(
        "create webhook endpoint",
        lambda: api._get_kwargs(body=model),
        _data(read_endpoint),
    )


def list_endpoints(limit: int | None, token: str | None) -> Operation[ListAnswer[WebhookEndpoint]]:
    from heygen_api_client.api.webhooks import list_webhook_endpoints as api

    query: dict[str, Any] = {"limit": _given(limit), "token": _given(token)}
    return Operation(
        "list webhook endpoints",
        lambda: api._get_kwargs(**query),
        _listing(read_endpoint),
    )


def update_endpoint(endpoint: str, body: Mapping[str, object]) -> Operation[WebhookEndpoint]:
    from heygen_api_client.api.webhooks import update_webhook_endpoint as api
    from heygen_api_client.models import UpdateWebhookEndpointRequest

    model = UpdateWebhookEndpointRequest.from_dict(dict(body))
    return Operation(
        "update webhook endpoint",
        lambda: api._get_kwargs(endpoint, body=model),
        _data(read_endpoint),
    )


def delete_endpoint(endpoint: str) -> Operation[None]:
    from heygen_api_client.api.webhooks import delete_webhook_endpoint as api

    return Operation(
        "delete webhook endpoint",
        lambda: api._get_kwargs(endpoint),
        lambda body: None,
    )


def rotate_secret(endpoint: str) -> Operation[WebhookSecret]:
    from heygen_api_client.api.webhooks import rotate_webhook_secret as api

    return _SecretOperation(
        "rotate webhook secret",
        lambda: api._get_kwargs(endpoint),
        _data(read_secret),
    )


def event_types() -> Operation[ListAnswer[EventTypeInfo]]:
    from heygen_api_client.api.webhooks import list_webhook_event_types as api

    return Operation(
        "list webhook event types",
        lambda: api._get_kwargs(),
        _listing(read_event_type),
    )


def list_events(
    event_type: str | None, entity_id: str | None, limit: int | None, token: str | None
) -> Operation[ListAnswer[WebhookEvent]]:
    from heygen_api_client.api.webhooks import list_webhook_events as api

    query: dict[str, Any] = {
        "event_type": _given(event_type),
        "entity_id": _given(entity_id),
        "limit": _given(limit),
        "token": _given(token),
    }
    return Operation(
        "list webhook events",
        lambda: api._get_kwargs(**query),
        _listing(read_event),
    )
