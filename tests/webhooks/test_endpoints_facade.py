"""`client.webhooks.endpoints`, `.events` and `.event_types()` against the strict fake, sync and async."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock, FakeHeyGen
from heygen.webhooks import WebhookEndpoint, WebhookEventType, WebhookSecret

KEY = "test-key"


class Api:
    """Sync and async clients behind one awaited face."""

    def __init__(self, fake: FakeHeyGen, is_async: bool) -> None:
        self.fake, self.is_async = fake, is_async
        clock = fake.clock
        assert isinstance(clock, FakeClock)
        self.client: HeyGen | AsyncHeyGen
        if is_async:
            self.client = AsyncHeyGen(
                api_key=KEY, http_client=httpx.AsyncClient(transport=fake.transport()), clock=clock
            )
        else:
            self.client = HeyGen(
                api_key=KEY, http_client=httpx.Client(transport=fake.transport()), clock=clock
            )

    async def __call__(self, target: str, method: str, *args: Any, **kwargs: Any) -> Any:
        resource: Any = self.client.webhooks
        for part in filter(None, target.split(".")):
            resource = getattr(resource, part)
        result = getattr(resource, method)(*args, **kwargs)
        if self.is_async and method != "list":
            return await result
        return result

    async def all(self, target: str, **kwargs: Any) -> list[Any]:
        pager = await self(target, "list", **kwargs)
        if self.is_async:
            return [item async for item in pager]
        return list(pager)


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    fake = FakeHeyGen(clock=FakeClock(), training_seconds=5, strict=True)
    return Api(fake, bool(request.param))


def _sent(api: Api, path: str) -> int:
    return sum(r.path.split("?")[0] == path for r in api.fake.requests)


async def test_create_shows_the_secret_once_and_never_in_a_repr(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    endpoint = await api(
        "endpoints",
        "create",
        url="https://example.test/hook",
        events=[WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS],
    )
    assert isinstance(endpoint, WebhookEndpoint)
    assert endpoint.secret is not None and endpoint.secret.startswith("whsec_")
    assert endpoint.events == ("photo_avatar_train.success",)
    assert endpoint.created_at.tzinfo is not None
    assert str(endpoint.secret) not in repr(endpoint) + repr(endpoint.secret) + caplog.text
    [listed] = await api.all("endpoints")
    assert listed.endpoint_id == endpoint.endpoint_id and listed.secret is None


async def test_create_and_rotate_send_an_idempotency_key(api: Api) -> None:
    seen: list[str | None] = []
    original = api.fake.handle

    def spy(method: str, path: str, headers: Any, body: bytes = b"") -> Any:
        seen.append({k.lower(): v for k, v in headers.items()}.get("idempotency-key"))
        return original(method, path, headers, body)

    api.fake.handle = spy  # type: ignore[method-assign]
    endpoint = await api(
        "endpoints", "create", url="https://example.test/hook", idempotency_key="ep-create-1"
    )
    rotated = await api("endpoints", "rotate_secret", endpoint.endpoint_id)
    assert seen[0] == "ep-create-1"
    assert seen[1] is not None and len(seen[1]) == 36  # a fresh UUID
    assert isinstance(rotated, WebhookSecret)
    assert rotated.secret != endpoint.secret and str(rotated.secret) not in repr(rotated)


async def test_update_replaces_events_and_delete_forgets(api: Api) -> None:
    endpoint = await api("endpoints", "create", url="https://example.test/a")
    moved = await api("endpoints", "update", endpoint.endpoint_id, url="https://example.test/b")
    assert (moved.url, moved.events) == ("https://example.test/b", None)
    narrowed = await api("endpoints", "update", endpoint.endpoint_id, events=["photo_avatar_train.fail"])
    assert (narrowed.url, narrowed.events) == ("https://example.test/b", ("photo_avatar_train.fail",))
    widened = await api("endpoints", "update", endpoint.endpoint_id, events=None)
    assert widened.events is None
    await api("endpoints", "delete", endpoint.endpoint_id)
    assert await api.all("endpoints") == []
    with pytest.raises(heygen.NotFoundError):
        await api("endpoints", "delete", endpoint.endpoint_id)


async def test_lists_page_like_every_v3_list(api: Api) -> None:
    for i in range(5):
        await api("endpoints", "create", url=f"https://example.test/{i}")
    endpoints = await api.all("endpoints", limit=2)
    assert [e.url for e in endpoints] == [f"https://example.test/{i}" for i in range(5)]
    assert _sent(api, "/v3/webhooks/endpoints") == 5 + 3  # five creates, three pages


async def test_sent_events_are_listed_with_filters(api: Api) -> None:
    api.fake.add_group("other-group")
    for group in ("demo-group", "other-group"):
        if isinstance(api.client, AsyncHeyGen):
            await api.client.photo_avatars.train(group)
        else:
            api.client.photo_avatars.train(group)
    api.fake.clock.advance(10)
    events = await api.all("events", limit=1)
    assert [e.data["group_id"] for e in events] == ["other-group", "demo-group"]
    assert {e.event_type for e in events} == {WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS}
    only = await api.all("events", entity_id="demo-group")
    assert [e.data["group_id"] for e in only] == ["demo-group"]
    assert await api.all("events", event_type="photo_avatar_train.fail") == []


async def test_event_types(api: Api) -> None:
    types = await api("", "event_types")
    assert "photo_avatar_train.success" in {t.event_type for t in types}
    assert all(t.description for t in types)


@pytest.mark.parametrize(
    ("method", "kwargs", "error", "fragment"),
    [
        ("create", {"url": "http://example.test/hook"}, ValueError, "https"),
        ("create", {"url": "/relative"}, ValueError, "absolute"),
        (
            "create",
            {"url": "https://example.test", "events": ["photo_avatar_dance.success"]},
            ValueError,
            "event_types",
        ),
        (
            "create",
            {"url": "https://example.test", "events": "photo_avatar_train.success"},
            TypeError,
            "list",
        ),
        (
            "create",
            {"url": "https://example.test", "idempotency_key": "has space"},
            ValueError,
            "idempotency_key",
        ),
        ("update", {"endpoint_id": "ep_1"}, ValueError, "url=... or events="),
        ("update", {"endpoint_id": " ep_1", "url": "https://example.test"}, ValueError, "endpoint_id"),
        ("delete", {"endpoint_id": ""}, ValueError, "endpoint_id"),
        ("rotate_secret", {"endpoint_id": 7}, TypeError, "endpoint_id"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    api: Api, method: str, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    kwargs = dict(kwargs)  # shared by the sync and async runs
    positional = [kwargs.pop("endpoint_id")] if "endpoint_id" in kwargs else []
    with pytest.raises(error, match=fragment):
        await api("endpoints", method, *positional, **kwargs)
    assert list(api.fake.requests) == []


async def test_event_list_filters_are_checked_before_any_request(api: Api) -> None:
    with pytest.raises(ValueError, match="event type"):
        await api("events", "list", event_type="nope")
    with pytest.raises(ValueError, match="limit"):
        await api("events", "list", limit=0)
    assert list(api.fake.requests) == []


async def test_plain_http_to_loopback_is_allowed_for_local_receivers(api: Api) -> None:
    endpoint = await api("endpoints", "create", url="http://127.0.0.1:8765/hook")
    assert endpoint.url == "http://127.0.0.1:8765/hook"


@pytest.mark.parametrize("method", ["create", "rotate_secret"])
def test_a_malformed_answer_holding_a_secret_is_reported_without_it(method: str) -> None:
    leaked = "whsec_must_not_be_shown"
    data = {"endpoint_id": "ep_1", "url": "https://example.test", "status": "enabled", "created_at": 5}
    if method == "rotate_secret":
        data = {"endpoint_id": 7}
    body = {"data": {**data, "secret": leaked}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    client = HeyGen(api_key=KEY, http_client=httpx.Client(transport=transport), max_retries=0)
    with pytest.raises(heygen.APIResponseValidationError) as caught:
        if method == "create":
            client.webhooks.endpoints.create(url="https://example.test")
        else:
            client.webhooks.endpoints.rotate_secret("ep_1")
    error = caught.value
    assert "not the documented shape" in str(error)
    assert leaked not in str(error) + repr(error) + repr(error.body)
