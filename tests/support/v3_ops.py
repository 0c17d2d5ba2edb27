"""Every v3 operation as one call spec: how to call it, what it is (a read, a keyed create, an
unkeyed update) and the 200 body that answers it. For tables that run a fault through all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.support.v3 import GROUP, JPEG, LOOK, creation_body, group_body, look_body, upload_body

ASSET: dict[str, Any] = {
    "id": "asset_1",
    "name": "face.jpg",
    "type": "image",
    "owner": "user_1",
    "space_id": "space_1",
    "uploaded_at": 1737662355,
    "folder_id": None,
    "url": "https://files.heygen.ai/asset/asset_1.jpg",
}


def listing(item: dict[str, Any]) -> dict[str, Any]:
    return {"data": [item], "has_more": False, "next_token": None}


@dataclass(frozen=True)
class Op:
    path: str  # "avatars.looks.update": the method, from the client
    kind: str  # "read" (GET/DELETE), "create" (POST with an Idempotency-Key), "update" (PATCH, no key)
    ok: Any  # the documented 200 body
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


V3_OPS = [
    Op("assets.upload", "create", upload_body(), (JPEG,)),
    Op("assets.retrieve", "read", {"data": ASSET}, ("asset_1",)),
    Op("avatars.create_photo", "create", creation_body(), kwargs={"name": "Anna", "photo": JPEG}),
    Op("avatars.create_from_prompt", "create", creation_body(), kwargs={"name": "Anna", "prompt": "a chef"}),
    Op(
        "avatars.consent",
        "create",
        {"data": {"avatar_group": GROUP, "url": None}},
        ("ag_abc123",),
        {"consent_text": "I agree"},
    ),
    Op("avatars.retrieve", "read", group_body(), ("ag_abc123",)),
    Op("avatars.list", "read", listing(GROUP)),
    Op("avatars.delete", "read", {"data": {"id": "ag_abc123"}}, ("ag_abc123",)),
    Op("avatars.looks.retrieve", "read", look_body(), ("look_abc123",)),
    Op("avatars.looks.list", "read", listing(LOOK)),
    Op("avatars.looks.update", "update", look_body(), ("look_abc123",), {"name": "Bea"}),
    Op("avatars.looks.delete", "read", {"data": {"id": "look_abc123"}}, ("look_abc123",)),
]
