"""`wait_for_training(..., events=...)`: an event wakes the wait, the status decides, polls are the net."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock
from heygen.webhooks import EventFeed, WebhookEvent, WebhookEventType

READY_AT = 300.0
EVENT_AT = 45.0  # inside the first 60 s safety-net pause


def _event(group_id: str = "group-1", kind: str = "photo_avatar_train.success") -> WebhookEvent:
    return WebhookEvent(
        event_id=f"evt-{group_id}-{kind}",
        event_type=WebhookEventType.parse(kind),
        raw_event_type=kind,
        created_at=datetime.now(UTC),
        data={"group_id": group_id},
    )


class Training:
    """A status endpoint whose training turns ready at `ready_at` on the given clock."""

    def __init__(self, now: Callable[[], float], ready_at: float) -> None:
        self.now, self.ready_at, self.calls = now, ready_at, 0
        self.start = now()

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        status = "ready" if self.now() - self.start >= self.ready_at else "training"
        data = {"status": status, "error_msg": None, "created_at": 1.0, "updated_at": None}
        return httpx.Response(200, json={"error": None, "data": data})


def _sync_client(clock: Any, training: Training) -> HeyGen:
    http = httpx.Client(transport=httpx.MockTransport(training.handler))
    return HeyGen(api_key="k", http_client=http, clock=clock)


def _async_client(clock: Any, training: Training) -> AsyncHeyGen:
    http = httpx.AsyncClient(transport=httpx.MockTransport(training.handler))
    return AsyncHeyGen(api_key="k", http_client=http, clock=clock)


async def _wait(is_async: bool, clock: Any, training: Training, **kwargs: Any) -> heygen.TrainingStatus:
    if is_async:
        return await _async_client(clock, training).photo_avatars.wait_for_training("group-1", **kwargs)
    return _sync_client(clock, training).photo_avatars.wait_for_training("group-1", **kwargs)


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


async def test_an_event_ends_the_wait_within_a_step_with_two_status_calls(is_async: bool) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, EVENT_AT)
    feed = EventFeed()
    clock.call_at(EVENT_AT, lambda: feed.publish(_event()))
    status = await _wait(is_async, clock, training, events=feed)
    assert status.state is heygen.TrainingState.READY
    assert training.calls == 2
    assert EVENT_AT <= clock.monotonic() <= EVENT_AT + 0.25


async def test_without_the_event_the_safety_net_still_finds_it(is_async: bool) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, READY_AT)
    status = await _wait(is_async, clock, training, events=EventFeed())
    assert status.state is heygen.TrainingState.READY
    # Polls at 0, 60, ..., 300 s: every 6 x poll_interval (10 s).
    assert training.calls == 6
    assert clock.monotonic() == pytest.approx(READY_AT)


async def test_events_for_other_avatars_do_not_wake_the_wait(is_async: bool) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, READY_AT)
    feed = EventFeed()
    for at in (10.0, 20.0, 30.0):
        clock.call_at(at, lambda: feed.publish(_event("other-group")))
    clock.call_at(40.0, lambda: feed.publish(_event(kind="avatar_video.success")))
    await _wait(is_async, clock, training, events=feed, poll_interval=100)
    assert training.calls == 2  # at 0 s and at the 600 s safety net


async def test_a_status_lagging_behind_its_event_is_polled_again_soon(is_async: bool) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, EVENT_AT + 2.0)  # the event comes 2 s early
    feed = EventFeed()
    clock.call_at(EVENT_AT, lambda: feed.publish(_event()))
    await _wait(is_async, clock, training, events=feed)
    # 0 s, the event at 45 s, then 46 s and 47.5 s: the fast schedule again, not 60 s on.
    assert training.calls == 4
    assert clock.monotonic() == pytest.approx(EVENT_AT + 2.5, abs=0.3)


async def test_a_failure_event_wakes_the_wait_and_the_status_raises(is_async: bool) -> None:
    clock = FakeClock()
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        status = "failed" if clock.monotonic() >= 42 else "training"
        data = {"status": status, "error_msg": "bad photos", "created_at": 1.0, "updated_at": None}
        return httpx.Response(200, json={"error": None, "data": data})

    feed = EventFeed()
    clock.call_at(42.0, lambda: feed.publish(_event(kind="photo_avatar_train.fail")))
    transport = httpx.MockTransport(handler)
    with pytest.raises(heygen.TrainingFailedError, match="bad photos"):
        if is_async:
            client = AsyncHeyGen(api_key="k", http_client=httpx.AsyncClient(transport=transport), clock=clock)
            await client.photo_avatars.wait_for_training("group-1", events=feed)
        else:
            sync = HeyGen(api_key="k", http_client=httpx.Client(transport=transport), clock=clock)
            sync.photo_avatars.wait_for_training("group-1", events=feed)
    assert calls == 2


async def test_a_replaceable_rule_decides_what_concerns_a_wait(is_async: bool) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, EVENT_AT)
    seen: list[tuple[str, frozenset[str]]] = []

    def rule(event: WebhookEvent, ids: Any) -> bool:
        seen.append((event.event_id, frozenset(ids)))
        return event.data.get("flow") == "f-1"

    feed = EventFeed(rule=rule)
    event = _event("unrelated")
    clock.call_at(EVENT_AT, lambda: feed.publish(WebhookEvent(**{**vars_of(event), "data": {"flow": "f-1"}})))
    await _wait(is_async, clock, training, events=feed)
    assert training.calls == 2
    assert seen == [(event.event_id, frozenset({"group-1"}))]


def vars_of(event: WebhookEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in WebhookEvent.__dataclass_fields__}


def test_a_thread_queue_wakes_a_wait_on_the_real_clock() -> None:
    """The real-clock path blocks on the queue: the wait returns right after the event, not 60 s on."""
    training = Training(time.monotonic, 0.3)
    events: queue.Queue[WebhookEvent] = queue.Queue()
    timer = threading.Timer(0.35, lambda: events.put(_event()))
    timer.start()
    started = time.monotonic()
    with _sync_client(heygen._clock.SYSTEM_CLOCK, training) as client:
        client.photo_avatars.wait_for_training("group-1", events=events, timeout=30)
    assert time.monotonic() - started < 5
    assert training.calls == 2


async def test_an_asyncio_queue_wakes_an_async_wait_on_the_real_clock() -> None:
    training = Training(time.monotonic, 0.3)
    events: asyncio.Queue[WebhookEvent] = asyncio.Queue()
    asyncio.get_running_loop().call_later(0.35, events.put_nowait, _event())
    started = time.monotonic()
    async with _async_client(heygen._clock.SYSTEM_CLOCK, training) as client:
        await client.photo_avatars.wait_for_training("group-1", events=events, timeout=30)
    assert time.monotonic() - started < 5
    assert training.calls == 2


async def test_a_feed_wakes_an_async_wait_on_the_real_clock() -> None:
    training = Training(time.monotonic, 0.3)
    feed = EventFeed()
    timer = threading.Timer(0.35, lambda: feed.publish(_event()))
    timer.start()
    async with _async_client(heygen._clock.SYSTEM_CLOCK, training) as client:
        await client.photo_avatars.wait_for_training("group-1", events=feed, timeout=30)
    assert training.calls == 2


def test_a_finished_wait_stops_listening() -> None:
    import gc

    clock = FakeClock()
    training = Training(clock.monotonic, 5.0)
    feed = EventFeed()
    _sync_client(clock, training).photo_avatars.wait_for_training("group-1", events=feed)
    gc.collect()
    assert repr(feed) == "EventFeed(listening=0)"


def test_anything_but_a_verified_event_in_a_queue_is_ignored_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, 100.0)
    events: queue.Queue[Any] = queue.Queue()
    events.put({"event_type": "photo_avatar_train.success", "event_data": {"group_id": "group-1"}})
    with caplog.at_level(logging.WARNING, logger="heygen"):
        _sync_client(clock, training).photo_avatars.wait_for_training("group-1", events=events)
    assert "only verified WebhookEvents count" in caplog.text
    assert training.calls == 3  # 0, 60, 120 s: the dict woke nothing


@pytest.mark.parametrize("source", [[], "feed", object()])
def test_an_unusable_source_fails_before_any_call(source: object) -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, 1.0)
    with pytest.raises(TypeError, match="EventFeed"):
        _sync_client(clock, training).photo_avatars.wait_for_training("group-1", events=source)  # type: ignore[arg-type]
    assert training.calls == 0


async def test_an_asyncio_queue_is_refused_by_a_sync_wait() -> None:
    clock = FakeClock()
    training = Training(clock.monotonic, 1.0)
    with pytest.raises(TypeError, match="async wait"):
        _sync_client(clock, training).photo_avatars.wait_for_training("group-1", events=asyncio.Queue())
    assert training.calls == 0


def test_publish_takes_only_verified_events() -> None:
    with pytest.raises(TypeError, match="WebhookEvent"):
        EventFeed().publish({"event_id": "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="callable"):
        EventFeed(rule="group-1")  # type: ignore[arg-type]


def test_the_default_rule() -> None:
    from heygen.webhooks import may_concern

    nested = WebhookEvent(**{**vars_of(_event()), "data": {"avatar": {"looks": [{"id": "look-7"}]}}})
    assert may_concern(_event(), {"group-1"})
    assert may_concern(nested, {"look-7", "group-9"})
    assert not may_concern(_event(), set())
    assert not may_concern(_event("group-2"), {"group-1"})
    assert not may_concern(_event(kind="avatar_video.success"), {"group-1"})
    assert may_concern(_event(kind="photo_avatar_brand_new.success"), {"group-1"})  # unknown type
