"""`heygen.webhooks.verify`: a table of good and bad deliveries, and properties finding no bypass."""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import heygen
from heygen.webhooks import WebhookEventType, sign, verify
from tests.webhooks._deliveries import EVENT, NOW, OTHER_SECRET, SECRET, body_of, headers_for

Delivery = tuple[bytes, Any]


def _good() -> Delivery:
    body = body_of()
    return body, headers_for(body)


def _tampered() -> Delivery:
    body = body_of()
    headers = headers_for(body)
    return body.replace(b"group-1", b"group-2"), headers


def _reencoded() -> Delivery:
    body = body_of()
    headers = headers_for(body)
    return json.dumps(json.loads(body), indent=2).encode(), headers


def _wrong_secret() -> Delivery:
    body = body_of()
    return body, headers_for(body, secret=OTHER_SECRET)


def _without(name: str) -> Callable[[], Delivery]:
    def make() -> Delivery:
        body = body_of()
        headers = headers_for(body)
        del headers[name]
        return body, headers

    return make


def _with(name: str, value: str) -> Callable[[], Delivery]:
    def make() -> Delivery:
        body = body_of()
        return body, {**headers_for(body), name: value}

    return make


def _at(timestamp: float) -> Callable[[], Delivery]:
    def make() -> Delivery:
        body = body_of()
        return body, headers_for(body, timestamp=timestamp)

    return make


def _signed(body: bytes) -> Callable[[], Delivery]:
    return lambda: (body, headers_for(body))


def _lower_case_pairs() -> Delivery:
    body = body_of()
    return body, [(k.lower().encode(), v.encode()) for k, v in headers_for(body).items()]


def _upper_hex() -> Delivery:
    body = body_of()
    headers = headers_for(body)
    headers["Heygen-Signature"] = headers["Heygen-Signature"].upper()
    return body, headers


def _repeated_signature() -> Delivery:
    body = body_of()
    headers = headers_for(body)
    return body, [*headers.items(), ("heygen-signature", sign(body, OTHER_SECRET))]


# (case, delivery, expected reason or None for accepted)
TABLE: list[tuple[str, Callable[[], Delivery], str | None]] = [
    ("good", _good, None),
    ("good, header names in any case, bytes pairs", _lower_case_pairs, None),
    ("good, upper-case hex", _upper_hex, None),
    ("good, 299 s old", _at(NOW - 299), None),
    ("good, 299 s ahead", _at(NOW + 299), None),
    ("good, no Heygen-Event-Id (it is not signed)", _without("Heygen-Event-Id"), None),
    ("tampered body", _tampered, "bad_signature"),
    ("re-encoded JSON", _reencoded, "bad_signature"),
    ("wrong secret", _wrong_secret, "bad_signature"),
    ("stale timestamp", _at(NOW - 301), "timestamp_too_old"),
    ("very stale timestamp", _at(NOW - 86_400), "timestamp_too_old"),
    ("future timestamp", _at(NOW + 301), "timestamp_in_future"),
    ("missing signature", _without("Heygen-Signature"), "missing_header"),
    ("missing timestamp", _without("Heygen-Timestamp"), "missing_header"),
    ("empty signature", _with("Heygen-Signature", ""), "missing_header"),
    ("signature not hex", _with("Heygen-Signature", "z" * 64), "malformed_header"),
    ("signature truncated", _with("Heygen-Signature", "ab" * 31), "malformed_header"),
    ("signature with a prefix", _with("Heygen-Signature", "sha256=" + "a" * 64), "malformed_header"),
    ("timestamp not a number", _with("Heygen-Timestamp", "yesterday"), "malformed_header"),
    ("timestamp negative", _with("Heygen-Timestamp", "-5"), "malformed_header"),
    ("signature sent twice", _repeated_signature, "malformed_header"),
    ("signed, but not JSON", _signed(b"hello"), "not_an_event"),
    ("signed, but a JSON list", _signed(b"[]"), "not_an_event"),
    ("signed, no event_id", _signed(body_of({**EVENT, "event_id": None})), "not_an_event"),
    (
        "signed, no event_type",
        _signed(body_of({k: v for k, v in EVENT.items() if k != "event_type"})),
        "not_an_event",
    ),
    ("signed, event_data a list", _signed(body_of({**EVENT, "event_data": []})), "not_an_event"),
    ("signed, bad created_at", _signed(body_of({**EVENT, "created_at": "soon"})), "not_an_event"),
]


