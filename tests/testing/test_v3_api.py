"""The fake's v3 API over its three front ends (sync and async transports, the HTTP server).

Every answer here also passed the strict fake's own check against the spec: a response that broke
it would have raised ``SpecViolationError`` (or, over HTTP, a 500) instead.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from typing import Any

import httpx
import pytest

from heygen.testing import FakeClock, FakeHeyGen
from tests.testing.conftest import KEY, OTHER_KEY, Send
from tests.testing.test_server import _raw_exchange
from tests.testing.test_v3_state import JPEG, png

PHOTO = png(4, 3)


def multipart(
    data: bytes, filename: str = "face.png", content_type: str | None = "image/png"
) -> tuple[bytes, str]:
    boundary = "fake-test-boundary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
    if content_type is not None:
        head += f"Content-Type: {content_type}\r\n"
    body = head.encode() + b"\r\n" + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


async def upload(send: Send, data: bytes = PHOTO, **kwargs: Any) -> httpx.Response:
    body, content_type = multipart(data, **kwargs)
    return await send("POST", "/v3/assets", content=body, headers={"Content-Type": content_type})


async def create(send: Send, file: dict[str, Any] | None = None, **fields: Any) -> httpx.Response:
    body = {"type": "photo", "name": "Anna", "file": file or {"type": "url", "url": "https://x.test/a.jpg"}}
    key = fields.pop("idempotency_key", None)
    return await send(
        "POST", "/v3/avatars", json={**body, **fields}, headers={"Idempotency-Key": key} if key else None
    )


def error_of(response: httpx.Response) -> dict[str, Any]:
    document = response.json()
    assert set(document) == {"error"}, document
    error: dict[str, Any] = document["error"]
    assert set(error) == {"code", "message", "param", "doc_url"}
    return error


async def test_an_upload_is_stored_with_its_bytes_type_and_size(send: Send, fake: FakeHeyGen) -> None:
    response = await upload(send, JPEG, filename="me.jpg", content_type="application/octet-stream")
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["mime_type"], data["size_bytes"]) == ("image/jpeg", len(JPEG))
    assert fake.asset_content(data["asset_id"]) == (JPEG, "image/jpeg")
    record = (await send("GET", f"/v3/assets/{data['asset_id']}")).json()["data"]
    assert (record["id"], record["name"], record["type"], record["url"]) == (
        data["asset_id"],
        "me.jpg",
        "image",
        data["url"],
    )
    assert (await send("GET", f"/v3/assets/{data['asset_id']}", key=OTHER_KEY)).status_code == 404


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b"{}", "application/json", "expected multipart/form-data"),
        (
            b"--b\r\nContent-Disposition: form-data; name=other\r\n\r\nx\r\n--b--",
            "multipart/form-data; boundary=b",
            "named file",
        ),
    ],
)
async def test_an_upload_without_a_file_part_is_a_400_naming_file(
    send: Send, content: bytes, content_type: str, message: str
) -> None:
    response = await send("POST", "/v3/assets", content=content, headers={"Content-Type": content_type})
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == ("invalid_parameter", "file") and message in error["message"]


def test_a_file_over_32_mib_is_a_413(fake: FakeHeyGen) -> None:
    body, content_type = multipart(b"\0" * (32 * 1024 * 1024 + 1))
    with httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com") as client:
        response = client.post(
            "/v3/assets", content=body, headers={"x-api-key": KEY, "Content-Type": content_type}
        )
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large" and error_of(response)["param"] == "file"


def test_the_server_refuses_a_body_past_its_limit_with_a_v3_413_before_reading_it(fake: FakeHeyGen) -> None:
    head = f"POST /v3/assets HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\nContent-Length: {40 << 20}\r\n\r\n"
    with fake.serve() as url:
        parsed = urllib.parse.urlsplit(url)
        assert parsed.hostname is not None and parsed.port is not None
        status_line, body = _raw_exchange((parsed.hostname, parsed.port), head.encode())
    assert status_line.startswith(b"HTTP/1.1 413") and b"Connection: close" in status_line
    assert json.loads(body)["error"]["code"] == "payload_too_large"


async def test_a_photo_avatar_processes_then_completes_on_the_fake_clock(
    send: Send, clock: FakeClock
) -> None:
    asset_id = (await upload(send)).json()["data"]["asset_id"]
    created = (await create(send, {"type": "asset_id", "asset_id": asset_id})).json()["data"]
    look, group = created["avatar_item"], created["avatar_group"]
    assert (look["status"], group["status"], group["looks_count"]) == ("processing", "processing", 1)
    assert (look["image_width"], look["image_height"], look["preferred_orientation"]) == (4, 3, "landscape")
    assert look["group_id"] == group["id"] and look["avatar_type"] == "photo_avatar"
    clock.advance(5)
    assert (await send("GET", f"/v3/avatars/{group['id']}")).json()["data"]["status"] == "completed"
    assert (await send("GET", f"/v3/avatars/looks/{look['id']}")).json()["data"]["status"] == "completed"


async def test_photos_can_be_inline_base64_and_must_be_images(send: Send) -> None:
    inline = {"type": "base64", "media_type": "image/png", "data": base64.b64encode(PHOTO).decode()}
    assert (await create(send, inline)).json()["data"]["avatar_item"]["image_width"] == 4
    pdf = {"type": "base64", "media_type": "application/pdf", "data": base64.b64encode(b"%PDF-1").decode()}
    error = error_of(await create(send, pdf))
    assert (error["code"], error["param"]) == ("invalid_parameter", "file")
    bad = {"type": "base64", "media_type": "image/png", "data": "not base64!"}
    assert error_of(await create(send, bad))["param"] == "file.data"


async def test_unknown_references_are_404s_naming_the_field(send: Send) -> None:
    response = await create(send, {"type": "asset_id", "asset_id": "nope"})
    assert response.status_code == 404
    assert (error_of(response)["code"], error_of(response)["param"]) == ("asset_not_found", "file.asset_id")
    response = await create(send, avatar_group_id="nope")
    assert (response.status_code, error_of(response)["code"]) == (404, "avatar_not_found")
    assert error_of(response)["param"] == "avatar_group_id"


async def test_the_spec_refuses_bad_bodies_before_anything_happens(send: Send, fake: FakeHeyGen) -> None:
    response = await send("POST", "/v3/avatars", json={"type": "photo", "file": {"type": "url", "url": "u"}})
    assert response.status_code == 400 and error_of(response)["code"] == "invalid_parameter"
    assert "name" in error_of(response)["message"]
    assert (await send("GET", "/v3/avatars")).json()["data"] == []


async def test_a_look_added_to_a_group_and_prompt_looks_join_it(send: Send, clock: FakeClock) -> None:
    group = (await create(send)).json()["data"]["avatar_group"]
    clock.advance(5)
    added = (await create(send, avatar_group_id=group["id"], name="Anna at work")).json()["data"]
    assert added["avatar_group"]["looks_count"] == 2 and added["avatar_group"]["status"] == "completed"
    assert added["avatar_item"]["status"] == "processing"
    prompt = {
        "type": "prompt",
        "name": "Anna in a suit",
        "prompt": "navy suit",
        "avatar_id": added["avatar_item"]["id"],
    }
    made = (await send("POST", "/v3/avatars", json=prompt)).json()["data"]
    assert made["avatar_group"]["id"] == group["id"] and made["avatar_group"]["looks_count"] == 3


async def test_failure_and_consent_on_request(send: Send, fake: FakeHeyGen, clock: FakeClock) -> None:
    fake.queue_avatar_outcome("failed", code="face_not_detected", message="No face")
    fake.queue_avatar_outcome("pending_consent")
    failed = (await create(send)).json()["data"]["avatar_group"]
    waiting = (await create(send)).json()["data"]["avatar_group"]
    clock.advance(5)
    failed = (await send("GET", f"/v3/avatars/{failed['id']}")).json()["data"]
    assert (failed["status"], failed["error"]) == (
        "failed",
        {"code": "face_not_detected", "message": "No face"},
    )
    consent = await send("POST", f"/v3/avatars/{waiting['id']}/consent", json={})
    data = consent.json()["data"]
    assert data["url"].endswith(waiting["id"]) and data["avatar_group"]["consent_status"] == "pending"
    assert data["avatar_group"]["status"] == "pending_consent"
    fake.give_consent(waiting["id"])
    clock.advance(5)
    done = (await send("GET", f"/v3/avatars/{waiting['id']}")).json()["data"]
    assert (done["status"], done["consent_status"]) == ("completed", "approved")
    again = await send("POST", f"/v3/avatars/{waiting['id']}/consent")
    assert (again.status_code, error_of(again)["code"]) == (409, "consent_not_required")


async def test_fail_avatar_fails_a_processing_group_now(send: Send, fake: FakeHeyGen) -> None:
    group = (await create(send)).json()["data"]["avatar_group"]
    fake.fail_avatar(group["id"], code="blurry", message="Too blurry")
    assert (await send("GET", f"/v3/avatars/{group['id']}")).json()["data"]["error"]["code"] == "blurry"
    with pytest.raises(ValueError, match="nothing to fail"):
        fake.fail_avatar(group["id"])


async def test_cursor_pages_cover_every_group_once(send: Send) -> None:
    made = [(await create(send, name=f"g{i}")).json()["data"]["avatar_group"]["id"] for i in range(5)]
    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        query = "?limit=2" + (f"&token={token}" if token else "")
        page = (await send("GET", "/v3/avatars" + query)).json()
        pages += 1
        seen += [group["id"] for group in page["data"]]
        if not page["has_more"]:
            assert page["next_token"] is None
            break
        token = page["next_token"]
    assert pages == 3 and sorted(seen) == sorted(made) and len(seen) == 5


@pytest.mark.parametrize(
    ("query", "param"),
    [("?limit=0", "limit"), ("?limit=51", "limit"), ("?limit=x", "limit"), ("?token=zz", "token")],
)
async def test_bad_page_parameters_are_400s_naming_them(send: Send, query: str, param: str) -> None:
    response = await send("GET", "/v3/avatars" + query)
    assert response.status_code == 400 and error_of(response)["param"] == param


async def test_looks_list_filters_and_is_not_taken_for_a_group_called_looks(
    send: Send, fake: FakeHeyGen
) -> None:
    fake.add_public_avatar_group("Stock", looks=2)
    mine = (await create(send)).json()["data"]
    await create(send)
    by_group = (await send("GET", f"/v3/avatars/looks?group_id={mine['avatar_group']['id']}")).json()["data"]
    assert [look["id"] for look in by_group] == [mine["avatar_item"]["id"]]
    public = (await send("GET", "/v3/avatars/looks?ownership=public")).json()["data"]
    assert len(public) == 2 and {look["status"] for look in public} == {None}
    assert len((await send("GET", "/v3/avatars/looks?avatar_type=photo_avatar")).json()["data"]) == 2
    assert (await send("GET", "/v3/avatars/looks?group_id=nope")).json()["data"] == []


async def test_rename_and_delete(send: Send) -> None:
    created = (await create(send)).json()["data"]
    look_id, group_id = created["avatar_item"]["id"], created["avatar_group"]["id"]
    renamed = await send("PATCH", f"/v3/avatars/looks/{look_id}", json={"name": "Anna (studio)"})
    assert renamed.json()["data"]["name"] == "Anna (studio)"
    assert (await send("DELETE", f"/v3/avatars/looks/{look_id}")).json() == {"data": {"id": look_id}}
    assert (await send("GET", f"/v3/avatars/{group_id}")).json()["data"]["looks_count"] == 0
    assert (await send("DELETE", f"/v3/avatars/{group_id}")).json() == {"data": {"id": group_id}}
    gone = await send("GET", f"/v3/avatars/{group_id}")
    assert (gone.status_code, error_of(gone)["code"]) == (404, "avatar_not_found")


async def test_an_idempotency_key_replays_the_first_answer_for_24_hours(send: Send, clock: FakeClock) -> None:
    first = await create(send, idempotency_key="create-anna-1")
    again = await create(send, idempotency_key="create-anna-1", name="Different body, same key")
    assert again.status_code == 200 and again.content == first.content
    assert len((await send("GET", "/v3/avatars")).json()["data"]) == 1
    other_account = await create(send, idempotency_key="create-anna-1")
    assert other_account.content == first.content  # same account: same key
    clock.advance(24 * 60 * 60)
    later = await create(send, idempotency_key="create-anna-1")
    assert later.json()["data"]["avatar_group"]["id"] != first.json()["data"]["avatar_group"]["id"]


async def test_a_refused_request_does_not_use_up_its_key(send: Send) -> None:
    refused = await send("POST", "/v3/avatars", json={"type": "photo"}, headers={"Idempotency-Key": "k-1"})
    assert refused.status_code == 400
    assert (await create(send, idempotency_key="k-1")).status_code == 200


async def test_a_malformed_idempotency_key_is_a_400_naming_the_header(send: Send) -> None:
    response = await create(send, idempotency_key="not allowed!")
    assert response.status_code == 400 and error_of(response)["param"] == "Idempotency-Key"


async def test_a_lost_answer_then_409_while_running_then_the_replay(
    send: Send, fake: FakeHeyGen, clock: FakeClock
) -> None:
    fake.drop_response("create_avatar", running_seconds=2)
    with pytest.raises(httpx.RemoteProtocolError):
        await create(send, idempotency_key="retry-me")
    busy = await create(send, idempotency_key="retry-me")
    assert (busy.status_code, error_of(busy)["code"]) == (409, "request_in_progress")
    clock.advance(2)
    replay = await create(send, idempotency_key="retry-me")
    assert replay.status_code == 200
    groups = (await send("GET", "/v3/avatars")).json()["data"]
    assert [group["id"] for group in groups] == [replay.json()["data"]["avatar_group"]["id"]]


async def test_queued_errors_on_v3_operations_use_the_v3_shape(send: Send, fake: FakeHeyGen) -> None:
    fake.queue_error(429, operation="create_avatar", headers={"Retry-After": "3"})
    fake.queue_error(500, operation="create_avatar")
    limited = await create(send, idempotency_key="k")
    assert (limited.status_code, limited.headers["Retry-After"], error_of(limited)["code"]) == (
        429,
        "3",
        "rate_limit_exceeded",
    )
    assert error_of(await create(send, idempotency_key="k"))["code"] == "internal_error"
    assert (await create(send, idempotency_key="k")).status_code == 200  # the errors did not use the key


async def test_keys_are_checked_with_the_v3_error_shape(send: Send) -> None:
    for key, message in ((None, "No API key"), ("who-is-this", "invalid or expired")):
        response = await send("GET", "/v3/avatars", key=key)
        assert response.status_code == 401
        assert (
            error_of(response)["code"] == "authentication_failed" and message in error_of(response)["message"]
        )


async def test_unknown_v3_paths_and_methods_answer_in_the_v3_shape(send: Send) -> None:
    assert error_of(await send("GET", "/v3/nothing"))["code"] == "not_found"
    wrong = await send("DELETE", "/v3/avatars/looks")
    assert (wrong.status_code, wrong.headers["Allow"], error_of(wrong)["code"]) == (
        405,
        "GET",
        "method_not_allowed",
    )


def test_queue_error_and_drop_response_check_their_arguments(fake: FakeHeyGen) -> None:
    with pytest.raises(ValueError, match="not a documented error of create_avatar"):
        fake.queue_error(418, operation="create_avatar")
    with pytest.raises(ValueError, match="operation must be one of"):
        fake.drop_response("nope")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status must be"):
        fake.queue_avatar_outcome("ready")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        fake.asset_content("nope")


def test_v3_errors_carry_param_and_doc_url_keys(fake: FakeHeyGen) -> None:
    reply = fake.handle("GET", "/v3/avatars?limit=99", {"x-api-key": KEY})
    assert json.loads(reply.body)["error"]["param"] == "limit"
