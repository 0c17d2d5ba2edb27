"""Our v3 document as Prism serves it: every documented answer is served and valid, Prism's
request validation enforces what the document says about requests, and the generated client's
requests pass that validation while Prism's example answers come back as typed models.

Prism runs with --errors, so a request the document forbids is answered 400 (documented for every
v3 operation) with the violation in `sl-violations`, and an answer that breaks the document is a
500 instead of the answer.
"""

from __future__ import annotations

import io
import json
from typing import Any

import _spec
import httpx
import pytest
from heygen_api_client.api.assets import get_asset, upload_asset
from heygen_api_client.api.avatars import (
    create_avatar,
    create_avatar_consent,
    get_avatar_group,
    list_avatar_looks,
    update_avatar_look,
)
from heygen_api_client.api.webhooks import create_webhook_endpoint, list_webhook_event_types
from heygen_api_client.client import AuthenticatedClient
from heygen_api_client.models import (
    AssetId,
    AvatarGroupResponse,
    AvatarLookPage,
    AvatarLookResponse,
    CreateAvatarConsentRequest,
    CreateAvatarConsentResponse,
    CreateAvatarResponse,
    CreatePhotoAvatarRequest,
    CreatePromptAvatarRequest,
    CreateWebhookEndpointRequest,
    GetAssetResponse,
    UpdateAvatarLookRequest,
    UploadAssetBody,
    UploadAssetResponse,
    V3ErrorEnvelope,
    WebhookEndpointResponse,
    WebhookEventTypeList,
)
from heygen_api_client.types import File

from tests._openapi import Operation, SchemaValidators, examples, operation, operations, pointer

pytestmark = pytest.mark.prism

V3 = _spec.v3_spec()
VALIDATORS = SchemaValidators(V3)
API_KEY = {"x-api-key": "test-key"}
ID = "id_contract_1"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _request(op: Operation, **overrides: Any) -> dict[str, Any]:
    """A request the document accepts: path parameters filled in, a body from its examples."""
    path = op.path
    for parameter in op.node.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", ID)
    request: dict[str, Any] = {"method": op.method.upper(), "url": path, "headers": dict(API_KEY)}
    content = op.node.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        request["files"] = {"file": ("face.jpg", JPEG, "image/jpeg")}
    elif "application/json" in content:
        media: dict[str, Any] = content["application/json"]
        named: list[dict[str, Any]] = list(media.get("examples", {}).values())
        request["json"] = media["example"] if "example" in media else named[0]["value"] if named else {}
    request.update(overrides)
    return request


def _violations(response: httpx.Response) -> list[dict[str, Any]]:
    return list(json.loads(response.headers.get("sl-violations", "[]")))


def _documented_examples() -> list[Any]:
    cases = []
    for op in operations(V3):
        responses = pointer("paths", op.path, op.method, "responses")
        for example in examples(V3):
            if not example.pointer.startswith(responses + "/"):
                continue
            tokens = example.pointer.removeprefix(responses + "/").split("/")
            status, name = int(tokens[0]), (tokens[-1] if tokens[-2] == "examples" else None)
            cases.append(
                pytest.param(
                    op, status, name, example.value, id=f"{op.operation_id}-{status}-{name or 'example'}"
                )
            )
    return cases


def test_the_v3_document_has_the_operations_we_ship() -> None:
    assert len(operations(V3)) == 18
    assert {tag for op in operations(V3) for tag in op.tags} == {"assets", "avatars", "webhooks"}


@pytest.mark.parametrize(("op", "status", "name", "value"), _documented_examples())
def test_prism_serves_each_documented_v3_example(
    v3_client: httpx.Client, op: Operation, status: int, name: str | None, value: Any
) -> None:
    request = _request(op)
    request["headers"]["Prefer"] = f"code={status}" + (f", example={name}" if name else "")
    response = v3_client.request(**request)
    assert response.status_code == status, response.text
    assert response.json() == value
    assert _violations(response) == []


