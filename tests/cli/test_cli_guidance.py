"""The CLI as a new user meets it: going back to waiting, advice in CLI terms, output for scripts.

Run for real in subprocesses against the fake over HTTP, like `test_cli`.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import subprocess
from collections.abc import Iterator

import pytest

from heygen import TrainingJob, TrainingStatus
from heygen._cli._base import Context
from heygen._cli._main import build_parser
from heygen.testing import FakeHeyGen
from tests.cli.test_cli import HEYGEN, KEY, run
from tests.support.children import sigint_as_from_a_terminal

pytestmark = pytest.mark.slow


@pytest.fixture
def fake() -> FakeHeyGen:
    fake = FakeHeyGen(api_keys=[KEY], training_seconds=1.0, pending_seconds=0.3)
    fake.add_group("slow-group")
    return fake


@pytest.fixture
def url(fake: FakeHeyGen) -> Iterator[str]:
    with fake.serve() as url:
        yield url


def trains(fake: FakeHeyGen) -> int:
    return sum(request.method == "POST" for request in fake.requests)


def test_a_timed_out_wait_names_the_group_and_the_command_to_wait_again(url: str) -> None:
    result = run("photo-avatar", "train", "demo-group", "--wait", "--timeout", "0.4", url=url)
    assert result.code == 4
    last = result.stderr.splitlines()[-1]
    assert last.startswith("heygen: error: Training of group 'demo-group' did not finish within 0.4 s")
    assert "run `heygen photo-avatar wait demo-group` to wait again" in last
    assert "`heygen photo-avatar status demo-group`" in last
    assert ".;" not in last and "GROUP_ID" not in last and "wait_for_training" not in last


def test_wait_goes_back_to_waiting_without_training_again(fake: FakeHeyGen, url: str) -> None:
    assert run("photo-avatar", "train", "demo-group", url=url).code == 0
    result = run("photo-avatar", "wait", "demo-group", "--poll-interval", "0.3", url=url)
    assert (result.code, result.stdout) == (0, "Group demo-group is trained (status ready).\n")
    assert result.stderr.splitlines()[-1].endswith("demo-group: ready")
    assert trains(fake) == 1  # waiting costs nothing

    again = run("photo-avatar", "wait", "demo-group", "--json", url=url)
    assert again.code == 0 and json.loads(again.stdout)["state"] == "ready"
    assert trains(fake) == 1


def test_wait_on_a_group_never_trained_says_how_to_start(fake: FakeHeyGen, url: str) -> None:
    result = run("photo-avatar", "wait", "slow-group", url=url)
    assert result.code == 1
    assert result.stderr == (
        "heygen: error: Group slow-group has no training to wait for (status empty): "
        "start one with `heygen photo-avatar train slow-group`\n"
    )
    assert trains(fake) == 0


def test_a_wait_that_times_out_again_prints_the_last_status_as_json() -> None:
    with FakeHeyGen(api_keys=[KEY], training_seconds=60).serve() as url:
        assert run("photo-avatar", "train", "demo-group", url=url).code == 0
        result = run("photo-avatar", "wait", "demo-group", "--timeout", "0.2", "--json", url=url)
    assert result.code == 4
    report = json.loads(result.stdout)
    assert report["status"]["state"] in ("pending", "training") and "did not finish" in report["error"]


def test_a_train_that_may_have_started_says_to_check_before_training_again(
    fake: FakeHeyGen, url: str
) -> None:
    fake.queue_error(500, operation="train")
    result = run("photo-avatar", "train", "demo-group", url=url)
    assert result.code == 5
    assert result.stderr.startswith("heygen: error: HTTP 500 internal_error: Internal server error")
    assert result.stderr.rstrip().endswith(
        "the train request was sent, so training of group 'demo-group' may have started: check "
        "`heygen photo-avatar status demo-group` (or `heygen photo-avatar wait demo-group`) "
        "before training again (each train costs 4 credits)"
    )
    assert "training_status(" not in result.stderr


def test_no_key_names_the_variable_and_the_option_not_python(url: str) -> None:
    result = run("photo-avatar", "status", "demo-group", url=url, key=None)
    assert result.code == 3
    assert "set the HEYGEN_API_KEY environment variable, or pass --api-key" in result.stderr
    assert "api_key=" not in result.stderr


def test_plain_http_names_the_option_not_python() -> None:
    result = run("photo-avatar", "status", "g", url="http://api.example.com")
    assert result.code == 2
    assert "pass --allow-insecure-http if you must" in result.stderr
    assert "allow_insecure_http=True" not in result.stderr


def test_allow_insecure_http_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", KEY)
    monkeypatch.setenv("HEYGEN_BASE_URL", "http://api.example.com")
    args = build_parser().parse_args(["photo-avatar", "status", "g", "--allow-insecure-http"])
    with Context(args, io.StringIO(), io.StringIO()).client() as client:
        assert client.base_url == "http://api.example.com"


def test_api_key_reads_the_key_from_stdin(fake: FakeHeyGen, url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")} | {"HEYGEN_BASE_URL": url}
    done = subprocess.run(
        [HEYGEN, "photo-avatar", "status", "demo-group", "--api-key"],
        input=KEY + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "Group demo-group: empty\n")
    assert KEY not in done.stderr


def test_api_key_takes_no_value_and_never_echoes_one(url: str) -> None:
    result = run("photo-avatar", "status", "demo-group", "--api-key", "sk-secret-4242", url=url)
    assert result.code == 2
    assert "--api-key takes no value" in result.stderr
    assert "sk-secret-4242" not in result.stderr


def test_api_key_with_nothing_on_stdin_says_so(url: str) -> None:
    done = subprocess.run(
        [HEYGEN, "photo-avatar", "status", "demo-group", "--api-key"],
        input="",
        capture_output=True,
        text=True,
        env={**os.environ, "HEYGEN_BASE_URL": url},
        timeout=30,
        check=False,
    )
    assert done.returncode == 3
    assert "--api-key read no key" in done.stderr


def test_the_group_alone_prints_the_groups_help() -> None:
    result = run("photo-avatar", url=None)
    assert result.code == 2
    assert result.stderr.startswith("usage: heygen photo-avatar")
    for action in ("train", "status", "wait"):
        assert f"    {action} " in result.stderr


def test_json_uses_the_python_field_names(url: str) -> None:
    job = json.loads(run("photo-avatar", "train", "demo-group", "--json", url=url).stdout)
    assert list(job) == [field.name for field in dataclasses.fields(TrainingJob)]
    status = json.loads(run("photo-avatar", "status", "demo-group", "--json", url=url).stdout)
    assert list(status) == [field.name for field in dataclasses.fields(TrainingStatus)]
    waited = json.loads(run("photo-avatar", "wait", "demo-group", "--json", url=url).stdout)
    assert list(waited) == list(status)


def test_ctrl_c_during_wait_json_still_prints_the_started_job(url: str, fake: FakeHeyGen) -> None:
    env = {**os.environ, "HEYGEN_BASE_URL": url, "HEYGEN_API_KEY": KEY}
    with subprocess.Popen(
        [HEYGEN, "photo-avatar", "train", "slow-group", "--wait", "--json"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=sigint_as_from_a_terminal,
    ) as process:
        try:
            assert process.stderr is not None
            assert process.stderr.readline().startswith("Training started")
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=10)
        finally:
            process.kill()  # never leave it waiting: the `with` block waits for it to exit
    assert process.returncode == 130
    report = json.loads(stdout)
    assert report["job"]["group_id"] == "slow-group" and len(report["job"]["flow_id"]) == 32
    assert report["error"].startswith("interrupted; training of group slow-group goes on at HeyGen")
    assert "Traceback" not in stderr
