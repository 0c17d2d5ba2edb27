"""The README's code runs as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from heygen.testing import FakeHeyGen

README = Path(__file__).resolve().parents[2] / "README.md"


def _quickstart() -> str:
    section = README.read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README has no python block under ## Quickstart"
    return match.group(1)


def test_the_quickstart_is_at_most_ten_lines_of_code() -> None:
    lines = [line for line in _quickstart().splitlines() if line.strip()]
    assert len(lines) <= 10


@pytest.mark.slow
def test_the_quickstart_runs_as_written_against_the_fake() -> None:
    fake = FakeHeyGen(training_seconds=1.0, pending_seconds=0.2)
    with fake.serve() as url:
        env = {**os.environ, "HEYGEN_API_KEY": "readme-key", "HEYGEN_BASE_URL": url}
        done = subprocess.run(
            [sys.executable, "-c", _quickstart()],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert re.fullmatch(r"training demo-group: flow [0-9a-f]{32}", first)
    assert re.fullmatch(r"ready since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00:00", second)
    assert [r.operation_id for r in fake.requests][:2] == [
        "train-photo-avatar-group",
        "get-training-job-status",
    ]
