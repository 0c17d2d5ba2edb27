"""Checks on the arguments of the v3 calls, and the request bodies built from them.

Everything here runs before any request, so a bad argument costs nothing and says how to fix it.
Shared by the sync and async resources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._photo_input import FileInput, file_input
from ._resources import MAX_GROUP_ID_LENGTH

MAX_PAGE_SIZE = 50
MAX_REFERENCE_IMAGES = 3


def validate_id(value: object, name: str) -> str:
    """An id as HeyGen issues it (`group_id`, `look_id`, `asset_id`); anything else fails here."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}: {value!r}")
    if not value or value != value.strip():
        raise ValueError(
            f"{name} {value!r} is empty or has surrounding whitespace: "
            "pass the id exactly as HeyGen returned it"
        )
    if len(value) > MAX_GROUP_ID_LENGTH:
        raise ValueError(f"{name} is {len(value)} characters long; pass the id HeyGen returned, not data")
    if value in (".", ".."):
        raise ValueError(f"{name} {value!r} is not a valid id (it would name a different URL path)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name} {value!r} is not valid Unicode text (it has a lone surrogate)") from None
    return value


def validate_text(value: object, name: str) -> str:
    """A required, non-blank text argument (a name, a prompt)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def optional_text(value: object, name: str) -> str | None:
    return None if value is None else validate_text(value, name)


def validate_limit(limit: object) -> int | None:
    """A page size HeyGen accepts (1 to 50), or None for HeyGen's default."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an int, got {type(limit).__name__}")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be from 1 to {MAX_PAGE_SIZE} (items per page), got {limit}")
    return limit


def reference_inputs(images: object) -> list[FileInput]:
    """The prompt's reference images (at most 3), each as a photo is."""
    if images is None:
        return []
    if isinstance(images, str | bytes) or not isinstance(images, Sequence):
        raise TypeError("reference_images must be a list of photos (URLs, paths, bytes, files or assets)")
    if len(images) > MAX_REFERENCE_IMAGES:
        raise ValueError(f"reference_images takes at most {MAX_REFERENCE_IMAGES} images, got {len(images)}")
    inputs: list[FileInput] = []
    try:
        for index, image in enumerate(images):
            inputs.append(file_input(image, what=f"reference_images[{index}]"))
    except BaseException:
        for done in inputs:
            if done.upload is not None:
                done.upload.close()
        raise
    return inputs


def photo_body(name: str, file: dict[str, str], group_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "photo", "name": name, "file": file}
    if group_id is not None:
        body["avatar_group_id"] = group_id
    return body


def prompt_body(
    name: str,
    prompt: str,
    group_id: str | None,
    reference_avatar_id: str | None,
    images: list[dict[str, str]],
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "prompt", "name": name, "prompt": prompt}
    if group_id is not None:
        body["avatar_group_id"] = group_id
    if reference_avatar_id is not None:
        body["avatar_id"] = reference_avatar_id
    if images:
        body["reference_images"] = images
    return body


def consent_body(
    consent_text: str | None, consent_video: dict[str, str] | None, reroute_url: str | None
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if consent_text is not None:
        body["consent_text"] = consent_text
    if consent_video is not None:
        body["consent_video"] = consent_video
    if reroute_url is not None:
        body["reroute_url"] = reroute_url
    return body
