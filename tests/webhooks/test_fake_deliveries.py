"""The fake delivers signed events over real HTTP on its clock; waits given them return at once."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock, FakeHeyGen
from heygen.webhooks import EventFeed, WebhookEvent, WebhookEventType, verify
from tests.webhooks._receiver import receiving

KEY = "test-key"
TRAINING = 45.0  # inside the first 60 s safety-net pause of a wait given events
STATUS = "get-training-job-status"


@dataclass
class UsersApp:
    """What a user's webhook handler does: verify with the client, publish, answer."""

    client: HeyGen | AsyncHeyGen
    feed: EventFeed = field(default_factory=EventFeed)
    received: list[WebhookEvent] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    fail_first: int = 0

    def handle(self, body: bytes, headers: Mapping[str, str]) -> int:
        if self.fail_first > 0:
            self.fail_first -= 1
            return 500
        try:
            event = self.client.webhooks.verify(body, headers)
        except heygen.WebhookVerificationError as error:
            self.refused.append(error.reason)
            return 400
        self.received.append(event)
        self.feed.publish(event)
        return 200


def _register(fake: FakeHeyGen, url: str, events: list[str] | None = None) -> str:
    """Register an endpoint through the fake's HTTP API; returns the secret shown once."""
    with httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com") as http:
        answer = http.post(
            "/v3/webhooks/endpoints", json={"url": url, "events": events}, headers={"x-api-key": KEY}
        )
    assert answer.status_code == 200, answer.text
    secret: str = answer.json()["data"]["secret"]
    return secret


@contextmanager
def _setup(is_async: bool, **fake_kwargs: Any) -> Iterator[tuple[FakeHeyGen, UsersApp, FakeClock]]:
    clock = FakeClock()
    fake = FakeHeyGen(clock=clock, training_seconds=TRAINING, strict=True, **fake_kwargs)
    placeholder = UsersApp(HeyGen(api_key=KEY))
    with receiving(lambda body, headers: placeholder.handle(body, headers)) as url:
        secret = _register(fake, url, ["photo_avatar_train.success", "photo_avatar_train.fail"])
        client: HeyGen | AsyncHeyGen
        if is_async:
            client = AsyncHeyGen(
                api_key=KEY,
                webhook_secret=secret,
                http_client=httpx.AsyncClient(transport=fake.transport()),
                clock=clock,
            )
        else:
            client = HeyGen(
                api_key=KEY,
                webhook_secret=secret,
                http_client=httpx.Client(transport=fake.transport()),
                clock=clock,
            )
        placeholder.client = client
        yield fake, placeholder, clock


async def _train_and_wait(app: UsersApp, group_id: str = "demo-group") -> heygen.TrainingStatus:
    if isinstance(app.client, AsyncHeyGen):
        await app.client.photo_avatars.train(group_id)
        return await app.client.photo_avatars.wait_for_training(group_id, events=app.feed)
    app.client.photo_avatars.train(group_id)
    return app.client.photo_avatars.wait_for_training(group_id, events=app.feed)


def _status_calls(fake: FakeHeyGen) -> int:
    return sum(r.operation_id == STATUS for r in fake.requests)


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


async def test_the_handler_gets_the_signed_success_event_and_the_wait_returns_at_once(is_async: bool) -> None:
    with _setup(is_async) as (fake, app, clock):
        status = await _train_and_wait(app)
        assert status.state is heygen.TrainingState.READY
        late = clock.monotonic() - TRAINING
        assert 0 <= late <= 1.0, late
        assert _status_calls(fake) <= 2
        [event] = app.received
        assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS
        assert event.data["group_id"] == "demo-group"
        assert event.data["flow_id"]
        assert app.refused == []
        [attempt] = fake.webhook_deliveries
        assert (attempt.outcome, attempt.status, attempt.attempt) == ("delivered", 200, 1)
        assert attempt.at == pytest.approx(TRAINING)


async def test_with_the_delivery_dropped_the_wait_still_returns_by_polling(is_async: bool) -> None:
    with _setup(is_async) as (fake, app, clock):
        fake.drop_webhook_deliveries(1)
        status = await _train_and_wait(app)
        assert status.state is heygen.TrainingState.READY
        assert app.received == []
        assert [a.outcome for a in fake.webhook_deliveries] == ["dropped"]
        assert clock.monotonic() == pytest.approx(60.0)  # the safety-net poll
        assert _status_calls(fake) == 2


