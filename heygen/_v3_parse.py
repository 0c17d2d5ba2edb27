"""Reads v3 answers (`{"data": ...}`) into the facade's results, checking each field's type.

A field of the wrong type raises `ShapeError` naming its path (`data.avatar_group.created_at`);
the adapter turns that into `APIResponseValidationError` with the response attached. Unknown
extra fields are ignored, as HeyGen may add some at any time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from ._avatar_types import (
    Asset,
    AvatarConsent,
    AvatarCreation,
    AvatarGroup,
    AvatarLook,
    AvatarStatus,
    AvatarType,
    FailureReason,
    UploadedAsset,
)
from ._serialize import DictMixin

logger = logging.getLogger("heygen")
T = TypeVar("T")
_STATUSES = {s.value: s for s in AvatarStatus if s is not AvatarStatus.UNKNOWN}
_TYPES = {t.value: t for t in AvatarType if t is not AvatarType.UNKNOWN}
_logged_unknown: set[str] = set()


class ShapeError(Exception):
    """The answer is not the documented shape at `path`."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path} {problem}")


def _object(value: object, path: str) -> Mapping[str, Any]:
    if type(value) is dict:  # what JSON decodes to: skip the slower abstract Mapping check
        return value
    if not isinstance(value, Mapping):
        raise ShapeError(path, f"is {type(value).__name__}, not an object")
    return value


