"""v3 bodies for scripted servers, and a way to drive `client.avatars`/`client.assets` of either
client (`HeyGen` or `AsyncHeyGen`) from one async test."""

from __future__ import annotations

from typing import Any

from heygen import AsyncHeyGen, HeyGen

# Values in the shape of HeyGen's create-avatar reference example (ids made up).
GROUP: dict[str, Any] = {
    "id": "ag_abc123",
    "name": "Anna",
    "created_at": 1737662355,
    "looks_count": 1,
    "preview_image_url": "https://files.heygen.ai/avatar/anna_preview.jpg",
    "preview_video_url": None,
    "gender": "female",
    "default_voice_id": None,
    "consent_status": None,
    "status": "processing",
    "error": None,
}
LOOK: dict[str, Any] = {
    "id": "look_abc123",
    "name": "Anna",
    "avatar_type": "photo_avatar",
    "group_id": "ag_abc123",
    "preview_image_url": None,
    "preview_video_url": None,
    "gender": "female",
    "tags": ["photo"],
    "default_voice_id": None,
    "supported_api_engines": [],
    "image_width": 1024,
    "image_height": 1024,
    "status": "processing",
    "error": None,
}
# The smallest JPEG header the sniffer recognises, padded: a "photo" for tests.
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60


def group_body(status: str | None = "processing", **fields: Any) -> dict[str, Any]:
    return {"data": {**GROUP, "status": status, **fields}}


def look_body(status: str | None = "processing", **fields: Any) -> dict[str, Any]:
    return {"data": {**LOOK, "status": status, **fields}}


def creation_body(look: dict[str, Any] | None = None, group: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"data": {"avatar_item": look or LOOK, "avatar_group": group or GROUP}}


def upload_body(size: int = 64, asset_id: str = "asset_1") -> dict[str, Any]:
    return {
        "data": {
            "asset_id": asset_id,
            "url": f"https://files.heygen.ai/asset/{asset_id}.jpg",
            "mime_type": "image/jpeg",
            "size_bytes": size,
        }
    }


def v3_error(code: str, message: str, **fields: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "param": None, "doc_url": None, **fields}}


async def call(client: HeyGen | AsyncHeyGen, path: str, *args: Any, **kwargs: Any) -> Any:
    """`client.<path>(*args, **kwargs)`, awaited on an async client: `call(c, "avatars.retrieve", "g")`."""
    *parents, name = path.split(".")
    target: Any = client
    for part in parents:
        target = getattr(target, part)
    result = getattr(target, name)(*args, **kwargs)
    return await result if isinstance(client, AsyncHeyGen) else result


async def collect(client: HeyGen | AsyncHeyGen, path: str, **kwargs: Any) -> list[Any]:
    """Every item a `list()` yields, iterating across pages (`for`, or `async for`)."""
    *parents, name = path.split(".")
    target: Any = client
    for part in parents:
        target = getattr(target, part)
    pages = getattr(target, name)(**kwargs)
    if isinstance(client, AsyncHeyGen):
        return [item async for item in pages]
    return list(pages)
