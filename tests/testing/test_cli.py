"""``python -m heygen.testing serve``: prints its URL, answers, exits 0 on SIGINT and SIGTERM."""

from __future__ import annotations

import json
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

import heygen.testing.__main__ as cli
from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen
from tests.testing.conftest import STATUS, TRAIN

STARTUP_SECONDS = 10.0
STOP_SECONDS = 5.0


@contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start the CLI, read the one line it prints, and make sure it is gone afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "heygen.testing", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, _first_line(process)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=STARTUP_SECONDS):
            raise AssertionError(f"no URL printed within {STARTUP_SECONDS}s")
    return process.stdout.readline().rstrip("\n")


@pytest.mark.slow
def test_serve_prints_its_url_answers_and_exits_0_on_sigint_and_on_sigterm() -> None:
    # Both processes start together: interpreter start-up dominates this test.
    with (
        serving("--port", "0") as (interrupted, interrupted_url),
        serving("--port", "0", "--api-key", "demo-key", "--log-requests") as (terminated, terminated_url),
    ):
        for process, url, signum in (
            (interrupted, interrupted_url, signal.SIGINT),
            (terminated, terminated_url, signal.SIGTERM),
        ):
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
            with httpx.Client(base_url=url, headers={"x-api-key": "demo-key"}, verify=False) as client:
                assert client.post(TRAIN, json={"group_id": DEMO_GROUP_ID}).status_code == 200
                assert client.get(STATUS + DEMO_GROUP_ID).json()["data"]["status"] == "pending"
                # The signal arrives while the client's kept-alive connection is still open.
                process.send_signal(signum)
                started = time.monotonic()
                stdout, stderr = process.communicate(timeout=STOP_SECONDS)
            assert process.returncode == 0, stderr
            assert time.monotonic() - started < STOP_SECONDS
            assert stdout == ""  # the URL was the only line
            if signum == signal.SIGINT:
                assert stderr == ""
            else:
                assert f'"GET {STATUS}{DEMO_GROUP_ID} HTTP/1.1" 200' in stderr


# --- In-process: what the options configure, and the exits before serving --------------------


def _fake(*options: str) -> tuple[FakeHeyGen, FakeClock]:
    clock = FakeClock()
    return cli._fake_from(cli._parser().parse_args(["serve", *options]), clock=clock), clock


def _status(fake: FakeHeyGen, group_id: str, key: str = "demo-key") -> tuple[int, str | None]:
    reply = fake.handle("GET", STATUS + group_id, {"x-api-key": key})
    return reply.status, json.loads(reply.body)["data"] and json.loads(reply.body)["data"]["status"]


def test_by_default_any_key_works_with_the_demo_group_and_training_takes_5_seconds() -> None:
    fake, clock = _fake()
    assert fake.handle("POST", TRAIN, {"x-api-key": "demo-key"}, b'{"group_id": "demo-group"}').status == 200
    assert _status(fake, DEMO_GROUP_ID) == (200, "pending")
    clock.advance(1)
    assert _status(fake, DEMO_GROUP_ID) == (200, "training")
    clock.advance(4)
    assert _status(fake, DEMO_GROUP_ID) == (200, "ready")
    assert _status(fake, "other") == (404, None)


def test_options_set_keys_groups_durations_and_auto_creation() -> None:
    fake, clock = _fake("--api-key", "k1", "--api-key", "k2", "--group", "g", "--training-seconds", "3")
    assert _status(fake, "g", key="k2") == (200, "empty")
    assert _status(fake, "g", key="demo-key") == (401, None)
    assert _status(fake, DEMO_GROUP_ID, key="k1") == (404, None)
    fake.handle("POST", TRAIN, {"x-api-key": "k1"}, b'{"group_id": "g"}')
    clock.advance(2.9)
    assert _status(fake, "g", key="k1") == (200, "training")
    clock.advance(0.1)
    assert _status(fake, "g", key="k1") == (200, "ready")

    assert _status(_fake("--auto-create-groups")[0], "anything") == (200, "empty")


def test_a_port_in_use_is_an_error_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers


def test_a_negative_duration_is_a_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--training-seconds", "-1"]) == 2
    assert "cannot be negative" in capsys.readouterr().err


def test_a_signal_before_serving_still_exits_0() -> None:
    with pytest.raises(SystemExit) as exit_info, cli._stopped_by_signals():
        signal.raise_signal(signal.SIGTERM)
    assert exit_info.value.code == 0