@pytest.mark.parametrize(
    ("op", "status"),
    [
        pytest.param(op, int(key), id=f"{op.operation_id}-{key}")
        for op in operations(V3)
        for key in op.documented_statuses
    ],
)
def test_prism_serves_each_documented_v3_status_valid_under_the_document(
    v3_client: httpx.Client, op: Operation, status: int
) -> None:
    request = _request(op)
    request["headers"]["Prefer"] = f"code={status}"
    response = v3_client.request(**request)
    assert response.status_code == status, response.text
    assert _violations(response) == []
    documented = op.json_schema_pointer(status)
    assert documented is not None
    assert VALIDATORS.errors(documented[1], response.json()) == []
    for header in op.node["responses"][str(status)].get("headers", {}):
        assert header.lower() in response.headers, f"documented header {header} not sent"


@pytest.mark.parametrize("op", operations(V3), ids=lambda op: op.operation_id)
def test_a_v3_request_without_api_key_is_answered_401_in_the_v3_error_shape(
    v3_client: httpx.Client, op: Operation
) -> None:
    response = v3_client.request(**_request(op, headers={}))
    assert response.status_code == 401
    assert VALIDATORS.errors("/components/schemas/V3ErrorEnvelope", response.json()) == []


CREATE = "create-avatar"
PHOTO = {"type": "photo", "name": "Jane", "file": {"type": "url", "url": "https://example.com/face.jpg"}}


@pytest.mark.parametrize(
    ("op_id", "change", "where"),
    [
        pytest.param(CREATE, {"json": {"type": "photo", "name": "Jane"}}, "body", id="photo-without-file"),
        pytest.param(CREATE, {"json": {**PHOTO, "type": "digital_twin"}}, "body", id="kind-not-shipped"),
        pytest.param(
            CREATE, {"json": {**PHOTO, "file": {"type": "url"}}}, "body", id="url-input-without-url"
        ),
        pytest.param(
            CREATE,
            {"json": {"type": "prompt", "name": "J", "prompt": "p", "reference_images": [PHOTO["file"]] * 4}},
            "body",
            id="four-reference-images",
        ),
        pytest.param(
            CREATE,
            {"json": PHOTO, "headers": {**API_KEY, "Idempotency-Key": "has spaces"}},
            "header",
            id="idempotency-key-outside-the-alphabet",
        ),
        pytest.param(
            CREATE,
            {"json": PHOTO, "headers": {**API_KEY, "Idempotency-Key": "k" * 256}},
            "header",
            id="idempotency-key-too-long",
        ),
        pytest.param("list-avatar-groups", {"params": {"limit": 51}}, "query", id="limit-over-50"),
        pytest.param("list-avatar-groups", {"params": {"limit": 0}}, "query", id="limit-under-1"),
        pytest.param(
            "list-avatar-looks", {"params": {"avatar_type": "hologram"}}, "query", id="unknown-avatar-type"
        ),
        pytest.param("update-avatar-look", {"json": {"name": 5}}, "body", id="name-not-a-string"),
        pytest.param("create-webhook-endpoint", {"json": {"events": []}}, "body", id="endpoint-without-url"),
        pytest.param(
            "create-webhook-endpoint",
            {"json": {"url": "https://example.com/h", "events": ["avatar_video.succeeded"]}},
            "body",
            id="unknown-event-type",
        ),
    ],
)
def test_prism_enforces_the_v3_request_rules(
    v3_client: httpx.Client, op_id: str, change: dict[str, Any], where: str
) -> None:
    response = v3_client.request(**_request(operation(V3, op_id), **change))
    assert response.status_code == 400, response.text
    assert VALIDATORS.errors("/components/schemas/V3ErrorEnvelope", response.json()) == []
    locations = [violation["location"][:2] for violation in _violations(response)]
    assert ["request", where] in locations, locations


