"""The opt-in live checks (tests/live): deselected without HEYGEN_LIVE=1, and correct when run.

Run for real in pytest subprocesses; "live" here is the fake over HTTP, standing in for HeyGen,
so the checks themselves (validating answers against the spec) are exercised on every run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from heygen.testing import FakeHeyGen

ROOT = Path(__file__).resolve().parents[2]
KEY = "live-selection-key"

pytestmark = pytest.mark.slow


def pytest_live(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/live", "-q", "-p", "no:randomly"],
        capture_output=True, text=True, env={**clean, **env}, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


def test_without_heygen_live_the_live_tests_are_deselected_not_skipped() -> None:
    result = pytest_live()
    assert result.returncode == 5, result.stdout  # pytest: no test ran
    assert "4 deselected" in result.stdout and "skipped" not in result.stdout


def test_with_heygen_live_they_validate_the_answers_they_get(tmp_path: Path) -> None:
    fake = FakeHeyGen(api_keys=[KEY], training_seconds=0)
    with fake.serve() as url:
        created = httpx.post(
            f"{url}/v3/avatars",
            headers={"x-api-key": KEY},
            json={
                "type": "photo",
                "name": "Live check",
                "file": {"type": "url", "url": "https://x.test/a.jpg"},
            },
        )
        assert created.status_code == 200
        result = pytest_live(HEYGEN_LIVE="1", HEYGEN_API_KEY=KEY, HEYGEN_BASE_URL=url)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "4 passed" in result.stdout
    got = {(request.operation_id, request.status) for request in fake.requests}
    assert {("get-avatar-group", 200), ("get-avatar-look", 200), ("get-asset", 404)} <= got


def test_with_heygen_live_but_no_key_they_fail_saying_so() -> None:
    result = pytest_live(HEYGEN_LIVE="1")
    assert result.returncode == 1
    assert "HEYGEN_LIVE=1 needs HEYGEN_API_KEY" in result.stdout
