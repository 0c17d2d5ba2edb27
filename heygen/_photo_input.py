"""Turns what a caller passes as a photo (or consent video) into HeyGen's tagged file object.

HeyGen takes `{"type": "url", "url"}`, `{"type": "asset_id", "asset_id"}` or
`{"type": "base64", "media_type", "data"}`. Accepted here, and what each becomes:

    pathlib.Path, bytes, binary file   up to 1 MiB: base64, inline in the create request;
                                       larger: uploaded first (POST /v3/assets), then asset_id
    str                                must be an https:// URL: url (HeyGen downloads it)
    UploadedAsset or Asset             asset_id

Any other str is refused: a str is never guessed to be a path or an id.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._avatar_types import Asset, UploadedAsset
from ._constants import INLINE_PHOTO_MAX_BYTES
from ._uploads import ACCEPTED_FILES, UploadFile, open_upload


@dataclass
class FileInput:
    """A photo ready for the request: either its `field` now, or an `upload` to do first."""

    field: dict[str, str] | None
    upload: UploadFile | None
    sent_as: str

    def after_upload(self, asset: UploadedAsset) -> dict[str, str]:
        """The field once `upload` has become `asset` on HeyGen."""
        return {"type": "asset_id", "asset_id": asset.asset_id}


def _accepted(what: str) -> str:
    return (
        f"{what} must be an https:// URL (str), {ACCEPTED_FILES}, or an UploadedAsset/Asset "
        "from client.assets"
    )


def _url(value: str, what: str) -> str:
    if not value.lower().startswith("https://"):
        hint = ""
        if not value.lower().startswith("http://") and "://" not in value:
            hint = f"; for a local file pass pathlib.Path({value[:60]!r})"
        elif value.lower().startswith("http://"):
            hint = "; HeyGen fetches over https only"
        raise ValueError(f"{what} {value[:80]!r} is not accepted: {_accepted(what)}{hint}")
    # The standard library's split is enough to catch what HeyGen could not fetch (a bad port or
    # IPv6 literal, control characters, no host), at a twentieth of the cost of `httpx.URL`.
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError:
        parts = None
    if parts is None or not value.isprintable():
        raise ValueError(f"{what} {value[:80]!r} is not a valid URL")
    if not parts.hostname:
        raise ValueError(f"{what} {value[:80]!r} has no host")
    return value


def file_input(value: object, *, what: str = "photo", media: str = "image") -> FileInput:
    """`value` as HeyGen's file object, or TypeError/ValueError before anything is sent.

    Args:
        what: The argument's name, for messages.
        media: The content type's major part the file must have (`image` for photos, `video`).
    """
    if isinstance(value, UploadedAsset):
        return FileInput({"type": "asset_id", "asset_id": value.asset_id}, None, "asset_id")
    if isinstance(value, Asset):
        return FileInput({"type": "asset_id", "asset_id": value.id}, None, "asset_id")
    if isinstance(value, str):
        return FileInput({"type": "url", "url": _url(value, what)}, None, "url")
    if value is None or isinstance(value, int | float | dict | list | tuple):
        raise TypeError(f"{_accepted(what)}; got {type(value).__name__}")
    upload = open_upload(value, what=what)
    try:
        if not upload.content_type.startswith(media + "/"):
            raise ValueError(
                f"{what} does not look like an {media} file (content type {upload.content_type!r}, from "
                f"{'its name' if upload.filename and '.' in upload.filename else 'its first bytes'}): "
                f"pass an {media} file such as "
                + ("JPEG, PNG or WebP" if media == "image" else "MP4 or WebM")
            )
        if upload.size <= INLINE_PHOTO_MAX_BYTES:
            data = base64.b64encode(upload.read_all()).decode("ascii")
            upload.close()
            return FileInput(
                {"type": "base64", "media_type": upload.content_type, "data": data}, None, "base64"
            )
    except BaseException:
        upload.close()
        raise
    return FileInput(None, upload, "asset_id")