def test_prism_accepts_a_well_formed_idempotent_create(v3_client: httpx.Client) -> None:
    headers = {**API_KEY, "Idempotency-Key": "photo:2026-11-30_jane.v1"}
    response = v3_client.request(**_request(operation(V3, CREATE), json=PHOTO, headers=headers))
    assert response.status_code == 200, response.text
    assert _violations(response) == []


# --- The generated client against Prism ---------------------------------------------------------


def _api(base_url: str, headers: dict[str, str] | None = None) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url, token="test-key", prefix="", auth_header_name="x-api-key", headers=headers or {}
    )


@pytest.fixture
def api(prism_v3: Any) -> Any:
    with _api(prism_v3.base_url) as client:
        yield client


def test_generated_upload_sends_multipart_prism_accepts_and_parses_the_example(api: Any) -> None:
    body = UploadAssetBody(file=File(payload=io.BytesIO(JPEG), file_name="face.jpg", mime_type="image/jpeg"))
    response = upload_asset.sync_detailed(client=api, body=body, idempotency_key="upload-1")
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, UploadAssetResponse)
    assert response.parsed.data.asset_id == "ast_8c1f2e"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(
            lambda c: create_avatar.sync_detailed(
                client=c,
                body=CreatePhotoAvatarRequest(
                    type_="photo", name="Jane", file=AssetId(type_="asset_id", asset_id="a1")
                ),
                idempotency_key="create-1",
            ),
            CreateAvatarResponse,
            id="create-avatar-photo",
        ),
        pytest.param(
            lambda c: create_avatar.sync_detailed(
                client=c,
                body=CreatePromptAvatarRequest(
                    type_="prompt", name="Jane", prompt="In a suit", avatar_group_id="g1"
                ),
            ),
            CreateAvatarResponse,
            id="create-avatar-prompt",
        ),
        pytest.param(
            lambda c: get_avatar_group.sync_detailed(ID, client=c), AvatarGroupResponse, id="get-avatar-group"
        ),
        pytest.param(
            lambda c: list_avatar_looks.sync_detailed(
                client=c, group_id="g1", avatar_type="photo_avatar", limit=50
            ),
            AvatarLookPage,
            id="list-avatar-looks",
        ),
        pytest.param(
            lambda c: update_avatar_look.sync_detailed(
                ID, client=c, body=UpdateAvatarLookRequest(name="New")
            ),
            AvatarLookResponse,
            id="update-avatar-look",
        ),
        pytest.param(
            lambda c: create_avatar_consent.sync_detailed(ID, client=c, body=CreateAvatarConsentRequest()),
            CreateAvatarConsentResponse,
            id="create-avatar-consent",
        ),
        pytest.param(lambda c: get_asset.sync_detailed(ID, client=c), GetAssetResponse, id="get-asset"),
        pytest.param(
            lambda c: create_webhook_endpoint.sync_detailed(
                client=c,
                body=CreateWebhookEndpointRequest(
                    url="https://example.com/h", events=["photo_avatar_train.success"]
                ),
            ),
            WebhookEndpointResponse,
            id="create-webhook-endpoint",
        ),
        pytest.param(
            lambda c: list_webhook_event_types.sync_detailed(client=c), WebhookEventTypeList, id="event-types"
        ),
    ],
)
def test_generated_client_requests_pass_prism_and_answers_come_back_typed(
    api: Any, call: Any, expected: type[Any]
) -> None:
    response: Any = call(api)
    assert response.status_code == 200, response.content
    parsed: Any = response.parsed
    assert isinstance(parsed, expected)
    assert parsed.to_dict() == json.loads(response.content)


def test_generated_client_parses_a_v3_error_into_the_v3_envelope(prism_v3: Any) -> None:
    with _api(prism_v3.base_url, {"Prefer": "code=429"}) as api:
        response = get_avatar_group.sync_detailed(ID, client=api)
    assert response.status_code == 429
    assert isinstance(response.parsed, V3ErrorEnvelope)
    assert response.parsed.error.code == "rate_limit_exceeded"
    assert response.headers["retry-after"].isdigit()
