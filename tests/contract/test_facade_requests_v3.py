"""Every request the v3 facade sends (`client.avatars`, `.looks`, `.assets`, sync and async) is one
the v3 spec accepts: path, method, security, query, headers (Idempotency-Key included) and body,
JSON or multipart, checked by openapi-core's `V31RequestValidator` on requests captured at the
transport. A call that sends two requests (a large photo: upload, then create) has both checked.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import _spec
import httpx
import pytest
from jsonschema_path import SchemaPath
from openapi_core import V31RequestValidator
from openapi_core.deserializing.media_types.util import data_form_loads
from werkzeug.datastructures import ImmutableMultiDict

import heygen
from tests._openapi import Operation, operations
from tests.contract.test_facade_requests import HttpxOpenAPIRequest
from tests.support.facade import API_KEY, KINDS, open_facade
from tests.support.v3 import GROUP, JPEG, LOOK, creation_body, upload_body

IDS = ["ag_contract_1", "a/b", "g?x", "grüße", "%2F", "x#y"]
BIG_JPEG = JPEG + b"\x00" * (2 * 1024 * 1024)
V3_TAGS = {"avatars", "assets"}

Call = Callable[[Any, str, Path], Any]

# Each facade call and the operations it must send, in order. `client`, an id, a scratch dir.
CALLS: dict[str, tuple[Call, list[str]]] = {
    "upload-path": (lambda c, i, d: c.assets.upload(_file(d, BIG_JPEG)), ["upload-asset"]),
    "upload-bytes-typed": (
        lambda c, i, d: c.assets.upload(b"%PDF-1.7 hi", content_type="application/pdf"),
        ["upload-asset"],
    ),
    "upload-keyed": (lambda c, i, d: c.assets.upload(JPEG, idempotency_key="k:1.a_b-c"), ["upload-asset"]),
    "get-asset": (lambda c, i, d: c.assets.retrieve(i), ["get-asset"]),
    "create-photo-url": (
        lambda c, i, d: c.avatars.create_photo(name="Anna", photo="https://example.com/anna.jpg"),
        ["create-avatar"],
    ),
    "create-photo-base64": (
        lambda c, i, d: c.avatars.create_photo(name="Anna", photo=JPEG, group_id=i),
        ["create-avatar"],
    ),
    "create-photo-asset": (
        lambda c, i, d: c.avatars.create_photo(
            name="Anna",
            photo=heygen.UploadedAsset(asset_id=i, url="https://x", mime_type="image/jpeg", size_bytes=1),
        ),
        ["create-avatar"],
    ),
    "create-photo-upload-first": (
        lambda c, i, d: c.avatars.create_photo(
            name="Anna", photo=_file(d, BIG_JPEG), idempotency_key="key-1"
        ),
        ["upload-asset", "create-avatar"],
    ),
    "create-prompt": (
        lambda c, i, d: c.avatars.create_from_prompt(
            name="Anna at the beach",
            prompt="On a beach at sunset",
            group_id=i,
            reference_avatar_id="look_1",
            reference_images=["https://example.com/r.jpg", JPEG, _file(d, BIG_JPEG)],
        ),
        ["upload-asset", "create-avatar"],
    ),
    "create-prompt-minimal": (
        lambda c, i, d: c.avatars.create_from_prompt(name="Anna", prompt="A portrait"),
        ["create-avatar"],
    ),
    "consent-empty": (lambda c, i, d: c.avatars.consent(i), ["create-avatar-consent"]),
    "consent-full": (
        lambda c, i, d: c.avatars.consent(
            i,
            consent_text="I agree",
            consent_video="https://example.com/consent.mp4",
            reroute_url="https://example.com/done",
        ),
        ["create-avatar-consent"],
    ),
    "get-group": (lambda c, i, d: c.avatars.retrieve(i), ["get-avatar-group"]),
    "list-groups": (lambda c, i, d: c.avatars.list(), ["list-avatar-groups"]),
    "list-groups-limit": (lambda c, i, d: c.avatars.list(limit=50), ["list-avatar-groups"]),
    "delete-group": (lambda c, i, d: c.avatars.delete(i), ["delete-avatar-group"]),
    "get-look": (lambda c, i, d: c.avatars.looks.retrieve(i), ["get-avatar-look"]),
    "list-looks": (
        lambda c, i, d: c.avatars.looks.list(
            group_id=i, avatar_type="photo_avatar", ownership="private", limit=1
        ),
        ["list-avatar-looks"],
    ),
    "update-look": (lambda c, i, d: c.avatars.looks.update(i, name="Business"), ["update-avatar-look"]),
    "delete-look": (lambda c, i, d: c.avatars.looks.delete(i), ["delete-avatar-look"]),
    "wait-group": (lambda c, i, d: c.avatars.wait_until_ready(i), ["get-avatar-group"]),
    "wait-look": (lambda c, i, d: c.avatars.looks.wait_until_ready(i), ["get-avatar-look"]),
}


# The base URL is the user's setting: aim at the spec's own server, as the v2 test does.
SERVER_URL = _spec.v3_spec()["servers"][0]["url"]
PATH_ID_CALLS = {
    "get-asset",
    "consent-empty",
    "consent-full",
    "get-group",
    "delete-group",
    "get-look",
    "update-look",
    "delete-look",
    "wait-group",
    "wait-look",
}


def _file(directory: Path, content: bytes) -> Path:
    path = directory / "photo.jpg"
    path.write_bytes(content)
    return path


def _answer(request: httpx.Request) -> httpx.Response:
    """A documented 200 for whatever was asked, so multi-request calls run to the end."""
    path, method = request.url.path, request.method
    if path == "/v3/assets" and method == "POST":
        return httpx.Response(200, json=upload_body())
    if path == "/v3/avatars" and method == "POST":
        return httpx.Response(200, json=creation_body())
    if path.endswith("/consent"):
        return httpx.Response(200, json={"data": {"avatar_group": GROUP, "url": None}})
    if method == "DELETE":
        return httpx.Response(200, json={"data": {"id": "x"}})
    if path == "/v3/avatars":
        return httpx.Response(200, json={"data": [GROUP], "has_more": False, "next_token": None})
    if path == "/v3/avatars/looks":
        return httpx.Response(200, json={"data": [LOOK], "has_more": False, "next_token": None})
    if path.startswith("/v3/avatars/looks/"):
        return httpx.Response(200, json={"data": {**LOOK, "status": "completed"}})
    if path.startswith("/v3/assets/"):
        asset = {"id": "a", "name": "a.jpg", "type": "image", "owner": "o", "space_id": "s", "uploaded_at": 1}
        return httpx.Response(200, json={"data": asset})
    return httpx.Response(200, json={"data": {**GROUP, "status": "completed"}})


def _multipart_as_text(value: bytes, **parameters: str) -> ImmutableMultiDict[str, Any]:
    """openapi-core's multipart reader, with file parts as text: its 3.1 validator checks a
    `type: string` part with `isinstance(str)`, so bytes would fail however well-formed."""
    form: Any = data_form_loads(value, **parameters)
    return ImmutableMultiDict(
        [(k, v.decode("latin-1") if isinstance(v, bytes) else v) for k, v in form.items(multi=True)]
    )


@pytest.fixture(scope="module")
def v3_validator() -> V31RequestValidator:
    return V31RequestValidator(
        SchemaPath.from_dict(_spec.v3_spec()),
        forbid_unspecified_additional_properties=True,
        extra_media_type_deserializers={"multipart/form-data": _multipart_as_text},
    )


@pytest.fixture(scope="module")
def v3_operations() -> list[Operation]:
    return list(operations(_spec.v3_spec()))


def _match(request: httpx.Request, table: list[Operation]) -> tuple[str, dict[str, str]]:
    """The operation a request is for, and its path parameters, still percent-encoded."""
    raw = request.url.raw_path.decode("ascii").partition("?")[0]
    # Literal paths first: /v3/avatars/looks is not the group "looks".
    for operation in sorted(table, key=lambda op: op.path.count("{")):
        parts = re.split(r"(\{[^}]+\})", operation.path)
        pattern = "".join(
            f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
        )
        found = re.fullmatch(pattern, raw)
        if found and operation.method == request.method.lower():
            return operation.operation_id, found.groupdict()
    return f"(none: {request.method} {raw})", {}


async def _capture(kind: str, name: str, avatar_id: str, directory: Path) -> list[httpx.Request]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        return _answer(request)

    async with open_facade(kind, handler=answer, max_retries=0, base_url=SERVER_URL) as facade:
        result: Any = CALLS[name][0](facade.client, avatar_id, directory)
        if isinstance(result, Awaitable):
            await result
    return sent


def _cases() -> list[Any]:
    """Every call with a plain id; the calls with an id in the path with every awkward one too."""
    return [
        pytest.param(name, avatar_id, id=f"{name}-{avatar_id}")
        for name in sorted(CALLS)
        for avatar_id in (IDS if name in PATH_ID_CALLS else IDS[:1])
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "avatar_id"), _cases())
async def test_every_v3_request_is_valid_under_the_v3_spec(
    kind: str,
    name: str,
    avatar_id: str,
    tmp_path: Path,
    v3_validator: V31RequestValidator,
    v3_operations: list[Operation],
) -> None:
    sent = await _capture(kind, name, avatar_id, tmp_path)
    assert [_match(r, v3_operations)[0] for r in sent] == CALLS[name][1]
    for request in sent:
        errors = [f"{type(e).__name__}: {e}" for e in v3_validator.iter_errors(HttpxOpenAPIRequest(request))]
        assert errors == [], f"{request.method} {request.url.raw_path!r} breaks the v3 spec"
        assert request.headers["x-api-key"] == API_KEY
        if request.headers.get("content-type", "").startswith("multipart/"):
            # The validator lets extra parts through; the spec's form has the one `file` part.
            boundary = request.headers["content-type"].partition("boundary=")[2]
            assert list(data_form_loads(request.content, boundary=boundary)) == ["file"]
        # Creates and uploads carry a key; reads, renames and deletes do not.
        assert ("idempotency-key" in request.headers) == (request.method == "POST")
        # An id in the path is one segment that decodes back to exactly the id given.
        for encoded in _match(request, v3_operations)[1].values():
            assert unquote(encoded, errors="strict") == avatar_id


def test_every_avatar_and_asset_operation_has_a_facade_call(v3_operations: list[Operation]) -> None:
    shipped = {op.operation_id for op in v3_operations if V3_TAGS & set(op.tags)}
    called = {operation for _, expected in CALLS.values() for operation in expected}
    assert shipped - called == set(), "a v3 operation the facade never sends"
    assert called <= shipped


async def test_the_validator_refuses_a_bad_create_body(
    v3_validator: V31RequestValidator, tmp_path: Path
) -> None:
    (request,) = await _capture("sync", "create-photo-url", IDS[0], tmp_path)
    broken = httpx.Request(
        request.method,
        request.url,
        headers=request.headers,
        content=b'{"type": "photo", "name": "Anna", "file": {"type": "path", "path": "/tmp/x"}}',
    )
    assert list(v3_validator.iter_errors(HttpxOpenAPIRequest(broken)))


async def test_the_validator_refuses_an_upload_without_its_file_part(
    v3_validator: V31RequestValidator, tmp_path: Path
) -> None:
    (request,) = await _capture("sync", "upload-keyed", IDS[0], tmp_path)
    assert list(v3_validator.iter_errors(HttpxOpenAPIRequest(request))) == []
    headers = {"x-api-key": API_KEY, "idempotency-key": "k"}
    broken = httpx.Request(
        request.method, request.url, headers=headers, files={"document": ("a.jpg", JPEG, "image/jpeg")}
    )
    broken.read()
    assert list(v3_validator.iter_errors(HttpxOpenAPIRequest(broken)))
