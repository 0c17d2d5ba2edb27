"""The `heygen` console script, run for real in a subprocess against the fake over HTTP.

Every documented exit code is produced here the way a user would meet it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from heygen._cli import EXIT_CODES
from heygen.testing import FakeHeyGen
from tests.support.children import sigint_as_from_a_terminal

HEYGEN = str(Path(sys.executable).with_name("heygen"))
KEY = "cli-canary-5d1e9a"

pytestmark = pytest.mark.slow


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def fake() -> FakeHeyGen:
    fake = FakeHeyGen(api_keys=[KEY], training_seconds=1.0, pending_seconds=0.3)
    fake.add_group("bad-photos", fail_with="No face detected in the photos")
    return fake


@pytest.fixture
def url(fake: FakeHeyGen) -> Iterator[str]:
    with fake.serve() as url:
        yield url


@pytest.fixture
def slow_url() -> Iterator[str]:
    """A fake whose trainings outlast any test, for checks that must catch one still running.

    With the 1-second trainings above, a busy machine can start the next subprocess after the
    training has already finished.
    """
    with FakeHeyGen(api_keys=[KEY], training_seconds=3600.0, pending_seconds=0.3).serve() as url:
        yield url


def run(*args: str, url: str | None, key: str | None = KEY, timeout: float = 30) -> Result:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")}
    if url is not None:
        env["HEYGEN_BASE_URL"] = url
    if key is not None:
        env["HEYGEN_API_KEY"] = key
    done = subprocess.run(
        [HEYGEN, *args], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    result = Result(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.stderr
    assert KEY not in result.stdout + result.stderr
    return result


def test_train_wait_succeeds_with_progress_on_stderr_and_the_result_on_stdout(url: str) -> None:
    result = run("photo-avatar", "train", "demo-group", "--wait", "--poll-interval", "0.5", url=url)
    assert result.code == 0
    assert result.stdout.startswith("Group demo-group is trained (status ready, flow ")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Training started for group demo-group: flow ")
    assert lines[1].endswith("demo-group: pending") and lines[-1].endswith("demo-group: ready")
    assert "\r" not in result.stderr  # not a terminal: plain lines, no live rewriting


def test_json_output_is_machine_readable(url: str, slow_url: str) -> None:
    trained = run("photo-avatar", "train", "demo-group", "--json", url=slow_url)
    assert trained.code == 0
    job = json.loads(trained.stdout)
    assert job["group_id"] == "demo-group" and len(job["flow_id"]) == 32 and job["photo_avatar_count"] == 4
    status = run("photo-avatar", "status", "demo-group", "--json", url=slow_url)
    assert status.code == 0
    assert json.loads(status.stdout)["state"] in ("pending", "training", "ready")
    failed = run("photo-avatar", "train", "bad-photos", "--wait", "--json", "--poll-interval", "0.5", url=url)
    assert failed.code == 1
    report = json.loads(failed.stdout)  # the started job is not lost when its training fails
    assert len(report["job"]["flow_id"]) == 32
    assert report["status"]["state"] == "failed"
    assert report["error"] == "Training of group 'bad-photos' failed: No face detected in the photos"


def test_status_in_words(url: str) -> None:
    result = run("photo-avatar", "status", "demo-group", url=url)
    assert (result.code, result.stdout) == (0, "Group demo-group: empty\n")


def test_exit_1_when_training_fails(url: str) -> None:
    result = run("photo-avatar", "train", "bad-photos", "--wait", "--poll-interval", "0.5", url=url)
    assert result.code == 1
    assert result.stderr.splitlines()[-1] == (
        "heygen: error: Training of group 'bad-photos' failed: No face detected in the photos "
        "(check the group's photos, then train again)"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "usage: heygen"),
        (("photo-avatar", "train"), "the following arguments are required: GROUP_ID"),
        (("photo-avatar", "train", "g", "--timeout", "soon"), "'soon' is not a number of seconds"),
        (("photo-avatar", "train", "g", "--timeout", "-1"), "must be a positive number"),
        (("photo-avatar", "status", " g"), "leading or trailing whitespace"),
        (("photo-avatar", "fly", "g"), "invalid choice: 'fly'"),
    ],
)
def test_exit_2_on_usage_errors_before_any_request(
    fake: FakeHeyGen, url: str, args: tuple[str, ...], says: str
) -> None:
    result = run(*args, url=url)
    assert result.code == 2
    assert says in result.stderr
    assert len(fake.requests) == 0


def test_exit_2_on_a_base_url_that_cannot_work() -> None:
    result = run("photo-avatar", "status", "g", url="http://api.example.com")
    assert result.code == 2
    assert "plain http to a non-loopback host" in result.stderr


def test_exit_3_without_a_key(url: str) -> None:
    result = run("photo-avatar", "status", "demo-group", url=url, key=None)
    assert result.code == 3
    assert "set the HEYGEN_API_KEY environment variable" in result.stderr


def test_exit_3_when_heygen_refuses_the_key(url: str) -> None:
    result = run("photo-avatar", "train", "demo-group", url=url, key="wrong-key-1234")
    assert result.code == 3
    assert result.stderr.startswith("heygen: error: HTTP 401 unauthorized: ")
    assert "(check the API key: HEYGEN_API_KEY or --api-key) (request_id: " in result.stderr
    assert "wrong-key-1234" not in result.stderr


def test_exit_4_when_the_wait_times_out(url: str) -> None:
    result = run("photo-avatar", "train", "demo-group", "--wait", "--timeout", "0.4", url=url)
    assert result.code == 4
    assert "did not finish within 0.4 s" in result.stderr.splitlines()[-1]


def test_exit_5_on_other_api_errors(url: str) -> None:
    result = run("photo-avatar", "train", "no-such-group", url=url)
    assert result.code == 5
    assert result.stderr.startswith("heygen: error: HTTP 404 photar_not_found")


def test_exit_5_when_heygen_cannot_be_reached() -> None:
    result = run("photo-avatar", "status", "g", url="http://127.0.0.1:9")
    assert result.code == 5
    assert "Connection error" in result.stderr and "check HEYGEN_BASE_URL" in result.stderr


def test_exit_130_on_ctrl_c(slow_url: str) -> None:
    env = {**os.environ, "HEYGEN_BASE_URL": slow_url, "HEYGEN_API_KEY": KEY}
    with subprocess.Popen(
        [HEYGEN, "photo-avatar", "train", "demo-group", "--wait"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=sigint_as_from_a_terminal,
    ) as process:
        try:
            assert process.stderr is not None
            assert process.stderr.readline().startswith("Training started")  # waiting now
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=10)
        finally:
            process.kill()  # never leave it waiting: the `with` block waits for it to exit
    assert process.returncode == 130
    assert stderr.strip().endswith(
        "heygen: interrupted; training of group demo-group goes on at HeyGen: "
        "run `heygen photo-avatar wait demo-group` to wait again"
    )
    assert "Traceback" not in stderr


def test_help_documents_every_exit_code() -> None:
    result = run("--help", url=None)
    assert result.code == 0
    for code, meaning in EXIT_CODES.items():
        assert f"{code:<4} {meaning}" in result.stdout


def test_python_dash_m_heygen_is_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "heygen", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("heygen-sdk ")
