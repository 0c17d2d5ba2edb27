"""`WebhookEvent`: one verified delivery, read from its body once the signature has matched.

HeyGen documents the body's four fields (`event_id`, `event_type`, `event_data`, `created_at`)
and the list of event types, but publishes a payload for only one type (`avatar_video.success`,
and that only through a community transcription of the docs' example). So `data` is the raw
`event_data` object for every type, and the one typed view, `avatar_video()`, is lenient: a
field missing from a real payload reads as None rather than failing the delivery.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .._exceptions import WebhookVerificationError

__all__ = ["AvatarVideoEventData", "WebhookEvent", "WebhookEventType", "parse_event"]


class WebhookEventType(enum.StrEnum):
    """The event types HeyGen documents (its endpoint schema's enum, July 2026).

    A type HeyGen adds later reads as `UNKNOWN`, with the text kept in
    `WebhookEvent.raw_event_type`, so a new type never fails a delivery.
    """

    AVATAR_VIDEO_SUCCESS = "avatar_video.success"
    AVATAR_VIDEO_FAIL = "avatar_video.fail"
    AVATAR_VIDEO_GIF_SUCCESS = "avatar_video_gif.success"
    AVATAR_VIDEO_GIF_FAIL = "avatar_video_gif.fail"
    VIDEO_TRANSLATE_SUCCESS = "video_translate.success"
    VIDEO_TRANSLATE_FAIL = "video_translate.fail"
    VIDEO_TRANSLATE_PREFLIGHT_VALIDATION_FAILED = "video_translate.preflight.validation_failed"
    VIDEO_TRANSLATE_PREFLIGHT_DOWNLOAD_FAILED = "video_translate.preflight.download_failed"
    PERSONALIZED_VIDEO = "personalized_video"
    INSTANT_AVATAR_SUCCESS = "instant_avatar.success"
    INSTANT_AVATAR_FAIL = "instant_avatar.fail"
    PHOTO_AVATAR_GENERATION_SUCCESS = "photo_avatar_generation.success"
    PHOTO_AVATAR_GENERATION_FAIL = "photo_avatar_generation.fail"
    PHOTO_AVATAR_TRAIN_SUCCESS = "photo_avatar_train.success"
    PHOTO_AVATAR_TRAIN_FAIL = "photo_avatar_train.fail"
    PHOTO_AVATAR_ADD_MOTION_SUCCESS = "photo_avatar_add_motion.success"
    PHOTO_AVATAR_ADD_MOTION_FAIL = "photo_avatar_add_motion.fail"
    PROOFREAD_CREATION_SUCCESS = "proofread_creation.success"
    PROOFREAD_CREATION_FAIL = "proofread_creation.fail"
    LIVE_AVATAR_SUCCESS = "live_avatar.success"
    LIVE_AVATAR_FAIL = "live_avatar.fail"
    AVATAR_VIDEO_CAPTION_SUCCESS = "avatar_video_caption.success"
    AVATAR_VIDEO_CAPTION_FAIL = "avatar_video_caption.fail"
    VIDEO_AGENT_SUCCESS = "video_agent.success"
    VIDEO_AGENT_FAIL = "video_agent.fail"
    HYPERFRAMES_VIDEO_SUCCESS = "hyperframes_video.success"
    HYPERFRAMES_VIDEO_FAIL = "hyperframes_video.fail"
    AI_CLIPPING_SUCCESS = "ai_clipping.success"
    AI_CLIPPING_FAIL = "ai_clipping.fail"
    BATCH_FINISHED = "batch.finished"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: str) -> WebhookEventType:
        """The member for `value`; `UNKNOWN` for a type not documented here."""
        try:
            member = cls(value)
        except ValueError:
            return cls.UNKNOWN
        return member

    @property
    def is_terminal_failure(self) -> bool:
        """A `.fail` (or preflight failure) type: the job it is about did not succeed."""
        return self.value.endswith((".fail", "_failed"))


@dataclass(frozen=True, slots=True)
class AvatarVideoEventData:
    """A typed view of an `avatar_video.*` event's data, from the one published example.

    Every field is optional: the shape comes from a community transcription of HeyGen's docs.
    """

    video_id: str | None
    url: str | None
    gif_download_url: str | None
    video_page_url: str | None
    video_share_page_url: str | None
    folder_id: str | None
    callback_id: str | None


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """A webhook delivery whose signature was verified.

    Attributes:
        event_id: The body's `event_id`. It is covered by the signature, unlike the
            `Heygen-Event-Id` header, so de-duplicate on this.
        event_type: The documented type, or `WebhookEventType.UNKNOWN`.
        raw_event_type: The type exactly as sent.
        created_at: When HeyGen created the event (timezone-aware, UTC).
        data: The raw `event_data` object. Its shape is not published for avatar events.
        delivery_id: The `Heygen-Event-Id` header (not signed: informational only).
        delivered_at: The `Heygen-Timestamp` header, when this attempt was sent (not signed).
    """

    event_id: str
    event_type: WebhookEventType
    raw_event_type: str
    created_at: datetime
    data: Mapping[str, Any] = field(repr=False)
    delivery_id: str | None = None
    delivered_at: datetime | None = None

    def avatar_video(self) -> AvatarVideoEventData | None:
        """The typed view for `avatar_video.success` / `.fail` events; None for other types."""
        if self.event_type not in (WebhookEventType.AVATAR_VIDEO_SUCCESS, WebhookEventType.AVATAR_VIDEO_FAIL):
            return None
        return AvatarVideoEventData(
            **{name: _text(self.data.get(name)) for name in AvatarVideoEventData.__dataclass_fields__}
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _not_an_event(why: str) -> WebhookVerificationError:
    return WebhookVerificationError(
        f"The signature is valid but the body is not a HeyGen event: {why}.", reason="not_an_event"
    )


def parse_created_at(value: object) -> datetime:
    """ISO 8601 text (a naive one is taken as UTC) or Unix seconds, as an aware UTC datetime."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _not_an_event("created_at is not an ISO 8601 timestamp") from None
    elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        try:
            moment = datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            raise _not_an_event("created_at is out of range") from None
    else:
        raise _not_an_event("created_at is missing or not a timestamp")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_event(body: bytes, *, delivery_id: str | None, delivered_at: datetime | None) -> WebhookEvent:
    """Read a body already proven to come from HeyGen. Raises `WebhookVerificationError`."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise _not_an_event("it is not JSON") from None
    if not isinstance(document, dict):
        raise _not_an_event(f"it is a JSON {type(document).__name__}, not an object")
    event_id, event_type, data = (document.get(k) for k in ("event_id", "event_type", "event_data"))
    if not isinstance(event_id, str) or not event_id:
        raise _not_an_event("event_id is missing or not a non-empty string")
    if not isinstance(event_type, str) or not event_type:
        raise _not_an_event("event_type is missing or not a non-empty string")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _not_an_event("event_data is not an object")
    return WebhookEvent(
        event_id=event_id,
        event_type=WebhookEventType.parse(event_type),
        raw_event_type=event_type,
        created_at=parse_created_at(document.get("created_at")),
        data=data,
        delivery_id=delivery_id,
        delivered_at=delivered_at,
    )
