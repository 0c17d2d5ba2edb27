"""`wait_until_ready` for groups and looks, over real sockets with a fake clock: the outcomes, and
the one polling schedule it shares with `wait_for_training`."""

from __future__ import annotations

from typing import Any

import pytest

import heygen
from heygen.testing import FakeClock
from tests.support.server import Reply, ScriptedServer, status_body
from tests.support.v3 import JPEG, call, creation_body, group_body, look_body, v3_error
from tests.unit.conftest import ClientFactory

PROCESSING = Reply(200, group_body("processing"))
COMPLETED = Reply(200, group_body("completed"))
NOT_FOUND = Reply(404, v3_error("avatar_not_found", "No avatar with this id"))


async def test_returns_the_completed_group(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(PROCESSING, PROCESSING, COMPLETED)
    seen: list[heygen.AvatarStatus | None] = []
    group = await call(
        client, "avatars.wait_until_ready", "ag_abc123", on_progress=lambda g: seen.append(g.status)
    )
    assert group.status is heygen.AvatarStatus.COMPLETED and group.id == "ag_abc123"
    assert seen == ["processing", "processing", "completed"]
    assert {r.path for r in server.received} == {"/v3/avatars/ag_abc123"}


async def test_shares_the_training_waits_schedule(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    client = make_api().client
    server.queue(*[PROCESSING] * 6, COMPLETED)
    await call(client, "avatars.wait_until_ready", "ag_abc123", poll_interval=3)
    v3_sleeps = list(clock.sleeps)
    clock.sleeps.clear()
    server.queue(*[Reply(200, status_body("training"))] * 6, Reply(200, status_body("ready")))
    await call(client, "photo_avatars.wait_for_training", "g", poll_interval=3)
    assert v3_sleeps == clock.sleeps == [1.0, 1.5, 2.25, 3.0, 3.0, 3.0]


async def test_failed_raises_with_heygens_reason(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    failure = {"code": "face_not_detected", "message": "No face was found in the photo"}
    server.queue(PROCESSING, Reply(200, group_body("failed", error=failure)))
    with pytest.raises(heygen.AvatarFailedError) as caught:
        await call(client, "avatars.wait_until_ready", "ag_abc123")
    error = caught.value
    assert (error.error_code, error.error_message) == ("face_not_detected", "No face was found in the photo")
    assert "No face was found" in str(error) and isinstance(error.avatar, heygen.AvatarGroup)


async def test_pending_consent_raises_saying_how_to_consent(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, group_body("pending_consent")))
    with pytest.raises(heygen.AvatarConsentRequiredError) as caught:
        await call(client, "avatars.wait_until_ready", "ag_abc123")
    assert "client.avatars.consent('ag_abc123'" in str(caught.value)
    assert caught.value.group_id == "ag_abc123" and len(server.received) == 1


async def test_timeout_shares_a_base_with_the_training_timeout(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    client = make_api().client
    server.default = PROCESSING
    with pytest.raises(heygen.WaitTimeoutError) as caught:
        await call(client, "avatars.wait_until_ready", "ag_abc123", timeout=20, poll_interval=5)
    error = caught.value
    assert isinstance(error, heygen.AvatarTimeoutError) and isinstance(error, heygen.AvatarError)
    assert issubclass(heygen.TrainingTimeoutError, heygen.WaitTimeoutError)
    assert isinstance(error.last_status, heygen.AvatarGroup)
    assert error.last_status.status is heygen.AvatarStatus.PROCESSING
    assert error.timeout == 20 and "'processing'" in str(error)
    assert clock.monotonic() == pytest.approx(20)


async def test_not_found_just_after_creation_is_ridden_out(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(NOT_FOUND, Reply(404, v3_error("AVATAR_NOT_FOUND", "still settling")), COMPLETED)
    group = await call(client, "avatars.wait_until_ready", "ag_abc123")
    assert group.status is heygen.AvatarStatus.COMPLETED and len(server.received) == 3


async def test_not_found_past_the_grace_is_raised(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    client = make_api().client
    server.default = NOT_FOUND
    with pytest.raises(heygen.NotFoundError):
        await call(client, "avatars.wait_until_ready", "ag_missing", poll_interval=10)
    assert 30 <= clock.monotonic() < 45


async def test_other_404s_are_raised_at_once(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(404, v3_error("not_found", "No such route")))
    with pytest.raises(heygen.NotFoundError):
        await call(client, "avatars.wait_until_ready", "ag_abc123")
    assert len(server.received) == 1


async def test_a_look_is_waited_for_by_its_own_status(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, look_body("processing")), Reply(200, look_body("completed")))
    look = await call(client, "avatars.looks.wait_until_ready", "look_abc123")
    assert look.status is heygen.AvatarStatus.COMPLETED
    assert {r.path for r in server.received} == {"/v3/avatars/looks/look_abc123"}


async def test_an_unknown_status_keeps_waiting(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, group_body("queued_for_gpu")), COMPLETED)
    seen: list[Any] = []
    await call(client, "avatars.wait_until_ready", "ag_abc123", on_progress=seen.append)
    assert seen[0].status is heygen.AvatarStatus.UNKNOWN and seen[0].raw_status == "queued_for_gpu"


async def test_a_group_without_status_has_nothing_to_wait_for(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, group_body(None)))
    group = await call(client, "avatars.wait_until_ready", "public_group")
    assert group.status is None and group.raw_status is None


async def test_create_with_wait_waits_for_the_new_group(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, creation_body()), PROCESSING, COMPLETED, Reply(200, look_body("completed")))
    creation = await call(client, "avatars.create_photo", name="Anna", photo=JPEG, wait=True)
    assert creation.group.status is creation.look.status is heygen.AvatarStatus.COMPLETED
    assert [r.path for r in server.received] == [
        "/v3/avatars",
        "/v3/avatars/ag_abc123",
        "/v3/avatars/ag_abc123",
        "/v3/avatars/looks/look_abc123",
    ]


async def test_a_look_added_to_a_group_is_waited_for_itself(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, creation_body()), Reply(200, look_body("completed")))
    creation = await call(
        client, "avatars.create_photo", name="Anna 2", photo=JPEG, group_id="ag_abc123", wait=True
    )
    assert creation.look.status is heygen.AvatarStatus.COMPLETED
    assert server.received[0].json()["avatar_group_id"] == "ag_abc123"
    assert server.received[1].path == "/v3/avatars/looks/look_abc123"


