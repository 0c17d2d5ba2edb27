"""The retry policy, end to end over real sockets, with a fake clock standing in for sleep.

How each fault ends (refused, reset, stalled, 429 forever, a Retry-After over the cap) is in
`tests/reliability/test_faults.py`; this file pins the policy's details: backoff, statuses, budgets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

import heygen
from heygen.testing import FakeClock
from tests.support.server import Reply, ScriptedServer, Stall, error_body, status_body
from tests.unit.conftest import ClientFactory

UNAVAILABLE = Reply(503, error_body("unavailable", "try later"))


async def test_train_retries_a_503_with_backoff_then_succeeds(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api()
    server.queue(UNAVAILABLE, UNAVAILABLE, Reply())
    job = await api.train("group-1")
    assert job.flow_id
    assert len(server.received) == 3
    # Full jitter with random()=1.0 sits on the ceiling: 0.5 s, then 1 s.
    assert clock.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("fraction", [0.0, 0.25, 1.0])
async def test_backoff_is_full_jitter_over_the_ceiling(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock, fraction: float
) -> None:
    clock.random_fraction = fraction
    api = make_api(max_retries=3)
    server.queue(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, Reply())
    await api.train("group-1")
    assert clock.sleeps == [fraction * 0.5, fraction * 1.0, fraction * 2.0]


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
async def test_train_retries_statuses_where_no_work_was_done(
    make_api: ClientFactory, server: ScriptedServer, status: int
) -> None:
    api = make_api()
    server.queue(Reply(status, error_body("x", "y")), Reply())
    await api.train("group-1")
    assert len(server.received) == 2


async def test_train_never_retries_a_500_the_job_may_have_started(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api()
    server.queue(Reply(500, error_body("internal_error", "boom")), Reply())
    with pytest.raises(heygen.InternalServerError):
        await api.train("group-1")
    assert len(server.received) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_reads_retry_500_too(make_api: ClientFactory, server: ScriptedServer, status: int) -> None:
    api = make_api()
    server.queue(Reply(status, error_body("x", "y")), Reply(200, status_body("training")))
    status_seen = await api.status("group-1")
    assert status_seen.state is heygen.TrainingState.TRAINING
    assert len(server.received) == 2


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 409, 422])
async def test_client_errors_are_never_retried(
    make_api: ClientFactory, server: ScriptedServer, status: int
) -> None:
    api = make_api()
    server.queue(Reply(status, error_body("x", "y")), Reply(200, status_body("ready")))
    with pytest.raises(heygen.APIStatusError):
        await api.status("group-1")
    assert len(server.received) == 1


async def test_retries_are_bounded_by_max_retries(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(max_retries=3)
    server.default = UNAVAILABLE
    with pytest.raises(heygen.InternalServerError) as caught:
        await api.train("group-1")
    assert caught.value.status_code == 503
    assert len(server.received) == 4
    assert len(clock.sleeps) == 3


async def test_max_retries_per_call_overrides_the_client(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    api = make_api(max_retries=5)
    server.default = UNAVAILABLE
    with pytest.raises(heygen.InternalServerError):
        await api.train("group-1", max_retries=0)
    assert len(server.received) == 1


async def test_with_options_overrides_retries_and_shares_the_pool(
    make_api: ClientFactory, server: ScriptedServer
) -> None:
    api = make_api(max_retries=5)
    copy = api.with_options(max_retries=1)
    assert copy.client._http_client is api.client._http_client
    assert copy.client.max_retries == 1 and api.client.max_retries == 5
    server.default = UNAVAILABLE
    with pytest.raises(heygen.InternalServerError):
        await copy.train("group-1")
    assert len(server.received) == 2


@pytest.mark.parametrize(
    ("headers", "expected_sleep"),
    [
        ({"Retry-After": "1"}, 1.0),
        ({"Retry-After": "2.5"}, 2.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
        ({"Retry-After": "soon"}, 0.5),
    ],
)
async def test_retry_after_is_obeyed(
    make_api: ClientFactory,
    server: ScriptedServer,
    clock: FakeClock,
    headers: dict[str, str],
    expected_sleep: float,
) -> None:
    api = make_api()
    server.queue(Reply(429, error_body("rate_limit_exceeded", "slow down"), headers), Reply())
    await api.train("group-1")
    assert clock.sleeps == [expected_sleep]


async def test_retry_after_as_an_http_date(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api()
    when = format_datetime(datetime.fromtimestamp(clock.time() + 4, tz=UTC), usegmt=True)
    server.queue(Reply(429, error_body("rate_limit_exceeded", "slow down"), {"Retry-After": when}), Reply())
    await api.train("group-1")
    assert clock.sleeps == [pytest.approx(4.0)]


async def test_retries_never_sleep_past_the_calls_timeout(
    make_api: ClientFactory, server: ScriptedServer, clock: FakeClock
) -> None:
    api = make_api(timeout=3.0, max_retries=10)
    server.default = Reply(503, error_body("x", "y"), {"Retry-After": "2"})
    with pytest.raises(heygen.InternalServerError):
        await api.train("group-1")
    assert clock.sleeps == [2.0]  # a second 2 s wait would end past the 3 s budget


async def test_per_call_timeout_overrides_the_client(make_api: ClientFactory, server: ScriptedServer) -> None:
    api = make_api(timeout=30.0)
    server.queue(Stall(2.0))
    with pytest.raises(heygen.APITimeoutError):
        await api.train("group-1", timeout=0.2)
