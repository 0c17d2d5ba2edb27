"""The facade against the fake, through the pytest plugin's fixtures: the workflow users test."""

from __future__ import annotations

import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen, TrainingState
from heygen.testing import FakeHeyGen


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> HeyGen | AsyncHeyGen:
    fixture = "heygen_client" if request.param == "sync" else "heygen_async_client"
    value: HeyGen | AsyncHeyGen = request.getfixturevalue(fixture)
    return value


async def _await(value: object) -> object:
    import inspect

    return await value if inspect.isawaitable(value) else value


async def test_train_and_wait_reaches_ready_on_the_fake_clock(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen
) -> None:
    seen: list[str] = []
    result = await _await(
        client.photo_avatars.train_and_wait("demo-group", on_progress=lambda s: seen.append(s.raw_status))
    )
    assert isinstance(result, heygen.TrainingResult)
    assert result.status.state is TrainingState.READY
    assert seen[0] == "pending" and "training" in seen and seen[-1] == "ready"
    assert heygen_fake.clock.monotonic() < 60  # simulated time only


async def test_a_failing_training_raises_with_the_fakes_reason(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen
) -> None:
    heygen_fake.add_group("blurry", fail_with="Photos are too blurry")
    await _await(client.photo_avatars.train("blurry"))
    with pytest.raises(heygen.TrainingFailedError, match="Photos are too blurry"):
        await _await(client.photo_avatars.wait_for_training("blurry"))


async def test_training_twice_gets_heygens_error(client: HeyGen | AsyncHeyGen) -> None:
    await _await(client.photo_avatars.train("demo-group"))
    with pytest.raises(heygen.BadRequestError) as caught:
        await _await(client.photo_avatars.train("demo-group"))
    assert caught.value.code == "invalid_parameter"


async def test_an_unknown_group_is_not_found(client: HeyGen | AsyncHeyGen) -> None:
    with pytest.raises(heygen.NotFoundError) as caught:
        await _await(client.photo_avatars.train("nobody"))
    assert caught.value.code == "photar_not_found"


async def test_a_queued_429_is_retried_on_the_fake_clock(
    client: HeyGen | AsyncHeyGen, heygen_fake: FakeHeyGen
) -> None:
    heygen_fake.queue_error(429, headers={"Retry-After": "3"}, operation="train")
    job = await _await(client.photo_avatars.train("demo-group"))
    assert isinstance(job, heygen.TrainingJob)
    assert heygen_fake.clock.sleeps == [3.0]  # type: ignore[attr-defined]


async def test_a_key_the_fake_does_not_know_is_refused(heygen_fake: FakeHeyGen) -> None:
    import httpx

    fake = FakeHeyGen(api_keys=["right-key"])
    with (
        httpx.Client(transport=fake.transport()) as http_client,
        HeyGen(api_key="wrong-key", http_client=http_client) as client,
        pytest.raises(heygen.AuthenticationError),
    ):
        client.photo_avatars.training_status("demo-group")