@pytest.mark.parametrize(("case", "make", "reason"), TABLE, ids=[case for case, _, _ in TABLE])
def test_each_delivery_gets_the_right_outcome(
    case: str, make: Callable[[], Delivery], reason: str | None
) -> None:
    body, headers = make()
    if reason is None:
        event = verify(body, headers, secret=SECRET, now=NOW)
        assert event.event_id == "evt_abc123"
        return
    with pytest.raises(heygen.WebhookVerificationError) as caught:
        verify(body, headers, secret=SECRET, now=NOW)
    assert caught.value.reason == reason
    assert isinstance(caught.value, heygen.HeyGenError)
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


def test_a_verified_event_carries_its_fields() -> None:
    body, headers = _good()
    event = verify(body, headers, secret=SECRET, now=NOW)
    assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS
    assert event.raw_event_type == "photo_avatar_train.success"
    assert event.created_at == datetime(2026, 3, 25, 12, 5, tzinfo=UTC)
    assert event.data == {"group_id": "group-1", "flow_id": "flow-9"}
    assert event.delivery_id == "evt_abc123"
    assert event.delivered_at == datetime.fromtimestamp(NOW, UTC)
    assert event.avatar_video() is None


def test_a_new_event_type_reads_as_unknown_and_keeps_its_text() -> None:
    body = body_of({**EVENT, "event_type": "photo_avatar_dance.success"})
    event = verify(body, headers_for(body), secret=SECRET, now=NOW)
    assert event.event_type is WebhookEventType.UNKNOWN
    assert event.raw_event_type == "photo_avatar_dance.success"


def test_the_one_documented_payload_has_a_typed_view() -> None:
    data = {"video_id": "vid_xyz789", "url": "https://files.example/v.mp4", "folder_id": None}
    body = body_of({**EVENT, "event_type": "avatar_video.success", "event_data": data})
    view = verify(body, headers_for(body), secret=SECRET, now=NOW).avatar_video()
    assert view is not None
    assert (view.video_id, view.url, view.folder_id, view.callback_id) == (
        "vid_xyz789",
        "https://files.example/v.mp4",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("created_at", "expected"),
    [
        ("2026-03-25T12:05:00", datetime(2026, 3, 25, 12, 5, tzinfo=UTC)),
        ("2026-03-25T14:05:00+02:00", datetime(2026, 3, 25, 12, 5, tzinfo=UTC)),
        (1_774_440_300, datetime(2026, 3, 25, 12, 5, tzinfo=UTC)),
    ],
)
def test_created_at_is_always_an_aware_utc_datetime(created_at: object, expected: datetime) -> None:
    body = body_of({**EVENT, "created_at": created_at})
    event = verify(body, headers_for(body), secret=SECRET, now=NOW)
    assert event.created_at == expected and event.created_at.tzinfo is UTC


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (EVENT, "parsed dict"),
        (body_of().decode(), "got str"),
        ([1], "parsed list"),
        (None, "NoneType"),
    ],
)
def test_anything_but_raw_bytes_is_refused_saying_why(body: object, fragment: str) -> None:
    with pytest.raises(TypeError, match="raw request bytes") as caught:
        verify(body, headers_for(body_of()), secret=SECRET, now=NOW)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"secret": ""}, ValueError),
        ({"secret": SECRET + "\n"}, ValueError),
        ({"secret": None}, TypeError),
        ({"secret": SECRET, "tolerance": 0}, ValueError),
        ({"secret": SECRET, "tolerance": float("inf")}, ValueError),
        ({"secret": SECRET, "tolerance": True}, TypeError),
    ],
)
def test_bad_arguments_fail_before_any_check(kwargs: dict[str, Any], error: type[Exception]) -> None:
    body, headers = _good()
    with pytest.raises(error) as caught:
        verify(body, headers, now=NOW, **kwargs)
    assert SECRET not in str(caught.value)


