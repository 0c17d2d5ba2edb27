"""The fault table for every v3 operation, over real sockets, sync and async.

Each row is a server behaviour (the last action repeats) and what each kind of operation must do
with it: reads (GET, DELETE), keyed creates (POST with an `Idempotency-Key`: uploads, avatars,
consent) and the one unkeyed write (PATCH a look's name). Per row: the outcome (a result, or the
exact exception class), the attempts the server saw, and a wall-time bound. Every create attempt
carries the same key, so a server honouring keys creates at most once per logical call.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

import heygen
from heygen._types import Timeout
from tests.support.clock import SkipClock
from tests.support.server import Action, Reply, Reset, ScriptedServer, Stall
from tests.support.tally import TALLY
from tests.support.v3 import JPEG, call, v3_error
from tests.support.v3_ops import V3_OPS, Op
from tests.unit.conftest import ClientFactory

OK = Reply(200, "placeholder: each operation's documented 200")
RESULT = object  # the operation's result, whatever it is
HTML_502 = Reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", {"content-type": "text/html"})
DOC = "https://docs.heygen.com/errors/invalid_parameter"


@dataclass(frozen=True)
class Expect:
    outcome: type[object]  # the exact exception class, or RESULT
    attempts: int
    within: float = 1.0
    at_least: float = 0.0
    sleeps: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Fault:
    id: str
    actions: tuple[Action, ...]
    read: Expect
    create: Expect | None = None  # None: as read
    update: Expect | None = None  # None: as create
    timeout: Timeout = 2.0
    refused: bool = False
    check: Callable[[object], None] | None = field(default=None, repr=False)

    def expect(self, kind: str) -> Expect:
        create = self.create or self.read
        return {"read": self.read, "create": create, "update": self.update or create}[kind]


def _v3_extras(code: str, param: str | None, doc_url: str | None) -> Callable[[object], None]:
    def check(outcome: object) -> None:
        assert isinstance(outcome, heygen.APIStatusError)
        assert outcome.code == code and outcome.param == param and outcome.doc_url == doc_url
        assert code in str(outcome)

    return check


def _retry_after_kept(outcome: object) -> None:
    assert isinstance(outcome, heygen.RateLimitError) and outcome.retry_after == 86400


FAULTS = [
    Fault(
        "connection-refused",
        (),
        read=Expect(heygen.APIConnectionError, attempts=3, sleeps=(0.5, 1.0)),
        refused=True,
    ),
    Fault(
        # Sent, then the connection dropped: a key makes the create safe to send again.
        "reset-before-response-then-200",
        (Reset(), OK),
        read=Expect(RESULT, attempts=2),
        update=Expect(heygen.APIConnectionError, attempts=1),
    ),
    Fault(
        "reset-mid-body-then-200",
        (Reset(after_bytes=5), OK),
        read=Expect(RESULT, attempts=2),
        update=Expect(heygen.APIConnectionError, attempts=1),
    ),
    Fault(
        "stall-past-read-timeout-then-200",
        (Stall(3.0), OK),
        read=Expect(RESULT, attempts=2, within=1.0, at_least=0.15),
        update=Expect(heygen.APITimeoutError, attempts=1, within=0.75, at_least=0.15),
        timeout=httpx.Timeout(0.15, connect=2.0),
    ),
    Fault(
        # Only a keyed create can be "in progress"; elsewhere a 409 is a plain conflict.
        "409-request-in-progress-then-200",
        (Reply(409, v3_error("request_in_progress", "still running")), OK),
        read=Expect(heygen.ConflictError, attempts=1),
        create=Expect(RESULT, attempts=2, sleeps=(0.5,)),
        update=Expect(heygen.ConflictError, attempts=1),
    ),
    Fault(
        "409-REQUEST-IN-PROGRESS-upper-case-then-200",
        (Reply(409, v3_error("REQUEST_IN_PROGRESS", "still running")), OK),
        read=Expect(heygen.ConflictError, attempts=1),
        create=Expect(RESULT, attempts=2, sleeps=(0.5,)),
        update=Expect(heygen.ConflictError, attempts=1),
    ),
    Fault(
        "429-retry-after-1-then-200",
        (Reply(429, v3_error("rate_limit_exceeded", "slow down"), {"Retry-After": "1"}), OK),
        read=Expect(RESULT, attempts=2, sleeps=(1.0,)),
    ),
    Fault(
        "429-retry-after-a-day",
        (Reply(429, v3_error("quota_exceeded", "daily quota"), {"Retry-After": "86400"}), OK),
        read=Expect(heygen.RateLimitError, attempts=1, sleeps=()),
        check=_retry_after_kept,
    ),
    Fault(
        "503-then-200",
        (Reply(503, v3_error("service_unavailable", "later")), OK),
        read=Expect(RESULT, attempts=2, sleeps=(0.5,)),
    ),
    Fault(
        # A 500 may have done the work: reads and keyed creates retry, the unkeyed PATCH does not.
        "500-then-200",
        (Reply(500, v3_error("internal_error", "oops")), OK),
        read=Expect(RESULT, attempts=2, sleeps=(0.5,)),
        update=Expect(heygen.InternalServerError, attempts=1),
    ),
    Fault(
        "html-502-forever",
        (HTML_502,),
        read=Expect(heygen.InternalServerError, attempts=3, sleeps=(0.5, 1.0)),
    ),
    Fault(
        "200-html",
        (Reply(200, "<html>hello</html>", {"content-type": "text/html"}),),
        read=Expect(heygen.APIResponseValidationError, attempts=1),
    ),
    Fault(
        "200-truncated-json",
        (Reply(200, '{"data": {"id": "x", "na'),),
        read=Expect(heygen.APIResponseValidationError, attempts=1),
    ),
    Fault(
        "400-v3-error-with-param-and-doc-url",
        (Reply(400, v3_error("invalid_parameter", "name is too long", param="name", doc_url=DOC)),),
        read=Expect(heygen.BadRequestError, attempts=1),
        check=_v3_extras("invalid_parameter", "name", DOC),
    ),
    Fault(
        "404-v3-error-without-param-or-doc-url",
        (Reply(404, {"error": {"code": "not_found", "message": "no such thing"}}),),
        read=Expect(heygen.NotFoundError, attempts=1),
        check=_v3_extras("not_found", None, None),
    ),
    Fault(
        "422-v3-error-upper-case-code",
        (Reply(422, v3_error("INVALID_IMAGE", "no face found", param="file")),),
        read=Expect(heygen.UnprocessableEntityError, attempts=1),
        check=_v3_extras("INVALID_IMAGE", "file", None),
    ),
]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _check_creates(op: Op, server: ScriptedServer) -> None:
    """One key on every attempt (one creation at most), and the same whole body each time."""
    keys = {received.headers.get("idempotency-key") for received in server.received}
    assert len(keys) == 1 and None not in keys and "" not in keys, keys
    assert len({received.body for received in server.received}) == 1
    if op.path == "assets.upload":
        assert all(JPEG in received.body for received in server.received)


async def _run(client: object, server: ScriptedServer, clock: SkipClock, fault: Fault, op: Op) -> None:
    """One operation through one fault; AssertionError says what differed."""
    expect = fault.expect(op.kind)
    actions = [Reply(200, op.ok) if action is OK else action for action in fault.actions]
    if actions:
        server.queue(*actions[:-1])
        server.default = actions[-1]

    started = time.monotonic()
    outcome: object
    try:
        outcome = await call(client, op.path, *op.args, **op.kwargs)  # type: ignore[arg-type]
    except heygen.HeyGenError as error:
        outcome = error
    elapsed = time.monotonic() - started

    if expect.outcome is RESULT:
        assert not isinstance(outcome, BaseException), repr(outcome)
    else:
        assert type(outcome) is expect.outcome, repr(outcome)
    assert len(clock.sleeps) + 1 == expect.attempts, clock.sleeps
    assert len(server.received) == (0 if fault.refused else expect.attempts)
    assert expect.at_least <= elapsed <= expect.within, f"took {elapsed:.2f} s"
    if expect.sleeps is not None:
        assert tuple(clock.sleeps) == expect.sleeps
    if op.kind == "create" and server.received:
        _check_creates(op, server)
        if isinstance(outcome, heygen.APIError):
            assert outcome.idempotency_key == server.received[0].headers["idempotency-key"]
    if op.kind != "create":
        assert all("idempotency-key" not in received.headers for received in server.received)
    if fault.check is not None:
        fault.check(outcome)


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.id for fault in FAULTS])
async def test_v3_fault(
    make_api: ClientFactory, server: ScriptedServer, clock: SkipClock, fault: Fault
) -> None:
    """Every v3 operation through this fault, one after the other on one client."""
    base_url = f"http://127.0.0.1:{_closed_port()}" if fault.refused else server.url
    client = make_api(base_url=base_url, timeout=fault.timeout, max_retries=2).client
    failures = []
    for op in V3_OPS:
        server.reset()
        clock.sleeps.clear()
        try:
            await _run(client, server, clock, fault, op)
        except AssertionError as error:
            failures.append(f"{op.path}: {error}")
        else:
            TALLY.scenario(f"v3-{fault.id}/{op.path}")
    assert failures == []
