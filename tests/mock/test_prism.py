"""The specs as Prism serves them, over raw httpx (the facade's Prism tests will join later).

Against the corrected spec, every documented response is served and valid, and Prism's request
validation answers a missing key with 401 and a bad body with the documented 400. Against HeyGen's
document as published, Prism shows its known defects: its only example violates its schema, and
a request without a body passes.
"""

from __future__ import annotations

import json
from typing import Any

import _spec
import httpx
import pytest

from tests._openapi import Operation, SchemaValidators, examples, operation, operations, pointer, resolve

pytestmark = pytest.mark.prism

CORRECTED = _spec.corrected_spec()
VALIDATORS = SchemaValidators(CORRECTED)
API_KEY = {"x-api-key": "test-key"}
GROUP_ID = "grp_contract_1"
TRAIN = "train-photo-avatar-group"


def _request(op: Operation, **overrides: Any) -> dict[str, Any]:
    """A request the spec accepts: path parameters filled in, required string body fields set."""
    path = op.path
    for parameter in op.node.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", GROUP_ID)
        elif parameter.get("required"):
            raise NotImplementedError(
                f"{op}: fill in the required {parameter['in']} parameter {parameter['name']}"
            )
    request: dict[str, Any] = {"method": op.method.upper(), "url": path, "headers": dict(API_KEY)}
    if "requestBody" in op.node:
        schema = op.node["requestBody"]["content"]["application/json"]["schema"]
        if "$ref" in schema:
            schema = resolve(CORRECTED, schema["$ref"])
        body = {}
        for name in schema.get("required", []):
            if schema["properties"][name].get("type") != "string":
                raise NotImplementedError(f"{op}: build a value for the required body field {name}")
            body[name] = GROUP_ID
        request["json"] = body
    request.update(overrides)
    return request


def _documented_examples() -> list[Any]:
    """(operation, status, example name or None, value) for every response example."""
    cases = []
    for op in operations(CORRECTED):
        responses = pointer("paths", op.path, op.method, "responses")
        for example in examples(CORRECTED):
            if not example.pointer.startswith(responses + "/"):
                continue
            tokens = example.pointer.removeprefix(responses + "/").split("/")
            if tokens[1] == "headers":
                continue  # a header's example, not a body (test_facade_prism checks those headers)
            status, name = int(tokens[0]), (tokens[-1] if tokens[-2] == "examples" else None)
            cases.append(
                pytest.param(
                    op, status, name, example.value, id=f"{op.operation_id}-{status}-{name or 'example'}"
                )
            )
    return cases


def _violations(response: httpx.Response) -> list[dict[str, Any]]:
    return list(json.loads(response.headers.get("sl-violations", "[]")))


@pytest.mark.parametrize(("op", "status", "name", "value"), _documented_examples())
def test_prism_serves_each_documented_example(
    client: httpx.Client, op: Operation, status: int, name: str | None, value: Any
) -> None:
    prefer = f"code={status}" + (f", example={name}" if name else "")
    request = _request(op)
    request["headers"]["Prefer"] = prefer
    response = client.request(**request)
    assert response.status_code == status, response.text
    assert response.json() == value
    assert _violations(response) == []


@pytest.mark.parametrize(
    ("op", "status"),
    [
        pytest.param(op, int(key), id=f"{op.operation_id}-{key}")
        for op in operations(CORRECTED)
        for key in op.documented_statuses
        if key.isdigit()
    ],
)
def test_prism_serves_each_documented_status_valid_under_the_spec(
    client: httpx.Client, op: Operation, status: int
) -> None:
    """Prism (with --errors) and our validators agree on every documented response."""
    request = _request(op)
    request["headers"]["Prefer"] = f"code={status}"
    response = client.request(**request)
    assert response.status_code == status, response.text
    assert _violations(response) == []
    documented = op.json_schema_pointer(status)
    assert documented is not None
    assert response.headers["content-type"].split(";")[0] == documented[0]
    assert VALIDATORS.errors(documented[1], response.json()) == []
    for header in op.node["responses"][str(status)].get("headers", {}):
        assert header.lower() in response.headers, f"documented header {header} not sent"