async def test_a_failed_training_fires_the_fail_event_and_the_wait_raises_at_once(is_async: bool) -> None:
    with _setup(is_async) as (fake, app, clock):
        fake.add_group("bad-group", fail_with="photos too blurry")
        with pytest.raises(heygen.TrainingFailedError, match="blurry"):
            await _train_and_wait(app, "bad-group")
        assert clock.monotonic() - TRAINING <= 1.0
        [event] = app.received
        assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_FAIL
        assert event.data["error_msg"] == "photos too blurry"


def test_fail_training_fires_the_fail_event_at_that_moment() -> None:
    with _setup(False) as (fake, app, clock):
        assert isinstance(app.client, HeyGen)
        app.client.photo_avatars.train("demo-group")
        clock.advance(10)
        fake.fail_training("demo-group", error_msg="stopped")
        clock.advance(100)  # the end-of-training timer finds it already announced
        assert [e.event_type for e in app.received] == [WebhookEventType.PHOTO_AVATAR_TRAIN_FAIL]
        assert fake.webhook_deliveries[0].at == 10


def test_failed_deliveries_are_retried_with_backoff_on_the_fakes_clock() -> None:
    with _setup(False) as (fake, app, clock):
        assert isinstance(app.client, HeyGen)
        app.fail_first = 2
        app.client.photo_avatars.train("demo-group")
        clock.advance(TRAINING + 100)
        attempts = fake.webhook_deliveries
        assert [(a.attempt, round(a.at - TRAINING, 3), a.outcome) for a in attempts] == [
            (1, 0, "failed: HTTP 500"),
            (2, 10, "failed: HTTP 500"),
            (3, 30, "delivered"),
        ]
        assert len({a.event_id for a in attempts}) == 1
        assert len(app.received) == 1


def test_an_endpoint_that_never_answers_2xx_is_given_up_after_24_hours() -> None:
    with _setup(False) as (fake, app, clock):
        assert isinstance(app.client, HeyGen)
        app.fail_first = 10_000
        app.client.photo_avatars.train("demo-group")
        clock.advance(TRAINING)
        clock.advance(48 * 3600)
        times = [a.at - TRAINING for a in fake.webhook_deliveries]
        gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
        assert gaps[:3] == [10, 20, 40] and max(gaps) == 3600
        assert times[-1] <= 24 * 3600 < times[-1] + 3600
        assert len(times) == 1 + 9 + math.floor((24 * 3600 - sum(10 * 2**i for i in range(9))) / 3600)


def test_endpoints_get_only_the_types_they_subscribe_to() -> None:
    clock = FakeClock()
    fake = FakeHeyGen(clock=clock, training_seconds=5)
    got: list[bytes] = []

    def handler(body: bytes, headers: Mapping[str, str]) -> int:
        got.append(body)
        return 200

    with receiving(handler) as url:
        fake.add_webhook_endpoint(url, api_key=KEY, events=["avatar_video.success"])
        fake.add_webhook_endpoint(url, api_key="someone-else")
        with httpx.Client(transport=fake.transport(), base_url="https://api.heygen.com") as http:
            http.post("/v2/photo_avatar/train", json={"group_id": "demo-group"}, headers={"x-api-key": KEY})
        clock.advance(10)
    assert got == [] and fake.webhook_deliveries == []


def test_the_fake_signs_as_heygen_does_over_real_http_on_the_system_clock() -> None:
    fake = FakeHeyGen(training_seconds=0.3, pending_seconds=0.1)
    got: list[tuple[bytes, Mapping[str, str]]] = []

    def handler(body: bytes, headers: Mapping[str, str]) -> int:
        got.append((body, headers))
        return 200

    with receiving(handler) as url, fake.serve() as base:
        endpoint = fake.add_webhook_endpoint(url, api_key=KEY)
        with HeyGen(api_key=KEY, base_url=base) as client:
            client.photo_avatars.train("demo-group")
        deadline = time.monotonic() + 10
        while not got and time.monotonic() < deadline:
            time.sleep(0.05)
    [(body, headers)] = got
    event = verify(body, headers, secret=endpoint.secret)
    assert event.event_type is WebhookEventType.PHOTO_AVATAR_TRAIN_SUCCESS
    assert headers["Heygen-Event-Id"] == event.event_id
    assert "secret" not in repr(endpoint)
