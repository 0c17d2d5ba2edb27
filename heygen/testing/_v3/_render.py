"""The fake's v3 items and errors as JSON bodies, in the shapes of HeyGen's v3 schemas.

Success bodies are ``{"data": ...}`` (lists add ``has_more`` and ``next_token``); error bodies are
``{"error": {"code", "message", "param", "doc_url"}}``, ``param`` naming the field at fault when
there is one. Fields HeyGen fills from its own processing (voices, genders, preview videos) are
null: the fake has nothing honest to put there.
"""

from __future__ import annotations

import json

from heygen.testing._v3._state import Asset, Group, Look, Page, Store

__all__ = [
    "Reply",
    "asset_json",
    "error_reply",
    "group_json",
    "json_reply",
    "look_json",
    "page_reply",
    "uploaded_json",
]

Reply = tuple[int, dict[str, str], bytes]


def json_reply(status: int, document: object) -> Reply:
    body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return status, {"Content-Type": "application/json"}, body


def error_reply(status: int, code: str, message: str, param: str | None = None) -> Reply:
    return json_reply(status, {"error": {"code": code, "message": message, "param": param, "doc_url": None}})


def page_reply(page: Page[Group] | Page[Look], store: Store) -> Reply:
    items = [
        group_json(item, store) if isinstance(item, Group) else look_json(item, store) for item in page.items
    ]
    return json_reply(200, {"data": items, "has_more": page.has_more, "next_token": page.next_token})


def uploaded_json(asset: Asset) -> dict[str, object]:
    return {
        "asset_id": asset.id,
        "url": asset.url,
        "mime_type": asset.mime_type,
        "size_bytes": len(asset.data),
    }


def asset_json(asset: Asset, owner: str, space_id: str) -> dict[str, object]:
    return {
        "id": asset.id,
        "name": asset.name,
        "type": asset.mime_type.split("/", 1)[0] if "/" in asset.mime_type else "file",
        "owner": owner,
        "space_id": space_id,
        "uploaded_at": asset.uploaded_at,
        "url": asset.url,
        "folder_id": None,
    }


def group_json(group: Group, store: Store) -> dict[str, object]:
    status, error = store.status(group.processing)
    return {
        "id": group.id,
        "name": group.name,
        "created_at": group.created_at,
        "looks_count": len(group.look_ids),
        "preview_image_url": group.preview_image_url,
        "preview_video_url": None,
        "gender": None,
        "default_voice_id": None,
        "consent_status": group.consent_status,
        "status": status,
        "error": error,
    }


def look_json(look: Look, store: Store) -> dict[str, object]:
    status, error = store.status(look.processing)
    width, height = look.image_size if look.image_size is not None else (None, None)
    return {
        "id": look.id,
        "name": look.name,
        "avatar_type": look.avatar_type,
        "group_id": look.group_id,
        "preview_image_url": look.preview_image_url,
        "preview_video_url": None,
        "gender": None,
        "tags": [],
        "default_voice_id": None,
        "supported_api_engines": [],
        "image_width": width,
        "image_height": height,
        "preferred_orientation": _orientation(look.image_size),
        "status": status,
        "error": error,
    }


def _orientation(size: tuple[int, int] | None) -> str | None:
    if size is None:
        return None
    width, height = size
    return "square" if width == height else "landscape" if width > height else "portrait"