@pytest.mark.parametrize("op", operations(CORRECTED), ids=lambda op: op.operation_id)
def test_a_request_without_api_key_is_answered_401(client: httpx.Client, op: Operation) -> None:
    response = client.request(**_request(op, headers={}))
    assert response.status_code == 401
    assert [v["message"] for v in _violations(response)] == ["Invalid security scheme used"]
    documented = op.json_schema_pointer(401)
    assert documented is not None
    assert VALIDATORS.errors(documented[1], response.json()) == []


def test_train_without_group_id_is_answered_with_the_documented_400(client: httpx.Client) -> None:
    op = operation(CORRECTED, TRAIN)
    response = client.request(**_request(op, json={}))
    assert response.status_code == 400
    assert response.json() == op.node["responses"]["400"]["content"]["application/json"]["example"]
    assert [(v["location"], v["message"]) for v in _violations(response)] == [
        (["request", "body"], "Request body must have required property 'group_id'")
    ]


def test_train_without_a_body_is_rejected(client: httpx.Client) -> None:
    """The overlay's `requestBody.required: true`, enforced live."""
    request = _request(operation(CORRECTED, TRAIN))
    del request["json"]
    response = client.request(**request)
    assert response.status_code == 400
    assert [v["location"][0] for v in _violations(response)] == ["request"]


def test_train_with_an_empty_group_id_is_rejected(client: httpx.Client) -> None:
    response = client.request(**_request(operation(CORRECTED, TRAIN), json={"group_id": ""}))
    assert response.status_code == 400
    assert "group_id" in response.headers["sl-violations"]


# --- HeyGen's document as published ------------------------------------------------------------

TRAIN_PATH = "/v2/photo_avatar/train"


def test_provided_spec_train_example_violates_its_own_schema(provided_client: httpx.Client) -> None:
    """Known defect: with --errors Prism refuses to send the Result example (`error: null` is
    typed `string`). When HeyGen fixes it this fails: check overlay 10."""
    response = provided_client.post(TRAIN_PATH, headers=API_KEY, json={"group_id": GROUP_ID})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert [(v["location"], v["code"]) for v in response.json()["validation"]] == [
        (["response", "body", "error"], "type")
    ]


def test_provided_spec_accepts_a_train_request_without_body(provided_client: httpx.Client) -> None:
    """Known defect: the body is optional in HeyGen's document, so Prism finds nothing wrong with
    the request (only with its own response, as above)."""
    response = provided_client.post(TRAIN_PATH, headers=API_KEY)
    assert {v["location"][0] for v in _violations(response)} == {"response"}


def test_provided_spec_answers_a_request_without_api_key_with_401(provided_client: httpx.Client) -> None:
    response = provided_client.post(TRAIN_PATH, json={"group_id": GROUP_ID})
    assert response.status_code == 401
    assert response.json()["title"] == "Invalid security scheme used"


def test_provided_spec_rejects_train_without_group_id_with_422(provided_client: httpx.Client) -> None:
    """No 4xx is documented, so Prism answers a body violation with its own 422."""
    response = provided_client.post(TRAIN_PATH, headers=API_KEY, json={})
    assert response.status_code == 422
    assert [v["message"] for v in response.json()["validation"]] == [
        "Request body must have required property 'group_id'"
    ]


def test_provided_spec_has_no_status_operation(provided_client: httpx.Client) -> None:
    response = provided_client.get(f"/v2/photo_avatar/train/status/{GROUP_ID}", headers=API_KEY)
    assert response.status_code == 404
    assert response.json()["type"].endswith("#NO_PATH_MATCHED_ERROR")