def test_bytes_and_memoryview_bodies_and_byte_secrets_verify() -> None:
    body, headers = _good()
    assert verify(memoryview(body), headers, secret=SECRET.encode(), now=NOW).event_id == "evt_abc123"
    assert verify(bytearray(body), headers, secret=SECRET, now=NOW).event_id == "evt_abc123"


def test_the_body_is_not_parsed_before_the_signature_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[bytes] = []
    real_loads = json.loads

    def spy(raw: bytes) -> Any:
        parsed.append(raw)
        return real_loads(raw)

    monkeypatch.setattr(json, "loads", spy)
    body, headers = _tampered()
    with pytest.raises(heygen.WebhookVerificationError):
        verify(body, headers, secret=SECRET, now=NOW)
    assert parsed == []
    body, headers = _good()
    verify(body, headers, secret=SECRET, now=NOW)
    assert parsed == [body]


def test_the_signature_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        compared.append((a, b))
        return bool(real(a, b))

    monkeypatch.setattr(hmac, "compare_digest", spy)
    body, headers = _wrong_secret()
    with pytest.raises(heygen.WebhookVerificationError):
        verify(body, headers, secret=SECRET, now=NOW)
    assert compared == [(sign(body, SECRET), sign(body, OTHER_SECRET))]


# --- properties: no change to a signed delivery gets through -----------------------------------

_bodies = st.binary(min_size=0, max_size=300)
_secrets = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda s: s == s.strip()
)


@settings(max_examples=300, deadline=None)
@given(body=_bodies, tampered=_bodies, secret=_secrets)
def test_a_changed_body_never_verifies(body: bytes, tampered: bytes, secret: str) -> None:
    if tampered == body:
        return
    headers = headers_for(body, secret=secret)
    with pytest.raises(heygen.WebhookVerificationError) as caught:
        verify(tampered, headers, secret=secret, now=NOW)
    assert caught.value.reason == "bad_signature"


@settings(max_examples=300, deadline=None)
@given(body=_bodies, secret=_secrets, other=_secrets)
def test_another_secret_never_verifies(body: bytes, secret: str, other: str) -> None:
    if other == secret:
        return
    with pytest.raises(heygen.WebhookVerificationError) as caught:
        verify(body, headers_for(body, secret=other), secret=secret, now=NOW)
    assert caught.value.reason == "bad_signature"


@settings(max_examples=300, deadline=None)
@given(body=_bodies, signature=st.text(max_size=80))
def test_a_forged_signature_never_verifies(body: bytes, signature: str) -> None:
    if signature.strip().lower() == sign(body, SECRET):
        return
    headers = {**headers_for(body), "Heygen-Signature": signature}
    with pytest.raises(heygen.WebhookVerificationError) as caught:
        verify(body, headers, secret=SECRET, now=NOW)
    assert caught.value.reason in ("bad_signature", "malformed_header", "missing_header")


@settings(max_examples=300, deadline=None)
@given(skew=st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), tolerance=st.floats(1, 3600))
def test_only_timestamps_within_the_tolerance_pass(skew: float, tolerance: float) -> None:
    body = body_of()
    headers = headers_for(body, timestamp=NOW + skew)
    sent = int(NOW + skew)
    if sent < 0:
        return  # a negative Unix time is a malformed header, covered by the table
    if abs(sent - NOW) <= tolerance:
        assert verify(body, headers, secret=SECRET, tolerance=tolerance, now=NOW).event_id
    else:
        with pytest.raises(heygen.WebhookVerificationError) as caught:
            verify(body, headers, secret=SECRET, tolerance=tolerance, now=NOW)
        assert caught.value.reason == ("timestamp_too_old" if sent < NOW else "timestamp_in_future")


@settings(max_examples=200, deadline=None)
@given(body=_bodies, secret=_secrets)
def test_a_genuine_signature_on_any_body_passes_the_signature_check(body: bytes, secret: str) -> None:
    try:
        verify(body, headers_for(body, secret=secret), secret=secret, now=NOW)
    except heygen.WebhookVerificationError as error:
        assert error.reason == "not_an_event"