def _str(data: Mapping[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ShapeError(f"{path}.{key}", "is missing" if value is None else f"is {value!r}, not text")
    return value


def _opt_str(data: Mapping[str, Any], key: str, path: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ShapeError(f"{path}.{key}", f"is {value!r}, not text")
    return value


def _strs(data: Mapping[str, Any], keys: tuple[str, ...], path: str) -> list[str]:
    """Several required text fields in one pass, cheaper than a call per field on every read of
    a look; a bad value goes through `_str` for its message."""
    values = [data.get(key) for key in keys]
    for key, value in zip(keys, values, strict=True):
        if type(value) is not str:
            _str(data, key, path)
    return cast("list[str]", values)  # each one checked above


def _opt_strs(data: Mapping[str, Any], keys: tuple[str, ...], path: str) -> list[str | None]:
    """Several optional text fields in one pass, as `_strs`."""
    values = [data.get(key) for key in keys]
    for key, value in zip(keys, values, strict=True):
        if value is not None and type(value) is not str:
            _opt_str(data, key, path)
    return values


def _int(data: Mapping[str, Any], key: str, path: str) -> int:
    value = data.get(key)
    if value is None:
        raise ShapeError(f"{path}.{key}", "is missing")
    return _check_int(value, f"{path}.{key}")


def _opt_int(data: Mapping[str, Any], key: str, path: str) -> int | None:
    value = data.get(key)
    return None if value is None else _check_int(value, f"{path}.{key}")


def _check_int(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(path, f"is {value!r}, not a whole number")
    return value


def _time(data: Mapping[str, Any], key: str, path: str) -> datetime:
    value = data.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    raise ShapeError(f"{path}.{key}", "is missing" if value is None else f"is {value!r}, not Unix seconds")


def _strings(data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ShapeError(f"{path}.{key}", f"is {value!r}, not a list of text")
    return tuple(value)


def _status(data: Mapping[str, Any], path: str) -> tuple[AvatarStatus | None, str | None]:
    raw = _opt_str(data, "status", path)
    if raw is None:
        return None, None
    status = _STATUSES.get(raw, AvatarStatus.UNKNOWN)
    if status is AvatarStatus.UNKNOWN and raw not in _logged_unknown:
        _logged_unknown.add(raw)
        logger.warning("HeyGen reported an avatar status this SDK does not know: %r", raw)
    return status, raw


def _failure(data: Mapping[str, Any], path: str) -> FailureReason | None:
    value = data.get("error")
    if value is None:
        return None
    error = _object(value, f"{path}.error")
    return FailureReason(
        code=_str(error, "code", f"{path}.error"), message=_str(error, "message", f"{path}.error")
    )


_GROUP_TEXT = ("id", "name")
_GROUP_OPTIONAL_TEXT = (
    "consent_status", "gender", "default_voice_id", "preview_image_url", "preview_video_url",
)  # fmt: skip


_LAST_TIMESTAMP = 253402300799  # 9999-12-31T23:59:59Z, the last second `datetime` can hold


class _GroupDraft(DictMixin):
    """An `AvatarGroup` being filled in: the same slots, without the frozen dataclass's guard.

    A frozen dataclass's `__init__` sets each of its 12 fields through `object.__setattr__`. A
    draft is filled with plain attribute stores, then becomes an `AvatarGroup` by `__class__`
    assignment, which Python allows between classes of the same layout (and refuses with a
    TypeError otherwise). It takes under half the time, and a list builds dozens of groups.
    """

    __slots__ = AvatarGroup.__slots__


_become = object.__setattr__
_new_draft = object.__new__


def _new_group(
    ident: str, name: str, created_at: datetime, looks_count: int, status: AvatarStatus | None,
    raw_status: str | None, consent_status: str | None, gender: str | None, voice: str | None,
    image: str | None, video: str | None,
) -> AvatarGroup:  # fmt: skip
    """`AvatarGroup(...)` for values already checked, with no `error`; unit tests hold the two equal."""
    group: Any = _new_draft(_GroupDraft)
    group.id = ident
    group.name = name
    group.created_at = created_at
    group.looks_count = looks_count
    group.status = status
    group.raw_status = raw_status
    group.error = None
    group.consent_status = consent_status
    group.gender = gender
    group.default_voice_id = voice
    group.preview_image_url = image
    group.preview_video_url = video
    _become(group, "__class__", AvatarGroup)
    return cast(AvatarGroup, group)


def _every_field_is_set() -> None:
    """Fails at import if `AvatarGroup` gained a field `_new_group` does not fill in."""
    sample = _new_group("", "", datetime.fromtimestamp(0, UTC), 0, None, None, None, None, None, None, None)
    unset = [field.name for field in fields(AvatarGroup) if not hasattr(sample, field.name)]
    if unset:
        raise RuntimeError(f"_new_group leaves AvatarGroup fields unset: {unset}")


_every_field_is_set()


def group(value: object, path: str = "data") -> AvatarGroup:
    """An `AvatarGroup`, read from a group object.

    A list brings dozens of groups, so the usual one (exact JSON types, a known status, no
    `error`) is read in a single pass; anything else, every wrong shape included, is read by
    `_checked_group`, field by field, which names the field at fault. Both give equal results.
    """
    if type(value) is dict:
        get = value.get
        ident, name, created, count, raw = (
            get("id"), get("name"), get("created_at"), get("looks_count"), get("status")
        )  # fmt: skip
        consent, gender, voice, image, video = (
            get("consent_status"), get("gender"), get("default_voice_id"), get("preview_image_url"),
            get("preview_video_url"),
        )  # fmt: skip
        status = _STATUSES.get(raw) if type(raw) is str else None
        if (
            type(ident) is str
            and type(name) is str
            and type(created) is int
            and 0 <= created <= _LAST_TIMESTAMP
            and type(count) is int
            and (raw is None or status is not None)
            and get("error") is None
            and (consent is None or type(consent) is str)
            and (gender is None or type(gender) is str)
            and (voice is None or type(voice) is str)
            and (image is None or type(image) is str)
            and (video is None or type(video) is str)
        ):
            return _new_group(
                ident, name, datetime.fromtimestamp(created, UTC), count, status, raw,
                consent, gender, voice, image, video,
            )  # fmt: skip
    return _checked_group(value, path)


def _checked_group(value: object, path: str) -> AvatarGroup:
    data = _object(value, path)
    status, raw = _status(data, path)
    ident, name = _strs(data, _GROUP_TEXT, path)
    consent_status, gender, voice, image, video = _opt_strs(data, _GROUP_OPTIONAL_TEXT, path)
    return AvatarGroup(
        id=ident,
        name=name,
        created_at=_time(data, "created_at", path),
        looks_count=_int(data, "looks_count", path),
        status=status,
        raw_status=raw,
        error=_failure(data, path),
        consent_status=consent_status,
        gender=gender,
        default_voice_id=voice,
        preview_image_url=image,
        preview_video_url=video,
    )


_LOOK_TEXT = ("id", "name", "avatar_type")
_LOOK_OPTIONAL_TEXT = (
    "group_id", "gender", "default_voice_id", "preview_image_url", "preview_video_url",
    "preferred_orientation",
)  # fmt: skip


def look(value: object, path: str = "data") -> AvatarLook:
    data = _object(value, path)
    status, raw = _status(data, path)
    ident, name, avatar_type = _strs(data, _LOOK_TEXT, path)
    group_id, gender, voice, image, video, orientation = _opt_strs(data, _LOOK_OPTIONAL_TEXT, path)
    return AvatarLook(
        id=ident,
        name=name,
        avatar_type=_TYPES.get(avatar_type, AvatarType.UNKNOWN),
        group_id=group_id,
        status=status,
        raw_status=raw,
        error=_failure(data, path),
        gender=gender,
        default_voice_id=voice,
        preview_image_url=image,
        preview_video_url=video,
        image_width=_opt_int(data, "image_width", path),
        image_height=_opt_int(data, "image_height", path),
        preferred_orientation=orientation,
        tags=_strings(data, "tags", path),
        supported_api_engines=_strings(data, "supported_api_engines", path),
    )


def creation(value: object, path: str = "data", photo_sent_as: str | None = None) -> AvatarCreation:
    data = _object(value, path)
    if data.get("avatar_item") is None:
        raise ShapeError(f"{path}.avatar_item", "is missing: HeyGen did not say which look it created")
    new_look = look(data["avatar_item"], f"{path}.avatar_item")
    new_group = (
        None if data.get("avatar_group") is None else group(data["avatar_group"], f"{path}.avatar_group")
    )
    if new_group is None and new_look.group_id is None:
        raise ShapeError(f"{path}.avatar_group", "is missing, and the look names no group_id")
    return AvatarCreation(look=new_look, group=new_group, photo_sent_as=photo_sent_as)


def consent(value: object, path: str = "data") -> AvatarConsent:
    data = _object(value, path)
    return AvatarConsent(
        group=group(data.get("avatar_group"), f"{path}.avatar_group"), url=_opt_str(data, "url", path)
    )


def uploaded(value: object, path: str = "data") -> UploadedAsset:
    data = _object(value, path)
    size = _int(data, "size_bytes", path)
    return UploadedAsset(
        asset_id=_str(data, "asset_id", path),
        url=_str(data, "url", path),
        mime_type=_str(data, "mime_type", path),
        size_bytes=size,
    )


def asset(value: object, path: str = "data") -> Asset:
    data = _object(value, path)
    return Asset(
        id=_str(data, "id", path),
        name=_str(data, "name", path),
        type=_str(data, "type", path),
        owner=_str(data, "owner", path),
        space_id=_str(data, "space_id", path),
        uploaded_at=_time(data, "uploaded_at", path),
        folder_id=_opt_str(data, "folder_id", path),
        url=_opt_str(data, "url", path),
    )


def deleted(value: object, path: str = "data") -> str:
    return _str(_object(value, path), "id", path)


def data_of(body: object) -> object:
    """The `data` of a v3 success body."""
    return _object(body, "the body").get("data")


def listing(body: object, read: Callable[[object, str], T]) -> tuple[list[T], bool, str | None]:
    """A list answer's items, `has_more` and `next_token`."""
    envelope = _object(body, "the body")
    items = envelope.get("data")
    if not isinstance(items, list):
        raise ShapeError("data", f"is {type(items).__name__}, not a list")
    has_more = envelope.get("has_more", False)
    if not isinstance(has_more, bool):
        raise ShapeError("has_more", f"is {has_more!r}, not true or false")
    token = _opt_str(envelope, "next_token", "the body")
    try:
        values = [read(item, "data[]") for item in items]
    except ShapeError:
        # Read them again with each one's index in the path, so the error names the item at
        # fault: building that path for every item of every good page would cost more.
        for index, item in enumerate(items):
            read(item, f"data[{index}]")
        raise
    return values, has_more, token
