"""Every fault we know of, over real sockets: what is raised, how many attempts, how long it takes.

One table. Each row is a server behaviour (the last action repeats for every further request)
and what `train` and `training_status` must do with it, sync and async: the result or the exact
exception class, the number of attempts the server saw, and an upper bound on wall time. Retry
waits are skipped by the clock (and recorded); timeouts and slow bodies take real, short time.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

import heygen
from heygen import TrainingJob, TrainingStatus
from heygen._constants import MAX_RESPONSE_BYTES
from heygen._types import Timeout
from tests.support.clock import SkipClock
from tests.support.server import (
    Action,
    Drip,
    Flood,
    Reply,
    Reset,
    ScriptedServer,
    Stall,
    error_body,
    status_body,
)
from tests.support.tally import TALLY
from tests.unit.conftest import ClientFactory

MB = 1_000_000
OK = Reply()  # a documented 200: train accepts it; for the status call it is rewritten below
HTML_502 = Reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {"content-type": "text/html"})
DEEP_JSON = b"[" * 1_000_000 + b"]" * 1_000_000  # 2 MB, valid JSON, a million levels deep

Outcome = object  # a result, or the exception raised


@dataclass(frozen=True)
class Expect:
    """What one call must end with."""

    outcome: type[object]  # the exact exception class, or TrainingJob / TrainingStatus
    attempts: int
    within: float  # seconds of wall time, at most
    at_least: float = 0.0  # seconds, for faults that must run into a real timeout
    sleeps: tuple[float, ...] | None = None  # retry waits, when the row pins them


@dataclass(frozen=True)
class Fault:
    id: str
    actions: tuple[Action, ...]  # one per request; the last repeats
    train: Expect
    status: Expect | None = None  # None: the same as train
    timeout: Timeout = 2.0
    refused: bool = False  # point the client at a port nobody listens on
    check: Callable[[Outcome, ScriptedServer], None] | None = field(default=None, repr=False)


def _retry_after_is_kept(outcome: Outcome, server: ScriptedServer) -> None:
    assert isinstance(outcome, heygen.RateLimitError)
    assert outcome.retry_after == 86400
    assert str(outcome).endswith("(retry after 86400 s)")


def _retry_after_1(outcome: Outcome, server: ScriptedServer) -> None:
    assert isinstance(outcome, heygen.RateLimitError)
    assert outcome.retry_after == 1.0


def _refused_at_the_limit(size: int) -> Callable[[Outcome, ScriptedServer], None]:
    def check(outcome: Outcome, server: ScriptedServer) -> None:
        assert isinstance(outcome, heygen.APIResponseValidationError)
        assert f"larger than the {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB limit" in str(outcome)
        server.wait_done()
        # The client hung up at the limit: the server could not push the rest into the socket.
        assert server.received[-1].sent < size // 2

    return check


def _says(text: str) -> Callable[[Outcome, ScriptedServer], None]:
    """The error, when the call fails, says this."""

    def check(outcome: Outcome, server: ScriptedServer) -> None:
        if isinstance(outcome, heygen.HeyGenError):
            assert text in str(outcome)

    return check


FAULTS = [
    Fault(
        "connection-refused",
        (),
        train=Expect(heygen.APIConnectionError, attempts=3, within=1.0, sleeps=(0.5, 1.0)),
        refused=True,
        check=_says("Connection error"),
    ),
    Fault(
        # The request was sent: train may have started (credits spent), so only reads retry.
        "reset-before-response-then-200",
        (Reset(), OK),
        train=Expect(heygen.APIConnectionError, attempts=1, within=1.0),
        status=Expect(TrainingStatus, attempts=2, within=1.0),
    ),
    Fault(
        "reset-mid-body-then-200",
        (Reset(after_bytes=5), OK),
        train=Expect(heygen.APIConnectionError, attempts=1, within=1.0),
        status=Expect(TrainingStatus, attempts=2, within=1.0),
    ),
    Fault(
        # Read timeout 0.15 s inside a 2 s budget, so a read can retry within the call.
        "stall-past-read-timeout-then-200",
        (Stall(3.0), OK),
        train=Expect(heygen.APITimeoutError, attempts=1, within=0.75, at_least=0.15),
        status=Expect(TrainingStatus, attempts=2, within=1.0, at_least=0.15),
        timeout=httpx.Timeout(0.15, connect=2.0),
        check=_says("read timeout"),
    ),
    Fault(
        "503-then-200",
        (Reply(503, error_body("unavailable", "try later")), OK),
        train=Expect(TrainingJob, attempts=2, within=1.0, sleeps=(0.5,)),
        status=Expect(TrainingStatus, attempts=2, within=1.0, sleeps=(0.5,)),
    ),
    Fault(
        "429-retry-after-1-then-200",
        (Reply(429, error_body("rate_limit_exceeded", "slow down"), {"Retry-After": "1"}), OK),
        train=Expect(TrainingJob, attempts=2, within=1.0, sleeps=(1.0,)),
        status=Expect(TrainingStatus, attempts=2, within=1.0, sleeps=(1.0,)),
    ),
    Fault(
        "429-forever",
        (Reply(429, error_body("rate_limit_exceeded", "slow down"), {"Retry-After": "1"}),),
        train=Expect(heygen.RateLimitError, attempts=3, within=1.0, sleeps=(1.0, 1.0)),
        timeout=5.0,  # two 1 s waits fit the call's budget (waits count against it)
        check=_retry_after_1,
    ),
    Fault(
        # Over the 60 s cap: not waited out inside the call; the caller gets retry_after.
        "429-retry-after-a-day",
        (Reply(429, error_body("quota_exceeded", "Daily quota used"), {"Retry-After": "86400"}), OK),
        train=Expect(heygen.RateLimitError, attempts=1, within=1.0, sleeps=()),
        check=_retry_after_is_kept,
    ),
    Fault(
        "503-retry-after-a-year",
        (Reply(503, error_body("maintenance", "back soon"), {"Retry-After": "31536000"}), OK),
        train=Expect(heygen.InternalServerError, attempts=1, within=1.0, sleeps=()),
    ),
    Fault(
        "html-502-page",
        (HTML_502,),
        train=Expect(heygen.InternalServerError, attempts=3, within=1.0, sleeps=(0.5, 1.0)),
        check=_says("Bad Gateway, with a non-HeyGen body (text/html, 50 bytes)"),
    ),
    Fault(
        "200-not-json",
        (Reply(200, "<html>hello</html>", {"content-type": "text/html"}),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=1.0),
    ),
    Fault(
        "200-truncated-json",
        (Reply(200, '{"error": null, "data": {"code": 100, "da'),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=1.0),
    ),
    Fault(
        "200-error-envelope",
        (Reply(200, error_body("photar_not_found", "Group not found")),),
        train=Expect(heygen.EnvelopeError, attempts=1, within=1.0),
        check=_says("photar_not_found: Group not found"),
    ),
    Fault(
        "200-json-a-million-levels-deep",
        (Reply(200, DEEP_JSON),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=2.0),
    ),
    Fault(
        "400-json-a-million-levels-deep",
        (Reply(400, DEEP_JSON),),
        train=Expect(heygen.BadRequestError, attempts=1, within=2.0),
    ),
    Fault(
        "200-corrupt-gzip",
        (Reply(200, b"this is not gzip", {"content-encoding": "gzip"}),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=1.0),
        check=_says("could not be decoded"),
    ),
    Fault(
        "50mb-body-declared",
        (Flood(50 * MB),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=2.0),
        check=_refused_at_the_limit(50 * MB),
    ),
    Fault(
        "50mb-body-chunked",
        (Flood(50 * MB, declare_length=False),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=2.0),
        check=_refused_at_the_limit(50 * MB),
    ),
    Fault(
        # 50 KB on the wire, 50 MB once inflated: the limit is on what the SDK would hold.
        "50mb-body-gzip-bomb",
        (Flood(50 * MB, gzip=True),),
        train=Expect(heygen.APIResponseValidationError, attempts=1, within=2.0),
        check=_says("MiB limit"),
    ),
    Fault(
        # A byte every 30 ms never trips the 0.3 s read timeout; the call's deadline ends it.
        "slow-drip-forever",
        (Drip(interval=0.03, total=30.0),),
        train=Expect(heygen.APITimeoutError, attempts=1, within=1.0, at_least=0.27),
        timeout=0.3,
        check=_says("still arriving when the call's timeout ran out"),
    ),
]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _for_status(action: Action) -> Action:
    """The status call's version of a row's action: a documented 200 is the status answer."""
    return Reply(200, status_body("training")) if action is OK else action


@pytest.mark.parametrize("method", ["train", "status"])
@pytest.mark.parametrize("fault", FAULTS, ids=[fault.id for fault in FAULTS])
async def test_fault(
    make_api: ClientFactory, server: ScriptedServer, clock: SkipClock, fault: Fault, method: str
) -> None:
    expect = fault.train if method == "train" else fault.status or fault.train
    base_url = f"http://127.0.0.1:{_closed_port()}" if fault.refused else server.url
    api = make_api(base_url=base_url, timeout=fault.timeout, max_retries=2)
    actions = [_for_status(a) for a in fault.actions] if method == "status" else list(fault.actions)
    if actions:
        server.queue(*actions[:-1])
        server.default = actions[-1]

    started = time.monotonic()
    outcome: Outcome
    try:
        outcome = await (api.train("group-1") if method == "train" else api.status("group-1"))
    except heygen.HeyGenError as error:
        outcome = error
    elapsed = time.monotonic() - started

    assert type(outcome) is expect.outcome, repr(outcome)
    assert len(clock.sleeps) + 1 == expect.attempts, clock.sleeps
    assert len(server.received) == (0 if fault.refused else expect.attempts)
    assert expect.at_least <= elapsed <= expect.within, f"took {elapsed:.2f} s"
    if expect.sleeps is not None:
        assert tuple(clock.sleeps) == expect.sleeps
    if fault.check is not None:
        fault.check(outcome, server)
    if isinstance(outcome, TrainingJob | TrainingStatus):
        assert outcome.group_id == "group-1"
    TALLY.scenario(f"{fault.id}/{method}")
