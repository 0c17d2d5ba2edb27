"""`photo_avatars.train`: what is sent, what comes back, and every way it can fail."""

from __future__ import annotations

from typing import Any

import pytest

import heygen
from tests.support.server import TRAIN_OK, Reply, ScriptedServer, error_body
from tests.unit.conftest import CANARY_KEY, Api, ClientFactory


async def test_train_sends_the_documented_request_and_returns_a_flat_job(
    api: Api, server: ScriptedServer
) -> None:
    server.queue(Reply(200, TRAIN_OK, {"x-request-id": "req-1"}))

    job = await api.train("group-1")

    assert job == heygen.TrainingJob(
        group_id="group-1",
        flow_id="46b0c8af19ea12eabbd86a3cc8abeb17",
        photo_avatar_count=4,
        instant_avatar_count=0,
        studio_avatar_count=0,
    )
    (sent,) = server.received
    assert (sent.method, sent.path) == ("POST", "/v2/photo_avatar/train")
    assert sent.json() == {"group_id": "group-1"}
    assert sent.headers["x-api-key"] == CANARY_KEY
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["user-agent"].startswith(f"heygen-sdk/{heygen.__version__} python/")


async def test_job_is_frozen(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply())
    job = await api.train("group-1")
    with pytest.raises(AttributeError):
        job.flow_id = "other"  # type: ignore[misc]


async def test_missing_counts_are_none_not_zero(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, {"error": None, "data": {"code": 100, "data": {"flow_id": "f1"}}}))
    job = await api.train("group-1")
    assert (job.photo_avatar_count, job.instant_avatar_count, job.studio_avatar_count) == (None, None, None)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, heygen.BadRequestError),
        (401, heygen.AuthenticationError),
        (402, heygen.PaymentRequiredError),
        (403, heygen.PermissionDeniedError),
        (404, heygen.NotFoundError),
        (409, heygen.ConflictError),
        (422, heygen.UnprocessableEntityError),
        (429, heygen.RateLimitError),
        (500, heygen.InternalServerError),
        (502, heygen.InternalServerError),
        (520, heygen.InternalServerError),
        (418, heygen.APIStatusError),
        (499, heygen.APIStatusError),
        (303, heygen.APIStatusError),
    ],
)
async def test_each_status_raises_its_error_with_heygens_code_message_and_request_id(
    make_api: ClientFactory, server: ScriptedServer, status: int, error_class: type[heygen.APIStatusError]
) -> None:
    api = make_api(max_retries=0)
    server.queue(
        Reply(status, error_body("photar_not_found", "Photo avatar group not found"), {"x-request-id": "r-9"})
    )

    with pytest.raises(error_class) as caught:
        await api.train("group-1")

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, heygen.HeyGenError)
    assert error.status_code == status
    assert error.code == "photar_not_found"
    assert error.message.startswith("Photo avatar group not found")
    assert error.request_id == "r-9"
    assert error.response.status_code == status
    assert str(error).startswith(f"HTTP {status} photar_not_found: Photo avatar group not found")
    assert "r-9" in str(error)
    assert CANARY_KEY not in str(error) + repr(error) + repr(error.request.headers if error.request else "")
    assert len(server.received) == 1


async def test_401_tells_the_user_to_check_the_key(make_api: ClientFactory, server: ScriptedServer) -> None:
    api = make_api()
    server.queue(Reply(401, error_body("unauthorized", "Invalid API key")))
    with pytest.raises(
        heygen.AuthenticationError, match=r"Invalid API key \(check the API key: HEYGEN_API_KEY or api_key=\)"
    ):
        await api.train("group-1")


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"error": "Invalid API key", "data": None}, None, "Invalid API key"),
        ({"code": 40009, "message": "Invalid credentials", "data": None}, 40009, "Invalid credentials"),
        (
            {"error": {"code": "invalid_parameter", "message": "bad", "param": "group_id"}},
            "invalid_parameter",
            "bad",
        ),
    ],
    ids=["v2-string-error", "v1-numeric-code", "v3-error-object"],
)
async def test_every_known_error_shape_is_read(
    make_api: ClientFactory, server: ScriptedServer, body: dict[str, Any], code: object, message: str
) -> None:
    api = make_api(max_retries=0)
    server.queue(Reply(400, body))
    with pytest.raises(heygen.BadRequestError) as caught:
        await api.train("group-1")
    assert caught.value.code == code
    assert caught.value.message == message
    assert caught.value.body == body


async def test_an_html_gateway_page_is_described_not_dumped(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    api = make_api(max_retries=0)
    server.queue(
        Reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {"content-type": "text/html"})
    )
    with pytest.raises(heygen.InternalServerError) as caught:
        await api.train("group-1")
    assert str(caught.value) == "HTTP 502: Bad Gateway, with a non-HeyGen body (text/html, 50 bytes)"
    assert caught.value.code is None


async def test_a_redirect_is_not_followed(make_api: ClientFactory, server: ScriptedServer) -> None:
    api = make_api(max_retries=0)
    server.queue(Reply(302, "", {"location": "https://elsewhere.example/steal"}))
    with pytest.raises(heygen.APIStatusError) as caught:
        await api.train("group-1")
    assert caught.value.status_code == 302
    assert "redirects are not followed (to https://elsewhere.example/steal)" in str(caught.value)
    assert len(server.received) == 1


