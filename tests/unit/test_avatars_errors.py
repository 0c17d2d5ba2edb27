"""v3 error bodies map to the one error tree, with HeyGen's code, param and doc_url; and the
photo argument is checked before anything is sent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import heygen
from tests.support.server import Reply, ScriptedServer
from tests.support.v3 import JPEG, call, creation_body, v3_error
from tests.unit.conftest import ClientFactory


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (400, "invalid_parameter", heygen.BadRequestError),
        (400, "download_failed", heygen.BadRequestError),
        (401, "authentication_failed", heygen.AuthenticationError),
        (402, "insufficient_credit", heygen.PaymentRequiredError),
        (403, "insufficient_api_key_scope", heygen.PermissionDeniedError),
        (404, "avatar_not_found", heygen.NotFoundError),
        (409, "resource_not_ready", heygen.ConflictError),
        (413, "payload_too_large", heygen.APIStatusError),
        (429, "rate_limit_exceeded", heygen.RateLimitError),
        (500, "internal_error", heygen.InternalServerError),
    ],
)
async def test_v3_errors_map_by_status(
    make_api: ClientFactory, server: ScriptedServer, status: int, code: str, error_class: type[Exception]
) -> None:
    client = make_api(max_retries=0).client
    body = v3_error(
        code, "What went wrong", param="file", doc_url="https://developers.heygen.com/docs/error-codes"
    )
    server.queue(Reply(status, body, {"retry-after": "3"} if status == 429 else {}))
    with pytest.raises(heygen.APIStatusError) as caught:
        await call(client, "avatars.retrieve", "ag_abc123")
    error = caught.value
    assert type(error) is error_class
    assert (error.status_code, error.code, error.param) == (status, code, "file")
    assert error.doc_url == "https://developers.heygen.com/docs/error-codes"
    assert "What went wrong" in str(error)


async def test_insufficient_credit_says_so_plainly(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(402, v3_error("INSUFFICIENT_CREDIT", "Your account has 0 credits.")))
    with pytest.raises(heygen.PaymentRequiredError) as caught:
        await call(client, "avatars.create_photo", name="Anna", photo=JPEG)
    text = str(caught.value)
    assert "too little credit" in text and "add credit" in text
    assert len(server.received) == 1  # not retried


async def test_errors_without_v3_details_have_none(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api(max_retries=0).client
    server.queue(Reply(400, {"error": {"code": "invalid_parameter", "message": "bad"}}))
    with pytest.raises(heygen.BadRequestError) as caught:
        await call(client, "avatars.retrieve", "ag_abc123")
    assert caught.value.param is None and caught.value.doc_url is None


@pytest.mark.parametrize(
    ("photo", "error", "match"),
    [
        ("face.jpg", ValueError, r"https:// URL.*pathlib.Path\('face.jpg'\)"),
        ("ag_abc123", ValueError, "https:// URL"),
        ("http://example.com/face.jpg", ValueError, "https only"),
        ("https://", ValueError, "no host"),
        ("https:///face.jpg", ValueError, "no host"),
        ("https://example.com:99999/face.jpg", ValueError, "not a valid URL"),
        ("https://example.com:port/face.jpg", ValueError, "not a valid URL"),
        ("https://[::1/face.jpg", ValueError, "not a valid URL"),
        ("https://example.com/fa\x00ce.jpg", ValueError, "not a valid URL"),
        (None, TypeError, "https:// URL"),
        (42, TypeError, "https:// URL"),
        (b"plain text, not a picture", ValueError, "does not look like an image"),
        (io.StringIO("x"), TypeError, "binary"),
    ],
)
async def test_a_photo_in_a_form_heygen_cannot_take_is_refused_before_sending(
    make_api: ClientFactory, server: ScriptedServer, photo: object, error: type[Exception], match: str
) -> None:
    client = make_api().client
    with pytest.raises(error, match=match):
        await call(client, "avatars.create_photo", name="Anna", photo=photo)
    assert server.received == []


async def test_each_photo_form_becomes_heygens_file_object(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Path
) -> None:
    client = make_api().client
    path = tmp_path / "face.jpg"
    path.write_bytes(JPEG)
    uploaded = heygen.UploadedAsset(
        asset_id="asset_up", url="https://x", mime_type="image/jpeg", size_bytes=1
    )
    forms: list[tuple[object, dict[str, str], str]] = [
        ("https://example.com/a.jpg", {"type": "url", "url": "https://example.com/a.jpg"}, "url"),
        (uploaded, {"type": "asset_id", "asset_id": "asset_up"}, "asset_id"),
        (path, {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAAAAAAAAAAAAAAAAAA"}, "base64"),
    ]
    for photo, expected, sent_as in forms:
        server.reset()
        server.queue(Reply(200, creation_body()))
        creation = await call(client, "avatars.create_photo", name="Anna", photo=photo)
        sent = server.received[0].json()
        assert sent["type"] == "photo" and sent["name"] == "Anna"
        if expected["type"] == "base64":
            assert sent["file"]["type"] == "base64" and sent["file"]["media_type"] == "image/jpeg"
            assert sent["file"]["data"].startswith(expected["data"][:8])
        else:
            assert sent["file"] == expected
        assert creation.photo_sent_as == sent_as


async def test_a_create_answer_without_a_look_is_a_validation_error(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {"avatar_item": None, "avatar_group": None}}))
    with pytest.raises(heygen.APIResponseValidationError, match="avatar_item is missing"):
        await call(client, "avatars.create_photo", name="Anna", photo=JPEG)


@pytest.mark.parametrize("group_id", ["", " g", "..", 7])
async def test_bad_ids_fail_before_sending(
    make_api: ClientFactory, server: ScriptedServer, group_id: object
) -> None:
    client = make_api().client
    with pytest.raises((TypeError, ValueError), match="group_id"):
        await call(client, "avatars.retrieve", group_id)
    assert server.received == []
