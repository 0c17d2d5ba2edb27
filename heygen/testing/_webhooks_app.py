"""The fake's ``/v3/webhooks`` routes: endpoint CRUD, rotate-secret, event types, fired events.

v3 shapes: ``{"data": ...}`` on success, lists add ``has_more`` and ``next_token`` (an opaque
cursor; query ``limit`` 1-100, default 10, and ``token``), errors are
``{"error": {"code", "message", "param", "doc_url"}}``. The secret is in the answers to create
and rotate-secret only.

[FAKE'S CHOICE] HeyGen requires a public HTTPS ``url``; the fake also takes plain http, so
tests can receive on 127.0.0.1. Error codes for an unknown endpoint (404 ``not_found``) are
not documented.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from heygen.testing._app import FakeResponse
from heygen.testing._webhooks import WebhookHub

__all__ = ["PREFIX", "WebhooksApp"]

PREFIX = "/v3/webhooks"


def _documented_types() -> list[str]:
    from heygen.webhooks import WebhookEventType

    return [t.value for t in WebhookEventType if t is not WebhookEventType.UNKNOWN]


def _json(status: int, document: object) -> FakeResponse:
    body = json.dumps(document, separators=(",", ":")).encode()
    return FakeResponse(status, {"Content-Type": "application/json"}, body)


def _error(status: int, code: str, message: str, param: str | None = None) -> FakeResponse:
    return _json(status, {"error": {"code": code, "message": message, "param": param, "doc_url": None}})


def _page(items: Sequence[object], query: Mapping[str, list[str]]) -> FakeResponse:
    try:
        limit = int(query.get("limit", ["10"])[-1])
        token = query.get("token", [""])[-1]
        start = int(base64.urlsafe_b64decode(token.encode()).decode()) if token else 0
    except ValueError:
        return _error(400, "invalid_parameter", "limit must be an integer and token a cursor from next_token")
    if not 1 <= limit <= 100:
        return _error(400, "invalid_parameter", "limit must be between 1 and 100", "limit")
    chunk = list(items[start : start + limit])
    more = start + limit < len(items)
    token_out = base64.urlsafe_b64encode(str(start + limit).encode()).decode() if more else None
    return _json(200, {"data": chunk, "has_more": more, "next_token": token_out})


class WebhooksApp:
    """Answers requests under ``/v3/webhooks``; ``accepts(api_key)`` says whether a key is valid."""

    def __init__(self, hub: WebhookHub, accepts: Callable[[str], bool]) -> None:
        self.hub = hub
        self._accepts = accepts

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> FakeResponse:
        parts = urllib.parse.urlsplit(target)
        query = urllib.parse.parse_qs(parts.query)
        path = [urllib.parse.unquote(p) for p in parts.path[len(PREFIX) :].strip("/").split("/")]
        api_key = {k.lower(): v for k, v in headers.items()}.get("x-api-key", "")
        if not api_key or not self._accepts(api_key):
            return _error(401, "authentication_failed", "Invalid or missing API key: send it in x-api-key")
        route = (method, path[0] if path else "", len(path))
        if route == ("GET", "event-types", 1):
            types = [{"event_type": t, "description": f"Fired on {t}"} for t in _documented_types()]
            return _json(200, {"data": types, "has_more": False, "next_token": None})
        if route == ("GET", "events", 1):
            wanted_type = query.get("event_type", [None])[-1]
            wanted_entity = query.get("entity_id", [None])[-1]
            events = [
                e.document()
                for e in reversed(self.hub.fired(api_key))
                if wanted_type in (None, e.event_type) and wanted_entity in (None, e.entity_id)
            ]
            return _page(events, query)
        if path[0] != "endpoints":
            return _error(404, "not_found", f"no such endpoint: {method} {parts.path}")
        if route == ("GET", "endpoints", 1):
            return _page([e.public() for e in self.hub.endpoints(api_key)], query)
        if route == ("POST", "endpoints", 1):
            return self._create(api_key, body)
        if len(path) not in (2, 3):
            return _error(404, "not_found", f"no such endpoint: {method} {parts.path}")
        endpoint = self.hub.get(api_key, path[1])
        if endpoint is None:
            return _error(404, "not_found", f"Webhook endpoint {path[1]} not found")
        if route == ("PATCH", "endpoints", 2):
            return self._update(endpoint, body)
        if route == ("DELETE", "endpoints", 2):
            self.hub.delete(api_key, endpoint.endpoint_id)
            return _json(200, {"data": {}})
        if route == ("POST", "endpoints", 3) and path[2] == "rotate-secret":
            secret = self.hub.rotate(endpoint)
            return _json(200, {"data": {"endpoint_id": endpoint.endpoint_id, "secret": secret}})
        return _error(405, "method_not_allowed", f"{method} is not allowed on {parts.path}")

    def _create(self, api_key: str, body: bytes) -> FakeResponse:
        fields, problem = _body(body)
        if problem is not None:
            return problem
        url, problem = _url(fields.get("url"), required=True)
        if problem is not None:
            return problem
        events, problem = _events(fields.get("events"))
        if problem is not None:
            return problem
        entity_id = fields.get("entity_id")
        if entity_id is not None and not isinstance(entity_id, str):
            return _error(400, "invalid_parameter", "entity_id must be a string or null", "entity_id")
        assert url is not None
        endpoint = self.hub.create(api_key, url, events, entity_id)
        return _json(200, {"data": endpoint.public(with_secret=True)})

    def _update(self, endpoint: Any, body: bytes) -> FakeResponse:
        fields, problem = _body(body)
        if problem is not None:
            return problem
        url, problem = _url(fields.get("url"), required=False)
        if problem is not None:
            return problem
        events, problem = _events(fields.get("events"))
        if problem is not None:
            return problem
        if url is not None:
            endpoint.url = url
        if "events" in fields:
            endpoint.events = events
        return _json(200, {"data": endpoint.public()})


def _body(body: bytes) -> tuple[dict[str, Any], FakeResponse | None]:
    try:
        fields = json.loads(body or b"{}")
    except ValueError:
        return {}, _error(400, "invalid_parameter", "the body is not JSON")
    if not isinstance(fields, dict):
        return {}, _error(400, "invalid_parameter", "the body must be a JSON object")
    return fields, None


def _url(value: object, *, required: bool) -> tuple[str | None, FakeResponse | None]:
    if value is None and not required:
        return None, None
    if not isinstance(value, str):
        return None, _error(400, "invalid_parameter", "url is required and must be a string", "url")
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None, _error(400, "invalid_parameter", "url must be an absolute http(s) URL", "url")
    return value, None


def _events(value: object) -> tuple[list[str] | None, FakeResponse | None]:
    if value is None:
        return None, None
    known = set(_documented_types())
    if not isinstance(value, list) or not all(isinstance(v, str) and v in known for v in value):
        return None, _error(
            400, "invalid_parameter", "events must be a list of documented event types", "events"
        )
    return list(value), None
