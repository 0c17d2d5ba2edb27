"""The fake's webhooks: endpoints per account, the events it fired, and signed deliveries.

An event is recorded when something the fake runs finishes (a v2 training turning ``ready``
or ``failed``), then POSTed over real HTTP to every enabled endpoint of that account that
subscribes to its type, signed as HeyGen signs (hex HMAC-SHA256 of the body, keyed with the
endpoint's secret, in ``Heygen-Signature``, beside ``Heygen-Timestamp`` and ``Heygen-Event-Id``).

A delivery succeeds on a 2xx within 10 seconds. Otherwise it is retried on the fake's clock:
[FAKE'S CHOICE] after 10 s, then twice as long each time up to an hour apart, until 24 hours
after the first attempt. HeyGen says only "exponential backoff for up to 24 hours".

[FAKE'S CHOICE] HeyGen publishes no payload for photo-avatar events. The fake's v2 training
events carry ``{"group_id", "flow_id", "status"}`` (and ``"error_msg"`` on failure) as
``event_data``: test code should not rely on more than the ids a wait's rule looks for.

Deliveries run outside the fake's lock, on whichever thread moves the clock (a ``FakeClock``
runs them inside ``advance``) or on a timer thread (the system clock), so the receiving
server must answer from another thread.
"""

from __future__ import annotations

import collections
import json
import logging
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from heygen.testing._clock import Clock

__all__ = ["DeliveryAttempt", "Endpoint", "FiredEvent", "WebhookHub"]

_logger = logging.getLogger("heygen.testing")
DELIVERY_TIMEOUT = 10.0
FIRST_RETRY = 10.0
MAX_RETRY_GAP = 3600.0
RETRY_FOR = 24 * 3600.0


def iso(unix: float) -> str:
    return datetime.fromtimestamp(unix, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Endpoint:
    """A registered endpoint. ``secret`` is shown by the API only on create and rotate."""

    endpoint_id: str
    url: str
    events: list[str] | None
    secret: str = field(repr=False)
    created_at: str
    entity_id: str | None = None
    status: str = "enabled"

    def wants(self, event_type: str, entity_id: str | None) -> bool:
        if self.status != "enabled" or (self.events is not None and event_type not in self.events):
            return False
        return self.entity_id is None or self.entity_id == entity_id

    def public(self, *, with_secret: bool = False) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "endpoint_id": self.endpoint_id,
            "url": self.url,
            "events": self.events,
            "status": self.status,
            "created_at": self.created_at,
            # HeyGen: the secret is returned on create and rotate only, and null elsewhere.
            "secret": self.secret if with_secret else None,
        }
        return shown


