"""v3 avatars on the fake: signed events for what a user created, and `wait_until_ready(events=...)`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock, FakeHeyGen
from heygen.webhooks import EventFeed, WebhookEvent, WebhookEventType
from tests.testing.test_v3_state import png
from tests.webhooks._receiver import receiving

KEY = "v3-key"
PROCESSING = 45.0  # inside the first 60 s safety-net pause
PHOTO = png(64, 64)


@dataclass
class Handler:
    """The user's webhook handler: verify with the endpoint's secret, publish."""

    client: HeyGen | AsyncHeyGen
    secret: str = ""
    feed: EventFeed = field(default_factory=EventFeed)
    received: list[WebhookEvent] = field(default_factory=list)

    def __call__(self, body: bytes, headers: Mapping[str, str]) -> int:
        try:
            event = self.client.webhooks.verify(body, headers, secret=self.secret)
        except heygen.WebhookVerificationError:
            return 400
        self.received.append(event)
        self.feed.publish(event)
        return 200


class Api:
    def __init__(self, fake: FakeHeyGen, clock: FakeClock, is_async: bool) -> None:
        self.fake, self.clock, self.is_async = fake, clock, is_async
        self.client: HeyGen | AsyncHeyGen
        if is_async:
            self.client = AsyncHeyGen(
                api_key=KEY, http_client=httpx.AsyncClient(transport=fake.transport()), clock=clock
            )
        else:
            self.client = HeyGen(
                api_key=KEY, http_client=httpx.Client(transport=fake.transport()), clock=clock
            )

    async def __call__(self, path: str, *args: Any, **kwargs: Any) -> Any:
        target: Any = self.client
        *parents, name = path.split(".")
        for part in parents:
            target = getattr(target, part)
        result = getattr(target, name)(*args, **kwargs)
        return await result if self.is_async else result

    def status_calls(self, prefix: str) -> int:
        return sum(r.method == "GET" and r.path.startswith(prefix) for r in self.fake.requests)


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


async def _register(api: Api, handler: Handler, url: str) -> None:
    endpoint = await api("webhooks.endpoints.create", url=url)
    assert endpoint.secret is not None
    handler.secret = str(endpoint.secret)


@contextmanager
def _served(is_async: bool) -> Iterator[tuple[Api, Handler, str]]:
    clock = FakeClock()
    fake = FakeHeyGen(clock=clock, training_seconds=PROCESSING, strict=True)
    api = Api(fake, clock, is_async)
    handler = Handler(api.client)
    with receiving(handler) as url:
        yield api, handler, url


async def test_a_created_avatar_fires_a_signed_success_event_and_the_wait_returns_at_once(
    is_async: bool,
) -> None:
    with _served(is_async) as (api, handler, url):
        await _register(api, handler, url)
        creation = await api("avatars.create_photo", name="me", photo=PHOTO)
        group = await api("avatars.wait_until_ready", creation.group_id, events=handler.feed)
        assert group.status is heygen.AvatarStatus.COMPLETED
        assert 0 <= api.clock.monotonic() - PROCESSING <= 1.0
        assert api.status_calls(f"/v3/avatars/{creation.group_id}") <= 2
        [event] = handler.received
        # [FAKE'S CHOICE] which event a v3 photo creation fires: HeyGen does not say.
        assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS
        assert event.data["avatar_group_id"] == creation.group_id
        assert event.data["avatar_id"] == creation.look.id


async def test_a_look_wait_is_woken_by_the_same_event(is_async: bool) -> None:
    with _served(is_async) as (api, handler, url):
        await _register(api, handler, url)
        creation = await api("avatars.create_photo", name="me", photo=PHOTO)
        look = await api("avatars.looks.wait_until_ready", creation.look.id, events=handler.feed)
        assert look.status is heygen.AvatarStatus.COMPLETED
        assert api.clock.monotonic() - PROCESSING <= 1.0
        assert api.status_calls(f"/v3/avatars/looks/{creation.look.id}") <= 2


async def test_with_the_delivery_dropped_the_wait_still_returns_by_polling(is_async: bool) -> None:
    with _served(is_async) as (api, handler, url):
        await _register(api, handler, url)
        api.fake.drop_webhook_deliveries()
        creation = await api("avatars.create_photo", name="me", photo=PHOTO)
        group = await api("avatars.wait_until_ready", creation.group_id, events=handler.feed)
        assert group.status is heygen.AvatarStatus.COMPLETED
        assert handler.received == []
        assert api.clock.monotonic() == pytest.approx(60.0)


async def test_a_failed_avatar_fires_the_fail_event_and_the_wait_raises_at_once(is_async: bool) -> None:
    with _served(is_async) as (api, handler, url):
        await _register(api, handler, url)
        api.fake.queue_avatar_outcome("failed", message="no face found")
        creation = await api("avatars.create_photo", name="me", photo=PHOTO)
        with pytest.raises(heygen.AvatarFailedError, match="no face found"):
            await api("avatars.wait_until_ready", creation.group_id, events=handler.feed)
        assert api.clock.monotonic() - PROCESSING <= 1.0
        [event] = handler.received
        assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_FAIL
        assert event.data["error"]["message"] == "no face found"


def test_prompt_avatars_fire_generation_events_and_fail_avatar_fires_at_once() -> None:
    with _served(False) as (api, handler, url):
        assert isinstance(api.client, HeyGen)
        endpoint = api.client.webhooks.endpoints.create(url=url)
        handler.secret = str(endpoint.secret)
        made = api.client.avatars.create_from_prompt(name="imagined", prompt="a smiling robot")
        api.clock.advance(PROCESSING + 1)
        second = api.client.avatars.create_photo(name="me", photo=PHOTO)
        api.clock.advance(10)
        api.fake.fail_avatar(second.group_id, message="stopped")
        assert [(e.raw_event_type, e.data["avatar_group_id"]) for e in handler.received] == [
            ("photo_avatar_generation.success", made.group_id),
            ("photo_avatar_train.fail", second.group_id),
        ]
        listed = list(api.client.webhooks.events.list(entity_id=second.group_id))
        assert [e.event_type for e in listed] == [WebhookEventType.PHOTO_AVATAR_TRAIN_FAIL]


def test_an_avatar_waiting_for_consent_fires_once_it_ends_after_consent() -> None:
    with _served(False) as (api, handler, url):
        assert isinstance(api.client, HeyGen)
        handler.secret = str(api.client.webhooks.endpoints.create(url=url).secret)
        api.fake.queue_avatar_outcome("pending_consent")
        creation = api.client.avatars.create_photo(name="me", photo=PHOTO)
        api.clock.advance(PROCESSING * 3)
        assert handler.received == []  # pending_consent is not an end
        api.fake.give_consent(creation.group_id)
        api.clock.advance(PROCESSING + 1)
        assert [e.raw_event_type for e in handler.received] == ["photo_avatar_train.success"]
