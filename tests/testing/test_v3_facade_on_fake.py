"""The v3 facade against the fake through the pytest plugin's fixtures, sync and async: the
workflows a user's own tests would run, on the fake clock (no real waiting)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

import heygen
from heygen import AsyncHeyGen, AvatarStatus, HeyGen
from heygen.testing import FakeHeyGen
from tests.testing.test_v3_state import png


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> HeyGen | AsyncHeyGen:
    fixture = "heygen_client" if request.param == "sync" else "heygen_async_client"
    value: HeyGen | AsyncHeyGen = request.getfixturevalue(fixture)
    return value


async def _await(value: object) -> object:
    return await value if inspect.isawaitable(value) else value


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "face.png"
    path.write_bytes(png(5, 5))
    return path


async def test_create_then_wait_until_ready_on_the_fake_clock(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen, photo: Path
) -> None:
    creation = await _await(client.avatars.create_photo(name="Anna", photo=photo))
    assert isinstance(creation, heygen.AvatarCreation) and creation.look.image_width == 5
    seen: list[str | None] = []
    group = await _await(
        client.avatars.wait_until_ready(creation.group_id, on_progress=lambda g: seen.append(g.raw_status))
    )
    assert isinstance(group, heygen.AvatarGroup) and group.status is AvatarStatus.COMPLETED
    assert seen[0] == "processing" and seen[-1] == "completed"
    assert heygen_fake.clock.monotonic() < 60


async def test_a_failed_avatar_raises_with_the_fakes_reason(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen, photo: Path
) -> None:
    heygen_fake.queue_avatar_outcome("failed", code="face_not_detected", message="No face")
    with pytest.raises(heygen.AvatarFailedError) as failed:
        await _await(client.avatars.create_photo(name="A", photo=photo, wait=True))
    assert (failed.value.error_code, failed.value.error_message) == ("face_not_detected", "No face")
    assert failed.value.creation is not None


async def test_consent_then_the_wait_completes(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen, photo: Path
) -> None:
    heygen_fake.queue_avatar_outcome("pending_consent")
    creation = await _await(client.avatars.create_photo(name="A", photo=photo))
    assert isinstance(creation, heygen.AvatarCreation)
    with pytest.raises(heygen.AvatarConsentRequiredError):
        await _await(client.avatars.wait_until_ready(creation.group_id))
    consent = await _await(client.avatars.consent(creation.group_id))
    assert isinstance(consent, heygen.AvatarConsent) and consent.url is not None
    heygen_fake.give_consent(creation.group_id)
    group = await _await(client.avatars.wait_until_ready(creation.group_id))
    assert isinstance(group, heygen.AvatarGroup) and group.consent_status == "approved"


async def test_a_lost_answer_is_retried_with_its_key_and_gives_the_one_avatar(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen, photo: Path
) -> None:
    # The first answer is lost while the creation keeps running for 1 s: the retry 0.5 s later
    # gets 409 request_in_progress, the next (1 s after that) the replay of the first answer.
    heygen_fake.drop_response("create_avatar", running_seconds=1.0)
    creation = await _await(client.avatars.create_photo(name="A", photo=photo))
    assert isinstance(creation, heygen.AvatarCreation)
    creates = [r.status for r in heygen_fake.requests if r.operation_id == "create-avatar"]
    assert creates == [200, 409, 200]  # the first 200 never reached the client
    assert _group_ids(heygen_fake) == [creation.group_id]


def _group_ids(fake: FakeHeyGen) -> list[str]:
    reply = fake.handle("GET", "/v3/avatars?limit=50", {"x-api-key": "fake-api-key"})
    return [group["id"] for group in json.loads(reply.body)["data"]]


def test_without_retries_the_error_carries_the_key_that_retries_safely(
    heygen_client: HeyGen, heygen_fake: FakeHeyGen, photo: Path
) -> None:
    heygen_fake.queue_error(500, operation="create_avatar")
    with pytest.raises(heygen.APIError) as failed:
        heygen_client.with_options(max_retries=0).avatars.create_photo(name="A", photo=photo)
    key = failed.value.idempotency_key
    assert key
    creation = heygen_client.avatars.create_photo(name="A", photo=photo, idempotency_key=key)
    again = heygen_client.avatars.create_photo(name="A", photo=photo, idempotency_key=key)
    assert again.group_id == creation.group_id


async def test_iterating_three_pages_makes_three_requests_and_yields_each_group_once(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen
) -> None:
    made = set()
    for index in range(5):
        creation = await _await(client.avatars.create_photo(name=f"g{index}", photo="https://x.test/a.jpg"))
        assert isinstance(creation, heygen.AvatarCreation)
        made.add(creation.group_id)
    pager = client.avatars.list(limit=2)
    if isinstance(client, AsyncHeyGen):
        seen = [group.id async for group in pager]  # type: ignore[union-attr]
    else:
        seen = [group.id for group in pager]  # type: ignore[union-attr]
    assert sorted(seen) == sorted(made)
    assert len([r for r in heygen_fake.requests if r.operation_id == "list-avatar-groups"]) == 3
