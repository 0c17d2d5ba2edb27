"""Training as the fake runs it: pending → training → ready on the fake clock, failures, retries."""

from __future__ import annotations

from typing import Any

import pytest

from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen
from tests.testing.conftest import KEY, OTHER_KEY, STATUS, TRAIN, Send

START = FakeClock().time()


async def _status(send: Send, group_id: str = DEMO_GROUP_ID, key: str = KEY) -> dict[str, Any]:
    response = await send("GET", STATUS + group_id, key=key)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"] is None
    data: dict[str, Any] = body["data"]
    return data


async def test_a_group_never_trained_is_empty(send: Send) -> None:
    assert await _status(send) == {
        "status": "empty",
        "error_msg": None,
        "created_at": None,
        "updated_at": None,
    }


async def test_train_answers_the_documented_nested_envelope(send: Send) -> None:
    response = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    flow_id = body["data"]["data"]["flow_id"]
    assert body == {
        "error": None,
        "data": {
            "code": 100,
            "data": {
                "num_of_photar": 4,
                "num_of_instant_avatar": 0,
                "num_of_studio_avatar": 0,
                "flow_id": flow_id,
            },
            "msg": None,
            "message": None,
        },
    }
    assert len(flow_id) == 32 and int(flow_id, 16) >= 0


async def test_training_goes_pending_training_ready_as_the_clock_advances(
    send: Send, clock: FakeClock
) -> None:
    await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})

    assert await _status(send) == {
        "status": "pending",
        "error_msg": None,
        "created_at": START,
        "updated_at": None,
    }
    clock.advance(0.999)
    assert (await _status(send))["status"] == "pending"
    clock.advance(0.001)
    assert await _status(send) == {
        "status": "training",
        "error_msg": None,
        "created_at": START,
        "updated_at": START + 1,
    }
    clock.advance(3.999)
    assert (await _status(send))["status"] == "training"
    clock.advance(0.001)
    assert await _status(send) == {
        "status": "ready",
        "error_msg": None,
        "created_at": START,
        "updated_at": START + 5,
    }
    clock.advance(3600)
    assert (await _status(send))["status"] == "ready"


async def test_a_second_train_while_in_progress_is_the_400_people_observed(
    send: Send, clock: FakeClock
) -> None:
    await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
    for seconds in (0, 2):  # pending, then training
        clock.advance(seconds)
        response = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "invalid_parameter",
                "message": f"No valid image for training found in group {DEMO_GROUP_ID}",
            },
            "data": None,
        }


async def test_a_finished_group_can_be_trained_again(send: Send, clock: FakeClock) -> None:
    first = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
    clock.advance(5)
    second = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})

    assert second.status_code == 200
    assert second.json()["data"]["data"]["flow_id"] != first.json()["data"]["data"]["flow_id"]
    assert await _status(send) == {
        "status": "pending",
        "error_msg": None,
        "created_at": START + 5,
        "updated_at": None,
    }


async def test_a_group_added_with_fail_with_fails_at_the_end(
    fake: FakeHeyGen, send: Send, clock: FakeClock
) -> None:
    fake.add_group("blurry", photos=2, fail_with="No face detected in the photos")

    response = await send("POST", TRAIN, json={"group_id": "blurry"})
    assert response.json()["data"]["data"]["num_of_photar"] == 2
    clock.advance(4)
    assert (await _status(send, "blurry"))["status"] == "training"
    clock.advance(1)
    assert await _status(send, "blurry") == {
        "status": "failed",
        "error_msg": "No face detected in the photos",
        "created_at": START,
        "updated_at": START + 5,
    }


@pytest.mark.parametrize("seconds_in", [0.5, 2.0])
async def test_fail_training_fails_a_training_in_progress_from_now_on(
    fake: FakeHeyGen, send: Send, clock: FakeClock, seconds_in: float
) -> None:
    await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
    clock.advance(seconds_in)

    fake.fail_training(DEMO_GROUP_ID, error_msg="GPU on fire")

    expected = {
        "status": "failed",
        "error_msg": "GPU on fire",
        "created_at": START,
        "updated_at": START + seconds_in,
    }
    assert await _status(send) == expected
    clock.advance(10)
    assert await _status(send) == expected
    assert (await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})).status_code == 200


