"""`training_status`, `wait_for_training` and `train_and_wait`, driven by a fake clock."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest

import heygen
from heygen import TrainingState
from heygen.testing import FakeClock
from tests.support.server import Reply, ScriptedServer, error_body, status_body
from tests.unit.conftest import Api, ClientFactory


def status_reply(status: str, error_msg: str | None = None) -> Reply:
    return Reply(200, status_body(status, error_msg))


async def test_status_is_typed_with_aware_timestamps(api: Api, server: ScriptedServer) -> None:
    server.queue(
        Reply(
            200,
            {
                "error": None,
                "data": {
                    "status": "ready",
                    "error_msg": None,
                    "created_at": 1737662355.643309,
                    "updated_at": 1737662955,
                },
            },
        )
    )
    status = await api.status("group-1")
    assert status.state is TrainingState.READY
    assert status.raw_status == "ready"
    assert status.is_terminal and not status.is_unknown
    assert status.created_at == datetime(2025, 1, 23, 19, 59, 15, 643309, tzinfo=UTC)
    assert status.updated_at == datetime.fromtimestamp(1737662955, tz=UTC)
    assert server.received[0].path == "/v2/photo_avatar/train/status/group-1"
    assert server.received[0].method == "GET"


@pytest.mark.parametrize(
    ("group_id", "path_segment"),
    [
        ("a/b", "a%2Fb"),
        ("../../v1/asset", "..%2F..%2Fv1%2Fasset"),
        ("g?x=1", "g%3Fx%3D1"),
        ("g#frag", "g%23frag"),
        ("g%2F", "g%252F"),
        ("grüße", "gr%C3%BC%C3%9Fe"),
    ],
)
async def test_group_id_is_one_encoded_path_segment(
    api: Api, server: ScriptedServer, group_id: str, path_segment: str
) -> None:
    server.queue(status_reply("pending"))
    status = await api.status(group_id)
    assert server.received[0].path == f"/v2/photo_avatar/train/status/{path_segment}"
    assert status.group_id == group_id


@pytest.fixture
def fresh_unknown_log(monkeypatch: pytest.MonkeyPatch) -> None:
    import heygen._adapters as adapters

    monkeypatch.setattr(adapters, "_unknown_states_logged", set())


@pytest.mark.usefixtures("fresh_unknown_log")
async def test_an_unknown_status_is_kept_flagged_and_logged_once(
    api: Api, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.queue(status_reply("queued_for_gpu"), status_reply("queued_for_gpu"))
    with caplog.at_level(logging.WARNING, logger="heygen"):
        first = await api.status("group-1")
        second = await api.status("group-1")
    assert first.state is TrainingState.UNKNOWN and first.is_unknown
    assert first.raw_status == second.raw_status == "queued_for_gpu"
    assert not first.is_terminal
    logged = [r for r in caplog.records if "queued_for_gpu" in r.getMessage()]
    assert len(logged) == 1


async def test_a_v1_failure_body_at_200_is_an_envelope_error(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, {"code": 40009, "message": "Invalid credentials", "data": None}))
    with pytest.raises(heygen.EnvelopeError) as caught:
        await api.status("group-1")
    assert (caught.value.code, caught.value.message) == (40009, "Invalid credentials")


async def test_a_status_envelope_error_raises(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(200, error_body("photar_not_found", "Group not found")))
    with pytest.raises(heygen.EnvelopeError, match="photar_not_found: Group not found"):
        await api.status("group-1")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"error": None, "data": {"status": 3}}, "data.status is 3"),
        ({"error": None, "data": {}}, "no `data` object with a `status`"),
        (
            {"error": None, "data": {"status": "ready", "created_at": "yesterday"}},
            "created_at is 'yesterday'",
        ),
        ({"error": None, "data": {"status": "ready", "updated_at": 1e300}}, r"updated_at is 1e\+300"),
        ({"error": None, "data": {"status": "failed", "error_msg": 5}}, "error_msg is 5"),
    ],
)
async def test_a_status_of_the_wrong_shape_raises_validation_error(
    api: Api, server: ScriptedServer, body: object, says: str
) -> None:
    server.queue(Reply(200, body))
    with pytest.raises(heygen.APIResponseValidationError, match=says):
        await api.status("group-1")


async def test_wait_goes_pending_training_ready(api: Api, server: ScriptedServer, clock: FakeClock) -> None:
    server.queue(
        status_reply("pending"), status_reply("training"), status_reply("training"), status_reply("ready")
    )
    seen: list[str] = []
    final = await api.wait("group-1", on_progress=lambda s: seen.append(s.raw_status))
    assert final.state is TrainingState.READY
    assert seen == ["pending", "training", "training", "ready"]
    assert clock.sleeps == [1.0, 1.5, 2.25]


async def test_poll_interval_caps_the_backoff(api: Api, server: ScriptedServer, clock: FakeClock) -> None:
    server.queue(*[status_reply("training")] * 8, status_reply("ready"))
    await api.wait("group-1", poll_interval=4.0)
    assert clock.sleeps == [1.0, 1.5, 2.25, 3.375, 4.0, 4.0, 4.0, 4.0]


async def test_wait_raises_training_failed_with_heygens_reason(api: Api, server: ScriptedServer) -> None:
    server.queue(status_reply("pending"), status_reply("failed", "No face detected"))
    with pytest.raises(heygen.TrainingFailedError) as caught:
        await api.wait("group-1")
    assert caught.value.error_message == "No face detected"
    assert caught.value.last_status is not None and caught.value.last_status.state is TrainingState.FAILED
    assert str(caught.value) == "Training of group 'group-1' failed: No face detected"


async def test_wait_times_out_with_the_last_status(
    api: Api, server: ScriptedServer, clock: FakeClock
) -> None:
    server.default = status_reply("training")
    started = clock.monotonic()
    with pytest.raises(heygen.TrainingTimeoutError) as caught:
        await api.wait("group-1", timeout=60, poll_interval=10)
    assert caught.value.last_status is not None and caught.value.last_status.raw_status == "training"
    assert clock.monotonic() - started == pytest.approx(60.0)
    assert sum(clock.sleeps) == pytest.approx(60.0)
    assert "did not finish within 60 s (last status 'training')" in str(caught.value)


async def test_wait_rides_out_transient_503s_and_429s(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(max_retries=1)
    server.queue(
        status_reply("pending"),
        Reply(503, error_body("unavailable", "x")),
        Reply(503, error_body("unavailable", "x")),  # exhausts the call's retry: the wait goes on
        Reply(429, error_body("rate_limit_exceeded", "x"), {"Retry-After": "2"}),
        status_reply("training"),
        status_reply("ready"),
    )
    final = await api.wait("group-1")
    assert final.state is TrainingState.READY
    assert len(server.received) == 6
    assert 2.0 in clock.sleeps


async def test_wait_stops_on_a_non_transient_error(api: Api, server: ScriptedServer) -> None:
    server.queue(status_reply("pending"), Reply(404, error_body("photar_not_found", "gone")))
    with pytest.raises(heygen.NotFoundError):
        await api.wait("group-1")


async def test_an_unknown_status_keeps_polling_and_is_reported(
    api: Api, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.queue(status_reply("pending"), status_reply("warming_up"), status_reply("ready"))
    seen: list[heygen.TrainingStatus] = []
    with caplog.at_level(logging.INFO, logger="heygen"):
        final = await api.wait("group-1", on_progress=seen.append)
    assert final.state is TrainingState.READY
    assert [s.state for s in seen] == [TrainingState.PENDING, TrainingState.UNKNOWN, TrainingState.READY]
    assert any("warming_up" in r.getMessage() and "still waiting" in r.getMessage() for r in caplog.records)


async def test_an_unknown_status_forever_ends_at_the_deadline(
    api: Api, server: ScriptedServer, clock: FakeClock
) -> None:
    server.default = status_reply("mystery")
    with pytest.raises(heygen.TrainingTimeoutError) as caught:
        await api.wait("group-1", timeout=30)
    assert caught.value.last_status is not None and caught.value.last_status.is_unknown


async def test_each_poll_is_cut_to_the_time_left(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    """No status call may run past the wait's deadline: its timeout is what is left."""
    sent: list[dict[str, float | None]] = []

    def record(request: httpx.Request) -> None:
        sent.append(request.extensions["timeout"])

    async def record_async(request: httpx.Request) -> None:
        record(request)

    hooks = {"request": [record_async if make_api.kind == "async" else record]}
    api = make_api(timeout=2.0, http_client=make_api.http_client(event_hooks=hooks))
    server.default = status_reply("training")
    with pytest.raises(heygen.TrainingTimeoutError):
        await api.wait("group-1", timeout=3.5, poll_interval=1.0)
    assert clock.sleeps == [1.0, 1.0, 1.0, 0.5]
    # The client allows 2 s a request; the last polls get only what is left of the 3.5 s wait.
    assert [t["read"] for t in sent] == [2.0, 2.0, 1.5, 0.5]
    assert all(t["connect"] == t["read"] for t in sent)


