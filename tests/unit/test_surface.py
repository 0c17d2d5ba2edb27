"""What a user sees poking at objects: reprs, `dir()`, `to_dict()`, request ids from the fake."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import heygen
import heygen.types
from heygen import TrainingJob, TrainingResult, TrainingState, TrainingStatus
from heygen.testing import FakeClock, FakeHeyGen

STATUS = TrainingStatus(
    group_id="g1",
    state=TrainingState.READY,
    raw_status="ready",
    created_at=datetime(2025, 1, 23, 19, 59, 15, tzinfo=UTC),
    updated_at=datetime(2025, 1, 23, 20, 4, 15, tzinfo=UTC),
)
JOB = TrainingJob("g1", "f" * 32, 4, 0, None)


def test_an_error_repr_shows_status_code_and_request_id() -> None:
    fake = FakeHeyGen(clock=FakeClock())
    with fake.client(max_retries=0) as client, pytest.raises(heygen.NotFoundError) as caught:
        client.photo_avatars.train("no-such-group")
    text = repr(caught.value)
    assert text.startswith("NotFoundError(status_code=404, code='photar_not_found', message='Photo avatar")
    assert f"request_id={caught.value.request_id!r}" in text
    assert heygen.testing.FAKE_API_KEY not in text


def test_an_error_without_a_response_has_a_plain_repr() -> None:
    assert repr(heygen.APITimeoutError()) == "APITimeoutError(message='Request timed out.')"


def test_the_fake_sends_a_request_id_the_sdk_reads() -> None:
    fake = FakeHeyGen(clock=FakeClock())
    with fake.client() as client:
        raw = client.photo_avatars.with_raw_response.training_status("demo-group")
        other = client.photo_avatars.with_raw_response.training_status("demo-group")
    assert raw.request_id and len(raw.request_id) == 32 and raw.request_id != other.request_id


def test_dir_of_types_lists_only_the_types() -> None:
    assert [name for name in dir(heygen.types) if not name.startswith("_")] == sorted(heygen.types.__all__)


def test_resources_have_a_repr_that_says_what_they_are() -> None:
    with FakeHeyGen().client() as client:
        for resource in (client.photo_avatars, client.photo_avatars.with_raw_response):
            text = repr(resource)
            assert text.startswith(f"<{type(resource).__name__} of HeyGen(base_url='https://api.heygen.com'")
            assert "object at" not in text and heygen.testing.FAKE_API_KEY not in text


async def test_async_resources_too() -> None:
    async with FakeHeyGen().async_client() as client:
        assert repr(client.photo_avatars).startswith("<AsyncPhotoAvatars of AsyncHeyGen(")
        assert repr(client.photo_avatars.with_raw_response).startswith("<AsyncPhotoAvatarsWithRawResponse of")


def test_results_turn_into_json_ready_dicts() -> None:
    assert STATUS.to_dict() == {
        "group_id": "g1",
        "state": "ready",
        "raw_status": "ready",
        "error_message": None,
        "created_at": "2025-01-23T19:59:15+00:00",
        "updated_at": "2025-01-23T20:04:15+00:00",
    }
    result = TrainingResult(job=JOB, status=STATUS)
    assert result.to_dict() == {"job": JOB.to_dict(), "status": STATUS.to_dict()}
    assert json.loads(result.to_json()) == result.to_dict()
    assert JOB.to_dict()["studio_avatar_count"] is None


def test_results_stay_frozen_and_slotted() -> None:
    for result in (STATUS, JOB, TrainingResult(job=JOB, status=STATUS)):
        assert not hasattr(result, "__dict__")
    with pytest.raises(AttributeError):
        STATUS.state = TrainingState.FAILED  # type: ignore[misc]


def test_anything_else_is_refused_by_name() -> None:
    from heygen._serialize import to_jsonable

    assert to_jsonable({"when": (STATUS.created_at,), 1: {2.5}}) == {
        "when": ["2025-01-23T19:59:15+00:00"],
        "1": [2.5],
    }
    with pytest.raises(TypeError, match="cannot turn a object into JSON"):
        to_jsonable(object())