def test_fail_training_without_a_training_in_progress_is_a_mistake(fake: FakeHeyGen) -> None:
    with pytest.raises(ValueError, match=r"no training in progress.*fail_with"):
        fake.fail_training(DEMO_GROUP_ID)


async def test_fail_training_for_one_key_leaves_other_accounts_alone(fake: FakeHeyGen, send: Send) -> None:
    for key in (KEY, OTHER_KEY):
        await send("POST", TRAIN, key=key, json={"group_id": DEMO_GROUP_ID})

    fake.fail_training(DEMO_GROUP_ID, api_key=OTHER_KEY)

    assert (await _status(send, key=KEY))["status"] == "pending"
    assert (await _status(send, key=OTHER_KEY))["status"] == "failed"


async def test_each_key_has_its_own_groups_and_trainings(fake: FakeHeyGen, send: Send) -> None:
    fake.add_group("mine", api_key=KEY)
    await send("POST", TRAIN, key=KEY, json={"group_id": DEMO_GROUP_ID})

    assert (await _status(send, key=OTHER_KEY))["status"] == "empty"
    assert (await send("GET", STATUS + "mine", key=OTHER_KEY)).status_code == 404
    assert (await _status(send, "mine", key=KEY))["status"] == "empty"


async def test_a_group_added_for_every_key_reaches_existing_and_new_accounts(send: Send) -> None:
    fake = FakeHeyGen(clock=FakeClock(), groups=())
    fake.add_group("shared")
    for key in ("first-key", "second-key"):
        response = fake.handle("GET", STATUS + "shared", {"x-api-key": key})
        assert response.status == 200, response.body
    assert fake.handle("GET", STATUS + DEMO_GROUP_ID, {"x-api-key": "k"}).status == 404


def test_adding_a_group_for_a_key_the_fake_does_not_accept_is_a_mistake(fake: FakeHeyGen) -> None:
    with pytest.raises(ValueError, match="unknown API key"):
        fake.add_group("g", api_key="nobody")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"photos": 0}, "at least one photo"), ({"group_id": ""}, "cannot be empty")],
)
def test_add_group_rejects_groups_that_could_not_exist(kwargs: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"group_id": "g", **kwargs}
    group_id = arguments.pop("group_id")
    with pytest.raises(ValueError, match=message):
        FakeHeyGen().add_group(group_id, **arguments)


def test_negative_durations_are_rejected() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        FakeHeyGen(training_seconds=-1)


async def test_auto_create_groups_creates_unknown_groups_on_first_use() -> None:
    fake = FakeHeyGen(clock=FakeClock(), auto_create_groups=True, strict=True)
    headers = {"x-api-key": "any"}

    assert fake.handle("GET", STATUS + "new-group", headers).status == 200
    reply = fake.handle(
        "POST", TRAIN, {**headers, "content-type": "application/json"}, b'{"group_id": "other"}'
    )
    assert reply.status == 200


def test_zero_training_seconds_is_ready_at_once() -> None:
    fake = FakeHeyGen(clock=FakeClock(), training_seconds=0, strict=True)
    headers = {"x-api-key": "k"}
    fake.handle("POST", TRAIN, headers, b'{"group_id": "demo-group"}')
    assert b'"status":"ready"' in fake.handle("GET", STATUS + DEMO_GROUP_ID, headers).body


def test_the_default_clock_is_the_system_clock() -> None:
    fake = FakeHeyGen(training_seconds=60, strict=True)
    headers = {"x-api-key": "k"}
    fake.handle("POST", TRAIN, headers, b'{"group_id": "demo-group"}')
    assert b'"status":"pending"' in fake.handle("GET", STATUS + DEMO_GROUP_ID, headers).body