async def test_a_timeout_carries_the_last_poll_error(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(max_retries=0)
    server.queue(status_reply("training"))
    server.default = Reply(503, error_body("unavailable", "maintenance"))
    with pytest.raises(heygen.TrainingTimeoutError) as caught:
        await api.wait("group-1", timeout=10)
    assert isinstance(caught.value.last_error, heygen.InternalServerError)
    assert caught.value.__cause__ is caught.value.last_error
    assert caught.value.last_status is not None and caught.value.last_status.raw_status == "training"


@pytest.mark.parametrize("status", [501, 505])
async def test_a_server_error_that_waiting_cannot_fix_ends_the_wait(
    make_api: ClientFactory, server: ScriptedServer, status: int
) -> None:
    api = make_api(max_retries=0)
    server.default = Reply(status, error_body("not_implemented", "no"))
    with pytest.raises(heygen.InternalServerError):
        await api.wait("group-1")
    assert len(server.received) == 1


async def test_the_wait_obeys_retry_after(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(max_retries=0)
    server.queue(
        status_reply("training"),
        Reply(429, error_body("rate_limit_exceeded", "slow down"), {"Retry-After": "45"}),
        status_reply("ready"),
    )
    await api.wait("group-1", timeout=300)
    assert clock.sleeps == [1.0, 45.0]


async def test_a_retry_after_past_the_deadline_ends_the_wait_with_the_429(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(max_retries=0)
    server.queue(Reply(429, error_body("quota_exceeded", "Daily quota"), {"Retry-After": "50"}))
    with pytest.raises(heygen.RateLimitError) as caught:
        await api.wait("group-1", timeout=30)
    assert caught.value.retry_after == 50
    assert clock.sleeps == []


async def test_a_group_that_stays_empty_is_not_polled_to_the_deadline(
    api: Api, server: ScriptedServer, clock: FakeClock
) -> None:
    server.default = status_reply("empty")
    with pytest.raises(heygen.TrainingNotStartedError, match="has no training"):
        await api.wait("group-1", timeout=1800)
    assert 60 <= clock.monotonic() < 80
    assert len(server.received) < 15


async def test_empty_right_after_train_is_tolerated(api: Api, server: ScriptedServer) -> None:
    server.queue(status_reply("empty"), status_reply("pending"), status_reply("ready"))
    assert (await api.wait("group-1")).state is TrainingState.READY


async def test_a_failed_train_and_wait_keeps_the_job(api: Api, server: ScriptedServer) -> None:
    server.queue(Reply(), status_reply("failed", "No face detected"))
    with pytest.raises(heygen.TrainingFailedError) as caught:
        await api.train_and_wait("group-1")
    assert caught.value.job is not None
    assert caught.value.job.flow_id == "46b0c8af19ea12eabbd86a3cc8abeb17"


@pytest.mark.parametrize(
    ("kwargs", "error_class", "says"),
    [
        ({"timeout": 0}, ValueError, "timeout must be a positive"),
        ({"timeout": float("inf")}, ValueError, "timeout must be a positive"),
        ({"poll_interval": -1}, ValueError, "poll_interval must be a positive"),
        ({"timeout": "60"}, TypeError, "timeout must be a number"),
        ({"on_progress": "print"}, TypeError, "on_progress must be callable"),
    ],
)
async def test_bad_wait_arguments_fail_before_any_request(
    api: Api, server: ScriptedServer, kwargs: dict[str, object], error_class: type[Exception], says: str
) -> None:
    with pytest.raises(error_class, match=says):
        await api.wait("group-1", **kwargs)
    assert server.received == []


async def test_train_and_wait_keeps_the_flow_id_and_the_final_status(
    api: Api, server: ScriptedServer
) -> None:
    server.queue(Reply(), status_reply("training"), status_reply("ready"))
    result = await api.train_and_wait("group-1")
    assert result.flow_id == "46b0c8af19ea12eabbd86a3cc8abeb17"
    assert result.group_id == "group-1"
    assert result.status.state is TrainingState.READY
    assert [r.method for r in server.received] == ["POST", "GET", "GET"]
