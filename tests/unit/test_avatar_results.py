"""v3 results: frozen, typed, flat, None where HeyGen sends nothing, and plain dicts for JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import heygen
from tests.support.server import Reply, ScriptedServer
from tests.support.v3 import GROUP, JPEG, LOOK, call, look_body
from tests.unit.conftest import ClientFactory


async def test_a_group_is_read_whole(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {**GROUP, "consent_status": "approved", "status": "completed"}}))
    group = await call(client, "avatars.retrieve", "ag_abc123")
    assert group == heygen.AvatarGroup(
        id="ag_abc123",
        name="Anna",
        created_at=datetime.fromtimestamp(1737662355, tz=UTC),
        looks_count=1,
        status=heygen.AvatarStatus.COMPLETED,
        raw_status="completed",
        error=None,
        consent_status="approved",
        gender="female",
        default_voice_id=None,
        preview_image_url="https://files.heygen.ai/avatar/anna_preview.jpg",
        preview_video_url=None,
    )
    assert group.created_at.tzinfo is UTC


async def test_fields_heygen_leaves_out_are_none(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {"id": "l", "name": "Public", "avatar_type": "studio_avatar"}}))
    look = await call(client, "avatars.looks.retrieve", "l")
    assert (look.status, look.raw_status, look.group_id, look.image_width, look.error) == (None,) * 5
    assert look.tags == () and look.avatar_type is heygen.AvatarType.STUDIO_AVATAR


async def test_new_values_are_unknown_and_kept(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, look_body("reticulating", avatar_type="hologram")))
    look = await call(client, "avatars.looks.retrieve", "look_abc123")
    assert look.status is heygen.AvatarStatus.UNKNOWN and look.raw_status == "reticulating"
    assert look.avatar_type is heygen.AvatarType.UNKNOWN


async def test_to_dict_is_plain_json(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    failure = {"code": "bad_photo", "message": "blurry"}
    server.queue(Reply(200, {"data": {**LOOK, "status": "failed", "error": failure}}))
    look = await call(client, "avatars.looks.retrieve", "look_abc123")
    plain = look.to_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["status"] == "failed" and plain["error"] == failure and plain["tags"] == ["photo"]
    with pytest.raises(AttributeError):
        look.name = "other"


async def test_a_field_of_the_wrong_type_names_its_path(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {**GROUP, "created_at": "yesterday"}}))
    with pytest.raises(heygen.APIResponseValidationError, match=r"data\.created_at is 'yesterday'"):
        await call(client, "avatars.retrieve", "ag_abc123")


async def test_update_and_delete_send_what_the_api_takes(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(
        Reply(200, look_body("completed", name="Business")), Reply(200, {"data": {"id": "look_abc123"}})
    )
    look = await call(client, "avatars.looks.update", "look_abc123", name="Business")
    assert look.name == "Business"
    assert await call(client, "avatars.looks.delete", "look_abc123") is None
    update, delete = server.received
    assert (update.method, update.path, update.json()) == (
        "PATCH",
        "/v3/avatars/looks/look_abc123",
        {"name": "Business"},
    )
    assert (delete.method, delete.path) == ("DELETE", "/v3/avatars/looks/look_abc123")


async def test_each_call_takes_its_own_timeout_retries_and_headers(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api(max_retries=2).client
    server.queue(Reply(500, {"error": {"code": "internal_error", "message": "x"}}))
    with pytest.raises(heygen.InternalServerError):
        await call(client, "avatars.create_photo", name="Anna", photo=JPEG, max_retries=0)
    assert len(server.received) == 1
    server.reset()
    server.queue(Reply(200, {"data": {**GROUP, "status": "completed"}}), Reply(200, look_body("completed")))
    await call(client, "avatars.retrieve", "ag_abc123", extra_headers={"X-Trace": "t-1"}, timeout=3.0)
    await call(client, "avatars.looks.retrieve", "look_abc123", extra_headers={"X-Trace": "t-2"})
    assert [r.headers.get("x-trace") for r in server.received] == ["t-1", "t-2"]
