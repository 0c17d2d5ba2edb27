"""Results of the v3 avatar and asset calls: frozen, typed, flat, and convertible to plain dicts.

Fields HeyGen may leave out or send as null are None here, never a sentinel; timestamps are
aware UTC datetimes; statuses are enums with UNKNOWN for values newer than this SDK, the value
itself kept in `raw_status`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from ._serialize import DictMixin

__all__ = [
    "Asset",
    "AvatarConsent",
    "AvatarCreation",
    "AvatarGroup",
    "AvatarLook",
    "AvatarStatus",
    "AvatarType",
    "FailureReason",
    "UploadedAsset",
]


class AvatarStatus(enum.StrEnum):
    """Where a v3 avatar group or look is in its life.

    `completed` is the only success; `pending_consent` needs the owner's consent before training
    goes on; UNKNOWN stands for a value HeyGen added after this SDK was released.
    """

    PROCESSING = "processing"
    PENDING_CONSENT = "pending_consent"
    FAILED = "failed"
    COMPLETED = "completed"
    UNKNOWN = "unknown"

    @property
    def is_terminal(self) -> bool:
        """True when waiting longer cannot change the outcome by itself."""
        return self in (AvatarStatus.COMPLETED, AvatarStatus.FAILED, AvatarStatus.PENDING_CONSENT)


class AvatarType(enum.StrEnum):
    """The kind of avatar a look belongs to, with UNKNOWN for kinds newer than this SDK."""

    STUDIO_AVATAR = "studio_avatar"
    DIGITAL_TWIN = "digital_twin"
    PHOTO_AVATAR = "photo_avatar"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FailureReason(DictMixin):
    """Why HeyGen could not make an avatar or look (its `error` object, sent with `failed`)."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class AvatarGroup(DictMixin):
    """An avatar group (HeyGen's "avatar"): one person or character, holding one or more looks.

    Attributes:
        id: The group id: wait on it, list its looks, delete it.
        name: Its name.
        created_at: When it was created (aware, UTC).
        looks_count: How many looks it holds.
        status: Its training status; None for avatars that have none (public ones).
        raw_status: HeyGen's status string as sent (kept when `status` is UNKNOWN), or None.
        error: Why it failed, when `status` is FAILED.
        consent_status: HeyGen's consent state (`approved`, ...), None when none is needed.
        gender, default_voice_id, preview_image_url, preview_video_url: as HeyGen sent them.
    """

    id: str
    name: str
    created_at: datetime
    looks_count: int
    status: AvatarStatus | None = None
    raw_status: str | None = None
    error: FailureReason | None = None
    consent_status: str | None = None
    gender: str | None = None
    default_voice_id: str | None = None
    preview_image_url: str | None = None
    preview_video_url: str | None = None


@dataclass(frozen=True, slots=True)
class AvatarLook(DictMixin):
    """One look of an avatar group: an outfit, pose or setting, and what videos are made with.

    Attributes:
        id: The look id (the avatar id videos are made with).
        name: Its name.
        avatar_type: What kind of avatar it is; UNKNOWN for kinds newer than this SDK.
        group_id: The group it belongs to, if HeyGen said.
        status, raw_status, error: As for `AvatarGroup`, for this look alone.
        tags, supported_api_engines: Empty when HeyGen sent none.
        image_width, image_height: The look's image size in pixels, if known.
        preferred_orientation: `portrait`, `landscape` or `square`, if HeyGen said.
    """

    id: str
    name: str
    avatar_type: AvatarType
    group_id: str | None = None
    status: AvatarStatus | None = None
    raw_status: str | None = None
    error: FailureReason | None = None
    gender: str | None = None
    default_voice_id: str | None = None
    preview_image_url: str | None = None
    preview_video_url: str | None = None
    image_width: int | None = None
    image_height: int | None = None
    preferred_orientation: str | None = None
    tags: tuple[str, ...] = ()
    supported_api_engines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AvatarCreation(DictMixin):
    """What creating an avatar returns: the new look, and the group it is in.

    With `wait=True` both are as they were when the wait ended (`completed`).

    Attributes:
        look: The new look.
        group: Its group (new, or the one passed as `group_id`); None if HeyGen did not send it.
        photo_sent_as: How the photo travelled: `"url"`, `"asset_id"` (uploaded first, or an
            asset passed in) or `"base64"` (inline in the create request); None for prompt looks.
    """

    look: AvatarLook
    group: AvatarGroup | None
    photo_sent_as: str | None = None

    @property
    def group_id(self) -> str:
        """The group's id: wait on it with `client.avatars.wait_until_ready(creation.group_id)`."""
        if self.group is not None:
            return self.group.id
        assert self.look.group_id is not None, "checked when the answer was read"
        return self.look.group_id


@dataclass(frozen=True, slots=True)
class AvatarConsent(DictMixin):
    """The answer to a consent request: the group, and HeyGen's consent page if it gave one."""

    group: AvatarGroup
    url: str | None = None


@dataclass(frozen=True, slots=True)
class UploadedAsset(DictMixin):
    """A file uploaded with `client.assets.upload`; pass it as `photo=` to use it.

    Attributes:
        asset_id: HeyGen's id for the file.
        url: Where HeyGen serves it.
        mime_type: Its content type, as HeyGen recorded it.
        size_bytes: Its size.
    """

    asset_id: str
    url: str
    mime_type: str
    size_bytes: int


@dataclass(frozen=True, slots=True)
class Asset(DictMixin):
    """An asset as `client.assets.retrieve` describes it; pass it as `photo=` to use it.

    Attributes:
        id: HeyGen's id for the file (the same as an upload's `asset_id`).
        name, type, owner, space_id: As HeyGen sent them.
        uploaded_at: When it was uploaded (aware, UTC).
        folder_id, url: As HeyGen sent them, or None.
    """

    id: str
    name: str
    type: str
    owner: str
    space_id: str
    uploaded_at: datetime
    folder_id: str | None = None
    url: str | None = None

    @property
    def asset_id(self) -> str:
        """The same as `id`, under the name an upload uses."""
        return self.id


# Shown as `heygen.X` in reprs and tracebacks, like the names `heygen/__init__.py` imports (these
# are imported on first use, so they cannot be renamed there).
for _public in __all__:
    globals()[_public].__module__ = "heygen"
del _public
