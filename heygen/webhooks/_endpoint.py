"""Results of the endpoint-management calls: endpoints, rotated secrets, event types.

A signing secret is shown by HeyGen twice in an endpoint's life: when it is created and when
its secret is rotated. It is kept in a `SecretStr`, which never shows itself in a repr, so
printing or logging a result cannot leak it; read `.secret` explicitly to store it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .._types import SecretStr

__all__ = ["EventTypeInfo", "WebhookEndpoint", "WebhookSecret"]


@dataclass(frozen=True, slots=True)
class WebhookEndpoint:
    """A URL registered to receive events.

    Attributes:
        endpoint_id: HeyGen's id for it (`ep_...`).
        url: Where HeyGen POSTs the events.
        status: `"enabled"` or `"disabled"` (kept as text: HeyGen may add others).
        created_at: When it was registered (aware, UTC).
        events: The event types it receives; None for all of them.
        secret: The signing secret, only on the result of `create` (None elsewhere). Shown
            once: store it now (say, in HEYGEN_WEBHOOK_SECRET). Never in the repr.
    """

    endpoint_id: str
    url: str
    status: str
    created_at: datetime
    events: tuple[str, ...] | None
    secret: SecretStr | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class WebhookSecret:
    """The new signing secret from `rotate_secret`; the old one stops working at once."""

    endpoint_id: str
    secret: SecretStr = field(repr=False)


@dataclass(frozen=True, slots=True)
class EventTypeInfo:
    """An event type HeyGen can send, and when it fires, in HeyGen's words."""

    event_type: str
    description: str