async def test_a_failed_wait_after_create_keeps_the_creation(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    failure = {"code": "bad_photo", "message": "blurry"}
    server.queue(Reply(200, creation_body()), Reply(200, group_body("failed", error=failure)))
    with pytest.raises(heygen.AvatarFailedError) as caught:
        await call(client, "avatars.create_photo", name="Anna", photo=JPEG, wait=True)
    assert caught.value.creation is not None and caught.value.creation.group_id == "ag_abc123"


async def test_bad_wait_settings_fail_before_the_paid_create(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    with pytest.raises(ValueError, match="timeout"):
        await call(client, "avatars.create_photo", name="Anna", photo=JPEG, wait=True, wait_timeout=0)
    assert server.received == []


async def test_an_async_progress_callback_is_awaited_on_the_async_client(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(PROCESSING, COMPLETED)
    seen: list[str] = []

    async def on_progress(group: heygen.AvatarGroup) -> None:
        seen.append(str(group.status))

    if isinstance(client, heygen.AsyncHeyGen):
        await client.avatars.wait_until_ready("ag_abc123", on_progress=on_progress)
        assert seen == ["processing", "completed"]
    else:
        with pytest.raises(TypeError, match="AsyncHeyGen"):
            client.avatars.wait_until_ready("ag_abc123", on_progress=on_progress)