@dataclass(frozen=True)
class FiredEvent:
    """An event the fake fired, as ``GET /v3/webhooks/events`` lists it."""

    event_id: str
    event_type: str
    event_data: dict[str, Any]
    created_at: str
    entity_id: str | None

    def document(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "event_type": self.event_type,
            "event_data": self.event_data,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class DeliveryAttempt:
    """One POST of an event to an endpoint (or one the test asked the fake to lose)."""

    event_id: str
    endpoint_id: str
    url: str
    attempt: int
    at: float  # the clock's monotonic() when sent
    status: int | None  # the receiver's HTTP status; None if no answer
    outcome: str  # "delivered", "failed: ...", or "dropped"


class WebhookHub:
    """Endpoints and events per API key, and the delivery engine. Thread-safe."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._endpoints: dict[str, dict[str, Endpoint]] = collections.defaultdict(dict)
        self._events: dict[str, list[FiredEvent]] = collections.defaultdict(list)
        self._drop = 0
        #: Every delivery attempt so far, oldest first.
        self.attempts: list[DeliveryAttempt] = []

    # --- endpoints -------------------------------------------------------------------------
    def create(self, api_key: str, url: str, events: list[str] | None, entity_id: str | None) -> Endpoint:
        endpoint = Endpoint(
            endpoint_id=f"ep_{uuid.uuid4().hex[:16]}",
            url=url,
            events=events,
            secret=f"whsec_{secrets.token_urlsafe(24)}",
            created_at=iso(self._clock.time()),
            entity_id=entity_id,
        )
        with self._lock:
            self._endpoints[api_key][endpoint.endpoint_id] = endpoint
        return endpoint

    def endpoints(self, api_key: str) -> list[Endpoint]:
        with self._lock:
            return list(self._endpoints[api_key].values())

    def get(self, api_key: str, endpoint_id: str) -> Endpoint | None:
        with self._lock:
            return self._endpoints[api_key].get(endpoint_id)

    def delete(self, api_key: str, endpoint_id: str) -> bool:
        with self._lock:
            return self._endpoints[api_key].pop(endpoint_id, None) is not None

    def rotate(self, endpoint: Endpoint) -> str:
        with self._lock:
            endpoint.secret = f"whsec_{secrets.token_urlsafe(24)}"
            return endpoint.secret

    def fired(self, api_key: str) -> list[FiredEvent]:
        with self._lock:
            return list(self._events[api_key])

    # --- firing and delivering -------------------------------------------------------------
    def drop_next(self, times: int) -> None:
        """Lose the next ``times`` delivery attempts on the way (never retried: as if delivered)."""
        with self._lock:
            self._drop += times

    def fire(self, api_key: str, event_type: str, data: dict[str, Any], entity_id: str | None) -> FiredEvent:
        """Record an event and deliver it to every endpoint that wants it (blocking, no lock held)."""
        event = FiredEvent(f"evt_{uuid.uuid4().hex}", event_type, data, iso(self._clock.time()), entity_id)
        with self._lock:
            self._events[api_key].append(event)
            targets = [e for e in self._endpoints[api_key].values() if e.wants(event_type, entity_id)]
        body = json.dumps(event.document(), separators=(",", ":")).encode()
        for endpoint in targets:
            self._attempt(endpoint, event.event_id, body, 1, self._clock.monotonic())
        return event

    def _attempt(self, endpoint: Endpoint, event_id: str, body: bytes, attempt: int, first_at: float) -> None:
        from heygen.webhooks import sign

        now = self._clock.monotonic()
        with self._lock:
            dropped = self._drop > 0
            self._drop -= dropped
            secret = endpoint.secret
        status: int | None = None
        if dropped:
            outcome = "dropped"
        else:
            headers = {
                "Content-Type": "application/json",
                "User-Agent": "heygen-fake-webhooks",
                "Heygen-Signature": sign(body, secret),
                "Heygen-Timestamp": str(int(self._clock.time())),
                "Heygen-Event-Id": event_id,
            }
            try:
                with httpx.Client(timeout=DELIVERY_TIMEOUT, follow_redirects=False) as http:
                    status = http.post(endpoint.url, content=body, headers=headers).status_code
                outcome = "delivered" if 200 <= status < 300 else f"failed: HTTP {status}"
            except httpx.HTTPError as error:
                outcome = f"failed: {type(error).__name__}"
        with self._lock:
            self.attempts.append(
                DeliveryAttempt(event_id, endpoint.endpoint_id, endpoint.url, attempt, now, status, outcome)
            )
        if not outcome.startswith("failed"):
            return
        gap = min(FIRST_RETRY * 2 ** (attempt - 1), MAX_RETRY_GAP)
        if now + gap - first_at > RETRY_FOR:
            _logger.info("giving up delivering %s to %s after %d attempts", event_id, endpoint.url, attempt)
            return
        self.schedule(now + gap, lambda: self._attempt(endpoint, event_id, body, attempt + 1, first_at))

    def schedule(self, when: float, callback: Callable[[], object]) -> None:
        """Run ``callback`` at ``when`` on the clock: a ``FakeClock``'s timer, or a real thread."""
        call_at = getattr(self._clock, "call_at", None)
        if callable(call_at):
            call_at(when, callback)
            return
        timer = threading.Timer(max(0.0, when - self._clock.monotonic()), callback)
        timer.daemon = True
        timer.start()
