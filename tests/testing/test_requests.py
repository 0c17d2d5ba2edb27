"""What the fake does with each kind of request: auth, unknown groups, spec violations, injected errors."""

from __future__ import annotations

from typing import Any

import pytest

from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen, RecordedRequest
from tests.testing.conftest import KEY, STATUS, TRAIN, Send


def _error(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}, "data": None}


# --- API keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), [("POST", TRAIN), ("GET", STATUS + DEMO_GROUP_ID)])
@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "Missing API key: send it in the x-api-key header"),
        ("", "Missing API key: send it in the x-api-key header"),
        ("wrong-key", "Invalid API key"),
    ],
)
async def test_a_missing_or_unknown_key_is_a_401(
    send: Send, method: str, path: str, key: str | None, message: str
) -> None:
    response = await send(
        method, path, key=key, json={"group_id": DEMO_GROUP_ID} if method == "POST" else None
    )

    assert response.status_code == 401
    assert response.json() == _error("unauthorized", message)


async def test_the_key_is_checked_before_the_body() -> None:
    fake = FakeHeyGen(api_keys=[KEY])
    assert fake.handle("POST", TRAIN, {"x-api-key": "wrong"}, b"not json").status == 401


async def test_without_configured_keys_any_non_empty_key_is_accepted() -> None:
    fake = FakeHeyGen(strict=True)
    assert fake.handle("GET", STATUS + DEMO_GROUP_ID, {"X-Api-Key": "whatever"}).status == 200
    assert fake.handle("GET", STATUS + DEMO_GROUP_ID, {}).status == 401


def test_an_empty_configured_key_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="cannot be empty"):
        FakeHeyGen(api_keys=[""])


# --- Unknown groups and paths ----------------------------------------------------------------


async def test_an_unknown_group_is_a_404_photar_not_found(send: Send) -> None:
    expected = _error("photar_not_found", "Photo avatar group nope not found")

    train = await send("POST", TRAIN, json={"group_id": "nope"})
    status = await send("GET", STATUS + "nope")

    assert (train.status_code, train.json()) == (404, expected)
    assert (status.status_code, status.json()) == (404, expected)


@pytest.mark.parametrize(
    "path", ["/v2/nope", "/v2/photo_avatar/train/", "/v2/photo_avatar/train/status", STATUS + "a/b", "/"]
)
async def test_an_unknown_path_is_a_404_in_heygen_shape(send: Send, path: str) -> None:
    response = await send("GET", path)

    assert response.status_code == 404
    assert response.json() == _error("not_found", f"no such endpoint: GET {path}")


async def test_a_known_path_with_the_wrong_method_is_a_405(send: Send) -> None:
    response = await send("DELETE", TRAIN)

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["error"]["code"] == "method_not_allowed"


