"""`heygen webhooks ...`, run for real in subprocesses against the fake over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from heygen.testing import FakeHeyGen
from heygen.webhooks import sign
from tests.support.children import sigint_as_from_a_terminal
from tests.webhooks._deliveries import body_of, headers_for
from tests.webhooks._receiver import receiving

HEYGEN = str(Path(sys.executable).with_name("heygen"))
KEY = "cli-canary-webhooks-4b7e"
SECRET = "whsec_cli_secret_9c2f"

pytestmark = pytest.mark.slow


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def _env(url: str | None = None, secret: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")}
    env["HEYGEN_API_KEY"] = KEY
    if url is not None:
        env["HEYGEN_BASE_URL"] = url
    if secret is not None:
        env["HEYGEN_WEBHOOK_SECRET"] = secret
    return env


def run(*args: str, url: str) -> Result:
    """Run with HEYGEN_LOG=debug: secrets must stay out of the log lines too."""
    env = {**_env(url), "HEYGEN_LOG": "debug"}
    done = subprocess.run(
        [HEYGEN, "webhooks", *args], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    result = Result(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.stderr
    assert KEY not in result.stdout + result.stderr
    return result


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(api_keys=[KEY], training_seconds=0.3, pending_seconds=0.1)


@pytest.fixture
def url(fake: FakeHeyGen) -> Iterator[str]:
    with fake.serve() as url:
        yield url


def test_create_prints_the_secret_once_on_stdout_and_list_never_does(fake: FakeHeyGen, url: str) -> None:
    created = run("endpoints", "create", "--url", "https://example.test/hook", url=url)
    assert created.code == 0, created.stderr
    [secret] = created.stdout.splitlines()
    assert secret.startswith("whsec_")
    assert secret not in created.stderr and "Created endpoint ep_" in created.stderr
    [endpoint] = fake.webhooks.endpoints(KEY)
    assert endpoint.secret == secret
    listed = run("endpoints", "list", url=url)
    assert listed.code == 0
    assert endpoint.endpoint_id in listed.stdout and "all events" in listed.stdout
    assert secret not in listed.stdout + listed.stderr
    as_json = json.loads(run("endpoints", "list", "--json", url=url).stdout)
    assert as_json[0]["endpoint_id"] == endpoint.endpoint_id and "secret" not in as_json[0]


def test_rotate_prints_only_the_new_secret_and_delete_removes(fake: FakeHeyGen, url: str) -> None:
    created = json.loads(
        run(
            "endpoints",
            "create",
            "--url",
            "https://example.test/h",
            "--event",
            "photo_avatar_train.success",
            "--json",
            url=url,
        ).stdout
    )
    assert created["events"] == ["photo_avatar_train.success"] and created["secret"].startswith("whsec_")
    rotated = run("endpoints", "rotate-secret", created["endpoint_id"], url=url)
    assert rotated.code == 0
    [new_secret] = rotated.stdout.splitlines()
    assert new_secret != created["secret"] and new_secret not in rotated.stderr
    assert fake.webhooks.endpoints(KEY)[0].secret == new_secret
    deleted = run("endpoints", "delete", created["endpoint_id"], url=url)
    assert (deleted.code, deleted.stdout) == (0, "")
    assert fake.webhooks.endpoints(KEY) == []
    again = run("endpoints", "delete", created["endpoint_id"], url=url)
    assert again.code == 5 and "not found" in again.stderr


def test_bad_arguments_are_usage_errors_before_any_request(fake: FakeHeyGen, url: str) -> None:
    for args in (
        ("endpoints", "create", "--url", "http://example.test/plain-http"),
        ("endpoints", "create", "--url", "https://example.test", "--event", "no.such"),
        ("listen",),
        ("listen", "--port", "70000"),
    ):
        result = run(*args, url=url)
        assert result.code == 2, (args, result.stderr)
        assert "heygen: error:" in result.stderr
    assert not fake.requests


@contextmanager
def listening(
    *extra: str, secret: str | None = SECRET, port: int = 0
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [HEYGEN, "webhooks", "listen", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(secret=secret),
        preexec_fn=sigint_as_from_a_terminal,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("Listening for HeyGen webhooks on "), line
        yield process, line.split(" on ", 1)[1].split(" ", 1)[0]
    finally:
        with process:  # closes its pipes and waits for it
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=10)
                finally:
                    process.kill()  # a no-op once it has exited; never leave it running


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=10)
    return process.returncode, stdout, stderr


def test_listen_verifies_and_prints_each_delivery() -> None:
    with listening("--json") as (process, base):
        body = body_of()
        good = httpx.post(
            base + "hooks", content=body, headers=headers_for(body, secret=SECRET, timestamp=time.time())
        )
        bad = httpx.post(
            base + "hooks",
            content=body + b" ",
            headers=headers_for(body, secret=SECRET, timestamp=time.time()),
        )
        assert (good.status_code, bad.status_code) == (200, 400)
        code, stdout, stderr = _finish(process)
    assert code == 130
    [line] = stdout.splitlines()
    assert json.loads(line)["event_type"] == "photo_avatar_train.success"
    assert "refused a delivery to /hooks: bad_signature" in stderr
    assert SECRET not in stdout + stderr


def test_listen_forwards_verified_deliveries_unchanged() -> None:
    got: list[tuple[bytes, Mapping[str, str]]] = []

    def app(body: bytes, headers: Mapping[str, str]) -> int:
        got.append((body, headers))
        return 204

    with receiving(app) as target, listening("--forward-to", target) as (process, base):
        body = body_of()
        headers = headers_for(body, secret=SECRET, timestamp=time.time())
        answer = httpx.post(base, content=body, headers=headers)
        code, stdout, _ = _finish(process)
    assert code == 130
    assert answer.status_code == 200
    [(forwarded, forwarded_headers)] = got
    assert forwarded == body
    assert forwarded_headers["Heygen-Signature"] == sign(body, SECRET)
    assert "forwarded: 204" in stdout


def test_listen_without_a_secret_says_how_to_set_one() -> None:
    done = subprocess.run(
        [HEYGEN, "webhooks", "listen", "--port", "0"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "HEYGEN_WEBHOOK_SECRET" in done.stderr


def test_the_fake_delivers_to_listen_end_to_end(fake: FakeHeyGen, url: str) -> None:
    """A port, an endpoint for it (its secret on stdout), `listen` with that secret, a training."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    created = run("endpoints", "create", "--url", f"http://127.0.0.1:{port}/hooks", url=url)
    secret = created.stdout.strip()
    with listening(secret=secret, port=port) as (process, _):
        httpx.post(
            url + "/v2/photo_avatar/train", json={"group_id": "demo-group"}, headers={"x-api-key": KEY}
        )
        deadline = time.monotonic() + 10
        while not fake.webhook_deliveries and time.monotonic() < deadline:
            time.sleep(0.05)
        code, stdout, stderr = _finish(process)
    assert code == 130
    assert [a.outcome for a in fake.webhook_deliveries] == ["delivered"]
    assert stdout.startswith("photo_avatar_train.success evt_"), stderr
    assert '"group_id": "demo-group"' in stdout


def test_endpoint_commands_take_the_client_options(fake: FakeHeyGen, url: str) -> None:
    """`--api-key` reads the key from stdin, as on every command that calls HeyGen."""
    env = {k: v for k, v in _env(url).items() if k != "HEYGEN_API_KEY"}
    done = subprocess.run(
        [HEYGEN, "webhooks", "endpoints", "list", "--api-key"],
        input=KEY + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "No webhook endpoints.\n"
    assert len(fake.requests) == 1
