"""Which events may concern a wait: a guess that can only cost latency, never correctness.

A wait that is given events polls as soon as one arrives that *may* be about its avatar, and
the status call decides. So the rule is generous on purpose, and when it is wrong the cost is
one extra status call (too generous) or the slow safety-net pace (too strict).

HeyGen publishes no payload for avatar events, so the default rule does not assume field
names: an avatar-related event type (or one HeyGen added after this SDK was written) whose
`event_data` holds one of the wait's ids as a string value, at any depth.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeAlias

from ._event import WebhookEvent, WebhookEventType

__all__ = ["AVATAR_EVENT_TYPES", "EventRule", "may_concern"]

EventRule: TypeAlias = Callable[[WebhookEvent, Collection[str]], bool]
"""`rule(event, ids) -> bool`: may `event` be about the avatar known by any of `ids`?"""

AVATAR_EVENT_TYPES = frozenset(
    {
        WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS,
        WebhookEventType.PHOTO_AVATAR_TRAIN_FAIL,
        WebhookEventType.PHOTO_AVATAR_GENERATION_SUCCESS,
        WebhookEventType.PHOTO_AVATAR_GENERATION_FAIL,
        WebhookEventType.PHOTO_AVATAR_ADD_MOTION_SUCCESS,
        WebhookEventType.PHOTO_AVATAR_ADD_MOTION_FAIL,
        WebhookEventType.INSTANT_AVATAR_SUCCESS,
        WebhookEventType.INSTANT_AVATAR_FAIL,
        WebhookEventType.UNKNOWN,
    }
)
_MAX_DEPTH = 8


def may_concern(event: WebhookEvent, ids: Collection[str]) -> bool:
    """The default rule: an avatar event type (or an unknown one) that mentions one of `ids`.

    Args:
        event: A verified event.
        ids: What the wait knows its avatar by (a v2 group id; a v3 group id and look ids).
    """
    if event.event_type not in AVATAR_EVENT_TYPES:
        return False
    wanted = set(ids)
    return bool(wanted) and _mentions(event.data, wanted, 0)


def _mentions(value: Any, wanted: set[str], depth: int) -> bool:
    if isinstance(value, str):
        return value in wanted
    if depth >= _MAX_DEPTH:
        return False
    if isinstance(value, Mapping):
        return any(_mentions(v, wanted, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, wanted, depth + 1) for v in value)
    return False
