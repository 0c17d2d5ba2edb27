"""The v3 items the fake keeps (assets, groups, looks), how their processing ends, and the
refusals the store raises for the routes to turn into HeyGen's errors."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass, field

__all__ = [
    "COMPLETED",
    "CONSENT_APPROVED",
    "CONSENT_PENDING",
    "FAILED",
    "FILE_HOST",
    "MAX_ASSET_BYTES",
    "PENDING_CONSENT",
    "PROCESSING",
    "Account",
    "Asset",
    "Conflict",
    "Group",
    "Invalid",
    "Look",
    "NotFound",
    "Outcome",
    "Photo",
    "Processing",
    "decode_base64_photo",
]

PROCESSING, PENDING_CONSENT, FAILED, COMPLETED = "processing", "pending_consent", "failed", "completed"
CONSENT_PENDING, CONSENT_APPROVED = "pending", "approved"  # consent_status values of HeyGen's examples
#: HeyGen's documented upload limit, read as binary megabytes [INF: "32 MB" in HeyGen's docs].
MAX_ASSET_BYTES = 32 * 1024 * 1024
FILE_HOST = "https://files.fake-heygen.invalid"  # .invalid: never resolves, never a real host


class NotFound(LookupError):
    """No such asset, group or look in this account."""

    def __init__(self, kind: str, item_id: str, param: str | None = None) -> None:
        super().__init__(f"{kind} {item_id} not found")
        self.kind = kind
        self.item_id = item_id
        self.param = param  # the request field that named it, if any


class Invalid(ValueError):
    """A request the spec allows but the API refuses (an unusable photo, a bad token...)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class Conflict(Exception):
    """The item is not in a state that allows the request (consent for a group that needs none)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Outcome:
    """How a processing ends: ``completed``, ``failed`` (with HeyGen's ``error``) or ``pending_consent``."""

    status: str = COMPLETED
    error_code: str = "avatar_processing_failed"
    error_message: str = "The photo could not be turned into an avatar"

    def __post_init__(self) -> None:
        if self.status not in (COMPLETED, FAILED, PENDING_CONSENT):
            raise ValueError(f"an outcome is completed, failed or pending_consent, not {self.status!r}")


@dataclass
class Processing:
    """One run of processing: started at ``started`` (monotonic), ends after ``seconds``."""

    started: float
    seconds: float
    outcome: Outcome
    failed_after: float | None = None  # seconds after start, once fail() was called

    def status(self, now: float) -> tuple[str, dict[str, str] | None]:
        """The status at ``now`` and, when failed, the ``error`` object."""
        elapsed = now - self.started
        if self.failed_after is not None and elapsed >= self.failed_after:
            return FAILED, self._error()
        if elapsed < self.seconds:
            return PROCESSING, None
        if self.outcome.status == FAILED:
            return FAILED, self._error()
        return self.outcome.status, None

    def _error(self) -> dict[str, str]:
        return {"code": self.outcome.error_code, "message": self.outcome.error_message}


@dataclass
class Asset:
    id: str
    name: str
    mime_type: str
    data: bytes
    uploaded_at: int

    @property
    def url(self) -> str:
        return f"{FILE_HOST}/assets/{self.id}/{self.name}"


@dataclass
class Group:
    id: str
    name: str
    created_at: int
    seq: int
    processing: Processing | None  # None: a public group, without status
    consent_status: str | None = None
    look_ids: list[str] = field(default_factory=list)
    preview_image_url: str | None = None  # the first look's


@dataclass
class Look:
    id: str
    name: str
    group_id: str
    seq: int
    processing: Processing | None
    avatar_type: str = "photo_avatar"
    image_size: tuple[int, int] | None = None
    preview_image_url: str | None = None


@dataclass(frozen=True)
class Photo:
    """A photo as a create request gives it: decoded bytes (asset or base64) or a URL."""

    data: bytes | None
    media_type: str | None
    url: str | None


@dataclass
class Account:
    owner_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # what assets report as owner
    space_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    assets: dict[str, Asset] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    looks: dict[str, Look] = field(default_factory=dict)


def decode_base64_photo(data: str, param: str = "file.data") -> bytes:
    """The bytes of an inline file, or :class:`Invalid` naming ``param``."""
    try:
        decoded = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(f"{param} is not valid base64", param) from None
    if not decoded:
        raise Invalid(f"{param} is empty", param)
    if len(decoded) > MAX_ASSET_BYTES:
        raise Invalid(f"{param} decodes to more than {MAX_ASSET_BYTES} bytes", param)
    return decoded
