"""Idempotency keys on v3 creates and uploads, over real sockets: one key per logical call, the
same on every retry, checked before sending, and on the error and the raw response after."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import heygen
from tests.support.server import Reply, Reset, ScriptedServer
from tests.support.v3 import JPEG, call, creation_body, upload_body, v3_error
from tests.unit.conftest import ClientFactory

KEY = "idempotency-key"
CREATED = Reply(200, creation_body())
SERVER_ERROR = Reply(500, v3_error("internal_error", "try again"))


def _create(**kwargs: Any) -> dict[str, Any]:
    return {"name": "Anna", "photo": JPEG, **kwargs}


def _keys(server: ScriptedServer) -> list[str | None]:
    return [received.headers.get(KEY) for received in server.received]


@pytest.mark.parametrize(
    ("first", "what"),
    [(SERVER_ERROR, "a 500"), (Reset(), "a connection dropped after the request was sent")],
)
async def test_a_create_is_retried_with_the_same_key_and_returns_the_one_avatar(
    make_api: ClientFactory, server: ScriptedServer, first: Reply | Reset, what: str
) -> None:
    client = make_api().client
    server.queue(first, CREATED)
    creation = await call(client, "avatars.create_photo", **_create())
    assert creation.look.id == "look_abc123" and creation.group_id == "ag_abc123", what
    keys = _keys(server)
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0] is not None
    assert uuid.UUID(keys[0])  # a fresh UUID when the caller gives none
    assert server.received[0].body == server.received[1].body  # the same request, re-sent


async def test_each_call_gets_its_own_key(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(CREATED, CREATED)
    await call(client, "avatars.create_photo", **_create())
    await call(client, "avatars.create_photo", **_create())
    first, second = _keys(server)
    assert first != second


async def test_the_callers_key_is_sent_on_every_attempt(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(SERVER_ERROR, SERVER_ERROR, CREATED)
    await call(client, "avatars.create_photo", **_create(idempotency_key="photo:anna.2026-11-30_v1"))
    assert _keys(server) == ["photo:anna.2026-11-30_v1"] * 3


@pytest.mark.parametrize("fault", [SERVER_ERROR, Reset()], ids=["500", "reset-after-send"])
async def test_without_retries_the_error_carries_the_key(
    make_api: ClientFactory, server: ScriptedServer, fault: Reply | Reset
) -> None:
    client = make_api(max_retries=0).client
    server.queue(fault)
    with pytest.raises(heygen.APIError) as caught:
        await call(client, "avatars.create_photo", **_create())
    key = caught.value.idempotency_key
    assert key is not None and _keys(server) == [key]
    assert f"idempotency_key={key!r}" in str(caught.value)  # the message says how to retry safely
    # Retrying later with the error's key is the documented recovery; the server sees the same key.
    server.queue(CREATED)
    await call(client, "avatars.create_photo", **_create(idempotency_key=key))
    assert _keys(server) == [key, key]


async def test_the_raw_response_carries_the_key(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(CREATED)
    raw = await call(client, "avatars.with_raw_response.create_photo", **_create(idempotency_key="k-1"))
    assert raw.idempotency_key == "k-1" and raw.parsed.look.id == "look_abc123"


@pytest.mark.parametrize(
    "key", ["", "a" * 256, "has space", "ünïcode", "semi;colon", "new\nline", "slash/no"]
)
async def test_a_key_heygen_would_refuse_is_refused_before_sending(
    make_api: ClientFactory, server: ScriptedServer, key: str
) -> None:
    client = make_api().client
    with pytest.raises(ValueError, match="idempotency_key"):
        await call(client, "avatars.create_photo", **_create(idempotency_key=key))
    with pytest.raises(ValueError, match="idempotency_key"):
        await call(client, "assets.upload", JPEG, idempotency_key=key)
    assert server.received == []


async def test_the_longest_key_heygen_allows_is_accepted(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(CREATED)
    key = "A-z0_9:." * 31 + "abcdefg"
    assert len(key) == 255
    await call(client, "avatars.create_photo", **_create(idempotency_key=key))
    assert _keys(server) == [key]


async def test_request_in_progress_is_retried_other_409s_are_not(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    client = make_api().client
    server.queue(Reply(409, v3_error("REQUEST_IN_PROGRESS", "the first one is still running")), CREATED)
    await call(client, "avatars.create_photo", **_create())
    assert len(server.received) == 2
    server.reset()
    server.queue(Reply(409, v3_error("resource_not_ready", "not yet")))
    with pytest.raises(heygen.ConflictError) as caught:
        await call(client, "avatars.create_photo", **_create())
    assert len(server.received) == 1 and caught.value.code == "resource_not_ready"


async def test_an_upload_is_retried_whole_with_the_same_key(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Any
) -> None:
    client = make_api().client
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG + bytes(range(256)) * 4000)  # about 1 MB: streamed, not inline
    server.queue(SERVER_ERROR, Reply(200, upload_body()))
    await call(client, "assets.upload", photo)
    first, second = server.received
    assert first.headers[KEY] == second.headers[KEY]
    # Each attempt carries the whole file (the multipart boundary differs between attempts).
    assert photo.read_bytes() in first.body and photo.read_bytes() in second.body


async def test_a_large_photo_is_uploaded_first_under_the_creates_key(
    make_api: ClientFactory, server: ScriptedServer, tmp_path: Any
) -> None:
    client = make_api().client
    photo = tmp_path / "big.jpg"
    photo.write_bytes(JPEG + b"\x00" * (2 * 1024 * 1024))
    server.queue(Reply(200, upload_body(asset_id="asset_big")), CREATED)
    creation = await call(client, "avatars.create_photo", name="Anna", photo=photo, idempotency_key="k-9")
    upload, create = server.received
    assert (upload.method, upload.path, create.method, create.path) == (
        "POST",
        "/v3/assets",
        "POST",
        "/v3/avatars",
    )
    assert upload.headers[KEY] == create.headers[KEY] == "k-9"
    assert create.json()["file"] == {"type": "asset_id", "asset_id": "asset_big"}
    assert creation.photo_sent_as == "asset_id"


async def test_reads_send_no_key(make_api: ClientFactory, server: ScriptedServer) -> None:
    client = make_api().client
    server.queue(Reply(200, {"data": {"id": "ag_abc123"}}))
    await call(client, "avatars.delete", "ag_abc123")
    assert _keys(server) == [None]
