"""The API key, seen from outside: run the SDK in a fresh interpreter and look for the key everywhere.

`secrets_probe.py` runs with the key in HEYGEN_API_KEY and HEYGEN_LOG=debug (the real
environment path), through every way a call can end, sync and async, and prints every text those
outcomes make (reprs, errors and their causes, tracebacks with locals). The key must be in none
of it, nor in any log record on stderr; it must reach the base URL on every request and nothing
else: a second loopback server, the target of every redirect, must receive nothing.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

import heygen
from heygen import HeyGen
from tests.reliability.secrets_probe import SCENARIOS
from tests.support.children import ROOT, child_env
from tests.support.server import (
    TRAIN_OK,
    Answer,
    Behaviour,
    Received,
    Reply,
    Reset,
    ScriptedServer,
    Stall,
    error_body,
    scripted_server,
    status_body,
)
from tests.support.tally import TALLY
from tests.unit.conftest import CANARY_KEY

STATUS_PREFIX = "/v2/photo_avatar/train/status/"


def _group_id(received: Received) -> str:
    if received.method == "POST":
        return str(received.json()["group_id"])
    return unquote(received.path[len(STATUS_PREFIX) :])


class ByGroup:
    """What the probe's group ids ask for; `flaky-` groups fail their first attempt."""

    def __init__(self, redirect_to: str) -> None:
        self.redirect_to = redirect_to
        self.seen: set[str] = set()

    def __call__(self, received: Received) -> Behaviour:
        group_id = _group_id(received)
        first = group_id not in self.seen
        self.seen.add(group_id)
        ok = Reply(200, TRAIN_OK if received.method == "POST" else status_body("ready"))
        if group_id.startswith("redirect-"):
            target = f"{self.redirect_to}/steal?from={group_id}"
            return Reply(int(group_id.split("-")[1]), "", {"location": target})
        behaviours: dict[str, Behaviour] = {
            "unauthorized": Reply(401, error_body("unauthorized", "Invalid API key")),
            "limited": Reply(429, error_body("quota_exceeded", "Daily quota"), {"Retry-After": "86400"}),
            "garbage": Reply(200, "garbage"),
            "envelope": Reply(200, error_body("photar_not_found", "no group")),
            "huge": Reply(200, "{}", {"content-length": str(9 * 1024 * 1024)}),
            "reset": Reset(),
            "midbody": Reset(after_bytes=5),
            "stall": Stall(0.5),  # past the probe's 0.1 s timeout
            "failed": Reply(200, status_body("failed", "bad photos")),
            "stuck": Reply(200, status_body("training")),
        }
        if group_id.startswith("flaky-") and first:
            return Reply(503, error_body("unavailable", "try again"))
        return behaviours.get(group_id, ok)


@pytest.fixture
def servers() -> Iterator[tuple[ScriptedServer, ScriptedServer]]:
    with scripted_server() as elsewhere, scripted_server() as api:
        elsewhere.default = Reply(200, TRAIN_OK)
        api.default = Answer(ByGroup(elsewhere.url))
        yield api, elsewhere


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_key_appears_nowhere_and_goes_only_to_the_base_url(
    servers: tuple[ScriptedServer, ScriptedServer],
) -> None:
    api, elsewhere = servers
    env = child_env(HEYGEN_API_KEY=CANARY_KEY, HEYGEN_BASE_URL=api.url, HEYGEN_LOG="debug")
    run = subprocess.run(
        [sys.executable, "-m", "tests.reliability.secrets_probe", str(_closed_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    api.wait_done()

    # The probe really ran every scenario, and the SDK really logged (debug and retry lines).
    checks = re.findall(r"^CHECK (\S+) (\S+) (\S+): (\w+)$", run.stdout, re.M)
    assert len(checks) == 4 * len(SCENARIOS) + 4  # four clients, and four calls when refused
    outcomes = {(label, method, group): what for label, method, group, what in checks}
    assert outcomes["sync", "train", "ok-1"] == "TrainingJob"
    assert outcomes["async", "raw_status", "ok-2"] == "RawResponse"
    assert outcomes["sync", "wait", "failed"] == "TrainingFailedError"
    assert outcomes["async", "wait", "stuck"] == "TrainingTimeoutError"
    assert outcomes["sync-refused", "train", "ok-1"] == "APIConnectionError"
    assert {what for (_, _, group), what in outcomes.items() if group.startswith("redirect-")} == {
        "APIStatusError"
    }
    assert "heygen DEBUG POST /v2/photo_avatar/train -> 200" in run.stderr
    assert "retrying in" in run.stderr
    assert "HTTP Request: GET" in run.stderr  # httpx's own records were captured too

    # The key is in no text the probe printed, and in no log record.
    assert CANARY_KEY not in run.stdout
    assert CANARY_KEY not in run.stderr
    (texts,) = re.findall(r"^TEXTS (\d+)$", run.stdout, re.M)
    assert int(texts) > 500

    # It reached the base URL, in its header, on every request; nothing else was contacted.
    assert api.received
    assert {r.headers.get("x-api-key") for r in api.received} == {CANARY_KEY}
    assert all(r.path.startswith("/v2/photo_avatar/train") for r in api.received)
    assert elsewhere.received == []
    TALLY.secret_checks += int(texts)


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.heygen.com",
        "http://localhost.evil.example",
        "http://127.0.0.1.nip.io",
        "http://evil.example#@127.0.0.1",
        "http://127.1",
        "http://0x7f000001",
        "http://[::ffff:10.0.0.1]",
    ],
)
def test_plain_http_that_only_looks_local_is_refused(base_url: str) -> None:
    """Loopback is judged by the parsed host, not by how the URL reads."""
    with pytest.raises(heygen.ConfigurationError):
        HeyGen(api_key=CANARY_KEY, base_url=base_url)


def test_a_copy_cannot_downgrade_to_plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    with HeyGen(api_key=CANARY_KEY) as client, pytest.raises(heygen.ConfigurationError, match="plain http"):
        client.with_options(base_url="http://api.heygen.com")
    monkeypatch.setenv("HEYGEN_BASE_URL", "http://api.heygen.com")
    with pytest.raises(heygen.ConfigurationError, match="HEYGEN_BASE_URL"):
        HeyGen(api_key=CANARY_KEY)