# --- Requests the spec does not allow ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "headers", "message", "param"),
    [
        (b"{}", {}, "group_id is required", "group_id"),
        (b'{"group_id": ""}', {}, "group_id: '' should be non-empty", "group_id"),
        (b'{"group_id": 42}', {}, "group_id: 42 is not of type 'string'", "group_id"),
        (b'{"group_id": null}', {}, "group_id: None is not of type 'string'", "group_id"),
        (b'["demo-group"]', {}, "request body: ['demo-group'] is not of type 'object'", None),
        (b"", {}, "request body is required (a JSON object)", None),
        (b"{group_id: demo-group}", {}, "request body is not valid JSON: Expecting property name", None),
        (b"\xff\xfe", {}, "request body is not valid JSON", None),
        (
            b"group_id=demo-group",
            {"content-type": "application/x-www-form-urlencoded"},
            "unsupported content type 'application/x-www-form-urlencoded'; send application/json",
            None,
        ),
    ],
)
async def test_a_train_body_the_spec_rejects_is_a_400_naming_the_problem(
    send: Send, content: bytes, headers: dict[str, str], message: str, param: str | None
) -> None:
    response = await send(
        "POST", TRAIN, content=content, headers={"content-type": "application/json", **headers}
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["message"].startswith(message)
    assert error.get("param") == param
    assert response.json()["data"] is None


async def test_a_train_body_with_extra_fields_or_a_json_charset_is_accepted(send: Send) -> None:
    response = await send(
        "POST",
        TRAIN,
        content=b'{"group_id": "demo-group", "extra": true}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200


async def test_a_train_body_without_a_content_type_is_read_as_json(fake: FakeHeyGen) -> None:
    assert fake.handle("POST", TRAIN, {"x-api-key": KEY}, b'{"group_id": "demo-group"}').status == 200


async def test_an_empty_group_id_in_the_path_is_a_400(send: Send) -> None:
    response = await send("GET", STATUS)

    assert response.status_code == 400
    assert response.json() == _error(
        "invalid_parameter", "group_id: '' should be non-empty", param="group_id"
    )


async def test_a_path_group_id_that_is_not_utf8_is_a_400(send: Send) -> None:
    response = await send("GET", STATUS + "%FF")

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "group_id: '%FF' is not percent-encoded UTF-8"


# --- Path parameters: decoded exactly once ---------------------------------------------------


@pytest.mark.parametrize(
    ("group_id", "encoded"),
    [
        ("team/a b", "team%2Fa%20b"),
        ("50%", "50%25"),
        ("a%20b", "a%2520b"),  # decoding twice would find "a b"
        ("été", "%C3%A9t%C3%A9"),
    ],
)
async def test_the_path_group_id_is_percent_decoded_exactly_once(
    fake: FakeHeyGen, send: Send, group_id: str, encoded: str
) -> None:
    fake.add_group(group_id)
    fake.add_group(group_id.replace("%20", " "), fail_with="decoded twice")
    await send("POST", TRAIN, json={"group_id": group_id})

    response = await send("GET", STATUS + encoded)

    assert response.status_code == 200, response.text
    assert response.json()["data"]["status"] == "pending"


async def test_a_query_string_is_ignored(send: Send) -> None:
    response = await send("GET", STATUS + DEMO_GROUP_ID + "?verbose=1")
    assert response.status_code == 200


# --- Injected errors -------------------------------------------------------------------------


async def test_a_queued_429_answers_the_next_requests_then_stops(fake: FakeHeyGen, send: Send) -> None:
    fake.queue_error(429, headers={"Retry-After": "1"}, times=2)

    first, second, third = [await send("GET", STATUS + DEMO_GROUP_ID) for _ in range(3)]

    for response in (first, second):
        assert response.status_code == 429
        assert response.headers["retry-after"] == "1"
        assert response.json() == _error("rate_limit_exceeded", "Too many requests")
    assert third.status_code == 200


async def test_a_queued_error_for_one_operation_lets_the_others_through(fake: FakeHeyGen, send: Send) -> None:
    fake.queue_error(402, operation="train", code="insufficient_credit", message="No credits left")

    status = await send("GET", STATUS + DEMO_GROUP_ID)
    train = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
    retried = await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})

    assert status.status_code == 200
    assert (train.status_code, train.json()) == (402, _error("insufficient_credit", "No credits left"))
    assert retried.status_code == 200


async def test_queued_errors_come_out_in_order_and_before_the_key_check(fake: FakeHeyGen, send: Send) -> None:
    fake.queue_error(500)
    fake.queue_error(429)

    first = await send("GET", STATUS + DEMO_GROUP_ID, key=None)
    second = await send("GET", STATUS + DEMO_GROUP_ID, key=None)

    assert (first.status_code, first.json()) == (500, _error("internal_error", "Internal server error"))
    assert second.status_code == 429


@pytest.mark.parametrize(
    ("status", "operation", "allowed"),
    [
        (402, None, "[400, 401, 404, 429, 500]"),
        (403, "training_status", "[400, 401, 404, 429, 500]"),
        (503, "train", "[400, 401, 402, 403, 404, 429, 500]"),
        (200, "train", "[400, 401, 402, 403, 404, 429, 500]"),
    ],
)
def test_only_errors_the_spec_documents_can_be_queued(status: int, operation: Any, allowed: str) -> None:
    with pytest.raises(ValueError, match=rf"status {status} is not a documented error.*{allowed}"):
        FakeHeyGen().queue_error(status, operation=operation)


def test_an_error_is_queued_for_a_known_operation() -> None:
    with pytest.raises(ValueError, match=r"operation must be one of \[.*'train', 'training_status'.*\]"):
        FakeHeyGen().queue_error(429, operation="upload")  # type: ignore[arg-type]


def test_an_error_must_be_queued_at_least_once() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        FakeHeyGen().queue_error(429, times=0)


# --- Records ---------------------------------------------------------------------------------


async def test_every_request_is_recorded_with_its_status(fake: FakeHeyGen, send: Send) -> None:
    await send("POST", TRAIN, json={"group_id": DEMO_GROUP_ID})
    await send("GET", STATUS + "nope?x=1")
    await send("GET", "/elsewhere")

    assert list(fake.requests) == [
        RecordedRequest("POST", TRAIN, 200, "train-photo-avatar-group"),
        RecordedRequest("GET", STATUS + "nope?x=1", 404, "get-training-job-status"),
        RecordedRequest("GET", "/elsewhere", 404, None),
    ]


def test_the_fake_works_without_a_transport_or_server() -> None:
    fake = FakeHeyGen(clock=FakeClock())
    reply = fake.handle("GET", STATUS + DEMO_GROUP_ID, {"x-api-key": "k"})
    assert reply.status == 200
    assert reply.headers == {
        "Content-Type": "application/json",
        "X-Request-Id": reply.headers["X-Request-Id"],
    }
    assert len(reply.headers["X-Request-Id"]) == 32
    assert (
        reply.body
        == b'{"error":null,"data":{"status":"empty","error_msg":null,"created_at":null,"updated_at":null}}'
    )