async def test_a_user_client_set_to_follow_redirects_still_does_not(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    api = make_api(http_client=make_api.http_client(follow_redirects=True), max_retries=0)
    server.queue(Reply(307, "", {"location": f"{server.url}/v2/photo_avatar/train"}), Reply())
    with pytest.raises(heygen.APIStatusError):
        await api.train("group-1")
    assert len(server.received) == 1


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            {"error": {"code": "photar_not_found", "message": "no group"}, "data": None},
            "photar_not_found",
            "no group",
        ),
        ({"error": "quota exceeded", "data": None}, None, "quota exceeded"),
        (
            {
                "error": None,
                "data": {"code": 40119, "data": None, "msg": None, "message": "Group is training"},
            },
            40119,
            "Group is training",
        ),
        ({"error": None, "data": {"code": 400, "msg": "legacy words"}}, 400, "legacy words"),
        ({"error": None, "data": {"code": 500}}, 500, "HeyGen answered with code 500"),
        ({"code": 40009, "message": "Invalid credentials", "data": None}, 40009, "Invalid credentials"),
    ],
    ids=[
        "error-object",
        "error-string",
        "nested-code-message",
        "nested-code-msg",
        "nested-code-only",
        "v1-shape",
    ],
)
async def test_a_200_whose_envelope_reports_failure_raises_envelope_error(
    api: Api, server: ScriptedServer, body: dict[str, Any], code: object, message: str
) -> None:
    server.queue(Reply(200, body, {"x-request-id": "r-2"}))
    with pytest.raises(heygen.EnvelopeError) as caught:
        await api.train("group-1")
    assert caught.value.code == code
    assert caught.value.message == message
    assert caught.value.status_code == 200
    assert caught.value.request_id == "r-2"
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        ("not json at all", "text/plain", "not the documented JSON"),
        ('{"error": null, "data": {"code": 100, "da', "application/json", "not the documented JSON"),
        ("[1, 2, 3]", "application/json", "not the documented JSON"),
        ('{"error": null, "data": {"code": 100, "data": {}}}', "application/json", "no data.data.flow_id"),
        (
            '{"error": null, "data": {"code": 100, "data": {"flow_id": 7}}}',
            "application/json",
            "data.data.flow_id is 7, not a non-empty string",
        ),
        ('{"error": null, "data": null}', "application/json", "no `data` object"),
        ('{"error": null, "data": {"code": "100"}}', "application/json", "data.code is '100', not a number"),
        (
            '{"error": null, "data": {"code": 100, "data": {"flow_id": "f", "num_of_photar": "4"}}}',
            "application/json",
            "num_of_photar is '4', not a count",
        ),
        ("", "application/json", "not the documented JSON"),
    ],
    ids=[
        "not-json",
        "truncated",
        "json-list",
        "no-flow-id",
        "flow-id-int",
        "data-null",
        "code-str",
        "count-str",
        "empty",
    ],
)
async def test_a_body_of_the_wrong_shape_raises_validation_error(
    api: Api, server: ScriptedServer, body: str, content_type: str, says: str
) -> None:
    server.queue(Reply(200, body, {"content-type": content_type}))
    with pytest.raises(heygen.APIResponseValidationError, match=says) as caught:
        await api.train("group-1")
    assert caught.value.status_code == 200


@pytest.mark.parametrize(
    ("group_id", "error_class", "says"),
    [
        ("", ValueError, "must not be empty"),
        (" group", ValueError, "leading or trailing whitespace"),
        ("group\n", ValueError, "leading or trailing whitespace"),
        ("..", ValueError, "not a valid id"),
        ("g" * 1025, ValueError, "1025 characters long"),
        (".", ValueError, "not a valid id"),
        (None, TypeError, "must be a str, got NoneType: None"),
        (42, TypeError, "must be a str, got int: 42"),
        (b"group", TypeError, "must be a str, got bytes"),
    ],
)
async def test_bad_group_ids_fail_before_any_request(
    api: Api, server: ScriptedServer, group_id: Any, error_class: type[Exception], says: str
) -> None:
    for method in (api.train, api.status, api.wait):
        with pytest.raises(error_class, match=says):
            await method(group_id)
    assert server.received == []


async def test_raw_response_gives_status_headers_request_id_and_the_parsed_job(
    api: Api, server: ScriptedServer
) -> None:
    server.queue(Reply(200, TRAIN_OK, {"x-request-id": "req-42", "x-extra": "yes"}))
    raw = await api.raw("train", "group-1")
    assert raw.status_code == 200
    assert raw.headers["x-extra"] == "yes"
    assert raw.request_id == "req-42"
    assert raw.attempts == 1
    assert raw.parse().flow_id == "46b0c8af19ea12eabbd86a3cc8abeb17"
    assert raw.http_response.request.headers["x-api-key"] == "<redacted>"
    assert CANARY_KEY not in repr(raw)


async def test_raw_status_response(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, {"error": None, "data": {"status": "training"}}))
    raw = await api.raw("training_status", "group-1")
    assert raw.parse().state is heygen.TrainingState.TRAINING
    assert raw.request_id is None


async def test_a_json_error_without_a_message_says_so(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    api = make_api(max_retries=0)
    server.queue(Reply(400, {"error": {"code": "invalid_parameter", "message": 42}, "data": None}))
    with pytest.raises(heygen.BadRequestError) as caught:
        await api.train("group-1")
    assert str(caught.value) == "HTTP 400 invalid_parameter: Bad Request, with no message in HeyGen's answer"
