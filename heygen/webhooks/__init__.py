"""Receive HeyGen's webhook events: verify deliveries, de-duplicate them, feed them to waits.

>>> import heygen.webhooks
>>> event = heygen.webhooks.verify(raw_body, request.headers, secret=os.environ["HEYGEN_WEBHOOK_SECRET"])
>>> if seen.claim(event.event_id):  # seen = heygen.webhooks.InMemoryDeduplicator()
...     feed.publish(event)          # feed = heygen.webhooks.EventFeed(), given to waits

Framework-agnostic: pass the raw body bytes and the headers from any web framework (see the
webhooks guide for FastAPI/Starlette, Flask and Django handlers). Only the standard library is
used here; `import heygen` does not import this package.
"""

from .._exceptions import WebhookVerificationError
from ._dedup import EventDeduplicator, InMemoryDeduplicator
from ._endpoint import EventTypeInfo, WebhookEndpoint, WebhookSecret
from ._event import AvatarVideoEventData, WebhookEvent, WebhookEventType
from ._feed import EventFeed
from ._relevance import AVATAR_EVENT_TYPES, EventRule, may_concern
from ._verify import (
    DEFAULT_TOLERANCE,
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Headers,
    sign,
    verify,
)

__all__ = [
    "AVATAR_EVENT_TYPES",
    "DEFAULT_TOLERANCE",
    "EVENT_ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "AvatarVideoEventData",
    "EventDeduplicator",
    "EventFeed",
    "EventRule",
    "EventTypeInfo",
    "Headers",
    "InMemoryDeduplicator",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookSecret",
    "WebhookVerificationError",
    "may_concern",
    "sign",
    "verify",
]

for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__.startswith("heygen.webhooks._"):
        _value.__module__ = __name__
del _name, _value
