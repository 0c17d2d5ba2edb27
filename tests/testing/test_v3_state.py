"""The fake's v3 state on its own: processing on the clock, outcomes, consent, pages, idempotency,
and the file helpers (media sniffing, image sizes, multipart), without HTTP or the spec."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from heygen.testing import FakeClock
from heygen.testing._v3._idempotency import REPLAY_WINDOW_SECONDS, IdempotencyStore, InProgress
from heygen.testing._v3._media import image_size, sniff_media_type
from heygen.testing._v3._multipart import MultipartError, parse_form
from heygen.testing._v3._state import (
    MAX_ASSET_BYTES,
    Conflict,
    Invalid,
    NotFound,
    Outcome,
    Photo,
    Store,
    decode_base64_photo,
)

KEY = "key-a"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
JPEG = JPEG_HEAD + b"\xff\xc0\x00\x11\x08\x00\x30\x00\x40\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> Store:
    return Store(clock, processing_seconds=10)


def photo() -> Photo:
    return Photo(png(3, 4), "image/png", None)


def test_a_new_group_and_its_look_process_together_then_complete(store: Store, clock: FakeClock) -> None:
    look, group = store.create_photo(KEY, "Anna", photo(), None)
    assert store.status(group.processing) == ("processing", None)
    assert look.group_id == group.id and group.look_ids == [look.id] and look.image_size == (3, 4)
    clock.advance(9.9)
    assert store.status(look.processing)[0] == "processing"
    clock.advance(0.1)
    assert store.status(group.processing) == ("completed", None)
    assert store.status(look.processing) == ("completed", None)


def test_a_look_added_to_a_completed_group_has_its_own_processing(store: Store, clock: FakeClock) -> None:
    _, group = store.create_photo(KEY, "Anna", photo(), None)
    clock.advance(10)
    look, same = store.create_photo(KEY, "Anna at work", photo(), group.id)
    assert same is group and len(group.look_ids) == 2
    assert store.status(group.processing)[0] == "completed"
    assert store.status(look.processing)[0] == "processing"


def test_queued_outcomes_apply_to_the_next_creations_in_order(store: Store, clock: FakeClock) -> None:
    store.queued_outcomes += [Outcome("failed", "no_face", "No face found"), Outcome("pending_consent")]
    _, failed = store.create_photo(KEY, "a", photo(), None)
    _, waiting = store.create_photo(KEY, "b", photo(), None)
    _, fine = store.create_photo(KEY, "c", photo(), None)
    clock.advance(10)
    assert store.status(failed.processing) == ("failed", {"code": "no_face", "message": "No face found"})
    assert store.status(waiting.processing) == ("pending_consent", None)
    assert store.status(fine.processing) == ("completed", None)


def test_consent_waits_for_the_person_then_restarts_the_group_and_its_first_look(
    store: Store, clock: FakeClock
) -> None:
    store.queued_outcomes.append(Outcome("pending_consent"))
    look, group = store.create_photo(KEY, "a", photo(), None)
    with pytest.raises(Conflict, match="not waiting for consent") as refused:
        store.consent(KEY, group.id, video=False)  # still processing
    assert refused.value.code == "consent_not_required"
    clock.advance(10)
    store.consent(KEY, group.id, video=False)
    assert group.consent_status == "pending" and store.status(group.processing)[0] == "pending_consent"
    store.give_consent(None, group.id)  # what the person does on the consent page
    assert group.consent_status == "approved"
    assert store.status(group.processing)[0] == "processing" and look.processing is group.processing
    clock.advance(10)
    assert store.status(look.processing)[0] == "completed"
    with pytest.raises(ValueError, match="waiting for consent"):
        store.give_consent(None, group.id)


def test_a_consent_video_counts_as_consent_given(store: Store, clock: FakeClock) -> None:
    store.queued_outcomes.append(Outcome("pending_consent"))
    _, group = store.create_photo(KEY, "a", photo(), None)
    clock.advance(10)
    store.consent(KEY, group.id, video=True)
    assert group.consent_status == "approved" and store.status(group.processing)[0] == "processing"


def test_a_prompt_look_with_a_reference_joins_the_reference_group(store: Store) -> None:
    reference, group = store.create_photo(KEY, "a", photo(), None)
    look, same = store.create_prompt(KEY, "a in a suit", None, reference.id)
    assert same is group and look.image_size == (3, 4)
    _, other = store.create_photo(KEY, "b", photo(), None)
    with pytest.raises(Invalid) as refused:
        store.create_prompt(KEY, "x", other.id, reference.id)
    assert refused.value.param == "avatar_group_id"
    with pytest.raises(NotFound) as missing:
        store.create_prompt(KEY, "x", None, "nope")
    assert missing.value.param == "avatar_id"


def test_fail_stops_a_processing_now_and_refuses_when_nothing_is_processing(
    store: Store, clock: FakeClock
) -> None:
    look, group = store.create_photo(KEY, "a", photo(), None)
    clock.advance(2)
    store.fail(look.id, Outcome("failed", "bad", "Bad photo"), None)
    assert store.status(group.processing) == ("failed", {"code": "bad", "message": "Bad photo"})
    with pytest.raises(ValueError, match="nothing to fail"):
        store.fail(group.id, Outcome("failed"), None)


def test_accounts_are_separate(store: Store) -> None:
    _, group = store.create_photo(KEY, "a", photo(), None)
    with pytest.raises(NotFound):
        store.group("key-b", group.id)


def test_pages_are_newest_first_never_overlap_and_survive_deletions(store: Store) -> None:
    ids = [store.create_photo(KEY, f"g{i}", photo(), None)[1].id for i in range(5)]
    first = store.list_groups(KEY, 2, None)
    assert [g.id for g in first.items] == ids[:-3:-1] and first.has_more and first.next_token
    store.delete_group(KEY, ids[2])  # the next page's first item disappears meanwhile
    second = store.list_groups(KEY, 2, first.next_token)
    assert [g.id for g in second.items] == [ids[1], ids[0]] and not second.has_more
    assert second.next_token is None


def test_a_token_the_api_did_not_make_is_refused_naming_the_param(store: Store) -> None:
    with pytest.raises(Invalid) as refused:
        store.list_groups(KEY, 10, "not-a-token")
    assert refused.value.param == "token"


def test_looks_filter_by_group_type_and_ownership(store: Store) -> None:
    store.add_public_group("Stock", 2)
    look, group = store.create_photo(KEY, "mine", photo(), None)
    store.create_photo(KEY, "other", photo(), None)
    assert [item.id for item in store.list_looks(KEY, 50, None, group_id=group.id).items] == [look.id]
    assert len(store.list_looks(KEY, 50, None, ownership="public").items) == 2
    assert {item.avatar_type for item in store.list_looks(KEY, 50, None, ownership="private").items} == {
        "photo_avatar"
    }
    assert len(store.list_looks(KEY, 50, None, avatar_type="studio_avatar").items) == 2
    assert store.list_looks(KEY, 50, None, ownership="shared").items == []
    assert store.list_looks(KEY, 50, None, group_id="nope").items == []


def test_deleting_a_look_updates_its_group_and_deleting_a_group_removes_its_looks(store: Store) -> None:
    look, group = store.create_photo(KEY, "a", photo(), None)
    extra, _ = store.create_photo(KEY, "b", photo(), group.id)
    store.delete_look(KEY, look.id)
    assert group.look_ids == [extra.id]
    store.delete_group(KEY, group.id)
    with pytest.raises(NotFound):
        store.look(KEY, extra.id)


def test_rename_keeps_the_name_when_none(store: Store) -> None:
    look, _ = store.create_photo(KEY, "a", photo(), None)
    assert store.rename_look(KEY, look.id, None).name == "a"
    assert store.rename_look(KEY, look.id, "b").name == "b"


def test_uploads_keep_bytes_and_type_and_refuse_empty_or_too_large(store: Store) -> None:
    asset = store.upload(KEY, JPEG, "C:\\photos\\me.jpg", None)
    assert (asset.data, asset.mime_type, asset.name) == (JPEG, "image/jpeg", "me.jpg")
    assert asset.url.endswith(f"/{asset.id}/me.jpg")
    with pytest.raises(Invalid, match="empty"):
        store.upload(KEY, b"", "x", None)
    with pytest.raises(Invalid, match="larger"):
        store.upload(KEY, b"x" * (MAX_ASSET_BYTES + 1), "x", None)


def test_a_photo_must_be_an_image(store: Store) -> None:
    with pytest.raises(Invalid, match="must be an image, not application/pdf") as refused:
        store.create_photo(KEY, "a", Photo(b"%PDF-1.4", None, None), None)
    assert refused.value.param == "file"


def test_base64_photos_are_decoded_strictly() -> None:
    assert decode_base64_photo(base64.b64encode(JPEG).decode()) == JPEG
    for bad in ("***", ""):
        with pytest.raises(Invalid) as refused:
            decode_base64_photo(bad)
        assert refused.value.param == "file.data"


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (png(1, 1), None, "image/png"),
        (JPEG, "application/octet-stream", "image/jpeg"),
        (b"GIF89a\x02\x00\x03\x00", None, "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", None, "image/webp"),
        (b"\x00\x00\x00\x18ftypmp42", None, "video/mp4"),
        (b"hello", None, "application/octet-stream"),
        (b"hello", "Text/Plain; charset=utf-8", "text/plain"),
    ],
)
def test_media_types_are_declared_or_sniffed(data: bytes, declared: str | None, expected: str) -> None:
    assert sniff_media_type(data, declared) == expected


def test_image_sizes_come_from_png_gif_and_jpeg_headers() -> None:
    assert image_size(png(640, 480)) == (640, 480)
    assert image_size(b"GIF89a\x02\x00\x03\x00") == (2, 3)
    assert image_size(JPEG) == (64, 48)
    assert image_size(b"\xff\xd8\x00") is None and image_size(b"nope") is None


def form(*parts: bytes, boundary: str = "b0undary") -> tuple[str, bytes]:
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
    return f"multipart/form-data; boundary={boundary}", body + b"--" + boundary.encode() + b"--\r\n"


def test_multipart_forms_are_split_into_named_parts() -> None:
    content_type, body = form(
        b'Content-Disposition: form-data; name="file"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        + JPEG,
        b'Content-Disposition: form-data; name="note"\r\n\r\nhi\r\nthere',
    )
    file, note = parse_form(content_type, body)
    assert (file.name, file.filename, file.content_type, file.data) == ("file", "me.jpg", "image/jpeg", JPEG)
    assert (note.name, note.filename, note.data) == ("note", None, b"hi\r\nthere")


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/json", b"{}", "expected multipart/form-data"),
        ("multipart/form-data", b"", "no boundary"),
        ("multipart/form-data; boundary=x", b"nothing", "does not contain"),
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
            "truncated",
        ),
        ("multipart/form-data; boundary=x", b"--x\r\nX-Other: 1\r\n\r\ndata\r\n--x--", "Content-Disposition"),
        ("multipart/form-data; boundary=x", b"--xjunk", "no line break"),
    ],
)
def test_malformed_multipart_bodies_are_refused_saying_why(
    content_type: str, body: bytes, message: str
) -> None:
    with pytest.raises(MultipartError, match=message):
        parse_form(content_type, body)


def test_idempotency_replays_for_24_hours_and_reports_a_running_first_request(clock: FakeClock) -> None:
    keys = IdempotencyStore(clock)
    assert keys.replay("k") is None
    keys.remember("k", 200, {"A": "1"}, b"first", running_seconds=5)
    with pytest.raises(InProgress):
        keys.replay("k")
    clock.advance(5)
    assert keys.replay("k") == (200, {"A": "1"}, b"first")
    clock.advance(REPLAY_WINDOW_SECONDS - 5.001)
    assert keys.replay("k") is not None
    clock.advance(0.001)
    assert keys.replay("k") is None
