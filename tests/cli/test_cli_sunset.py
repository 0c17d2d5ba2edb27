"""The `heygen` command against the fake in its sunset and retired eras, in a real subprocess."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heygen._sunset import V3_CREATE_CLI, V3_WAIT_CLI
from heygen.testing import FakeHeyGen
from tests.cli.test_cli import KEY, run

pytestmark = pytest.mark.slow


@pytest.fixture
def sunset_url() -> Iterator[str]:
    with FakeHeyGen(
        api_keys=[KEY], training_seconds=0.6, pending_seconds=0.2, v2_era="sunset"
    ).serve() as url:
        yield url


@pytest.fixture
def retired_url() -> Iterator[str]:
    with FakeHeyGen(api_keys=[KEY], v2_era="retired").serve() as url:
        yield url


def test_sunset_deprecation_is_shown_once_and_the_command_succeeds(sunset_url: str) -> None:
    result = run("photo-avatar", "train", "demo-group", "--wait", "--poll-interval", "0.2", url=sunset_url)
    assert result.code == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if "deprecated" in line]
    assert len(notices) == 1, result.stderr
    assert notices[0].startswith("heygen: warning: HeyGen has deprecated POST /v2/photo_avatar/train")
    assert "2026-10-31" in notices[0]
    assert V3_CREATE_CLI in notices[0] and V3_WAIT_CLI in notices[0]
    assert "HeyGenDeprecationWarning" not in result.stderr
    assert "is trained" in result.stdout


def test_sunset_json_output_stays_clean(sunset_url: str) -> None:
    result = run("photo-avatar", "status", "demo-group", "--json", url=sunset_url)
    assert result.code == 0
    assert result.stdout.startswith("{") and "deprecated" not in result.stdout
    assert result.stderr.count("heygen: warning:") == 1


@pytest.mark.parametrize("action", ["train", "status"])
def test_retired_route_is_one_line_naming_v3_and_exit_5(retired_url: str, action: str) -> None:
    result = run("photo-avatar", action, "demo-group", url=retired_url)
    assert result.code == 5
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("heygen: error: HeyGen retired ")
    assert "(HTTP 405)" in lines[0]
    assert V3_WAIT_CLI in lines[0]
    if action == "train":
        assert V3_CREATE_CLI in lines[0]
    assert result.stdout == ""
