"""The fake answers as people observed HeyGen answer, and the SDK explains what those answers mean."""

from __future__ import annotations

import httpx
import pytest

import heygen
from heygen.testing import FakeClock, FakeHeyGen
from tests.cli.test_cli import KEY, run

NO_VALID_IMAGE = "No valid image for training found in group fresh-group"


@pytest.fixture
def fake() -> FakeHeyGen:
    fake = FakeHeyGen(clock=FakeClock(), training_seconds=60)
    fake.add_group("fresh-group", processing_seconds=30)  # photos still being processed
    return fake


def test_training_a_group_whose_photos_are_processing_is_the_observed_400(fake: FakeHeyGen) -> None:
    with fake.client(max_retries=0) as client:
        with pytest.raises(heygen.BadRequestError) as caught:
            client.photo_avatars.train("fresh-group")
        assert (caught.value.code, caught.value.message) == ("invalid_parameter", NO_VALID_IMAGE)
        fake.clock.advance(30)  # processed now
        assert client.photo_avatars.train("fresh-group").group_id == "fresh-group"
        with pytest.raises(heygen.BadRequestError) as again:  # and now it is training
            client.photo_avatars.train("fresh-group")
        assert again.value.message == NO_VALID_IMAGE


def test_the_sdk_error_explains_both_causes(fake: FakeHeyGen) -> None:
    with fake.client(max_retries=0) as client, pytest.raises(heygen.BadRequestError) as caught:
        client.photo_avatars.train("fresh-group")
    text = str(caught.value)
    assert text.startswith(f"HTTP 400 invalid_parameter: {NO_VALID_IMAGE}")
    assert "already training (check client.photo_avatars.training_status('fresh-group'))" in text
    assert "photos are still being processed, just after the group was created" in text
    assert not caught.value.training_may_have_started  # a refusal: nothing was started


async def test_the_async_sdk_error_too(fake: FakeHeyGen) -> None:
    async with fake.async_client(max_retries=0) as client:
        await client.photo_avatars.train("demo-group")
        with pytest.raises(heygen.BadRequestError, match=r"already training .* still being processed"):
            await client.photo_avatars.train("demo-group")


def test_other_400s_get_no_such_advice(fake: FakeHeyGen) -> None:
    fake.queue_error(400, message="group_id is malformed", operation="train")
    with fake.client(max_retries=0) as client, pytest.raises(heygen.BadRequestError) as caught:
        client.photo_avatars.train("demo-group")
    assert "processed" not in str(caught.value)


def test_processing_seconds_cannot_be_negative(fake: FakeHeyGen) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        fake.add_group("g", processing_seconds=-1)


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "DELETE"])
def test_the_server_answers_unsupported_methods_with_heygen_json_405(method: str) -> None:
    with FakeHeyGen().serve() as url:
        response = httpx.request(method, f"{url}/v2/photo_avatar/train", headers={"x-api-key": "k"})
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/json"
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "error": {
            "code": "method_not_allowed",
            "message": f"{method} is not allowed on /v2/photo_avatar/train",
        },
        "data": None,
    }


@pytest.mark.slow
def test_the_cli_explains_both_causes_in_its_own_terms() -> None:
    fake = FakeHeyGen(api_keys=[KEY], training_seconds=60)
    fake.add_group("fresh-group", processing_seconds=600)
    with fake.serve() as url:
        result = run("photo-avatar", "train", "fresh-group", url=url)
    assert result.code == 5
    assert result.stderr.startswith(f"heygen: error: HTTP 400 invalid_parameter: {NO_VALID_IMAGE}")
    assert "already training (check `heygen photo-avatar status fresh-group`" in result.stderr
    assert "still being processed" in result.stderr and "training_status(" not in result.stderr
