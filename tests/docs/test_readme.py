"""Every Python block in the README runs as written.

The block meant for HeyGen runs against the local fake, reached through ``HEYGEN_BASE_URL``; the
offline quickstart runs with no HeyGen setting at all; the pytest example runs under pytest.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from heygen.testing import FakeHeyGen
from tests.docs._readme import README, block_under, python_blocks

HEYGEN_QUICKSTART = "Quickstart: HeyGen's v3 API"
OFFLINE_QUICKSTART = "Quickstart: offline"
TESTING = "Testing your code"
V2_QUICKSTART = "Training a group through HeyGen's v2 API"
# A README block under any other heading (a new quickstart, say) has no runner yet: a test asks for one.
RUN_HERE = (HEYGEN_QUICKSTART, OFFLINE_QUICKSTART, TESTING, V2_QUICKSTART)
# The smallest file a JPEG reader accepts as one (start and end markers): the quickstart's face.jpg.
TINY_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _env_without_heygen_settings() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if not name.startswith("HEYGEN_")}


def _run(code: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=cwd,
    )


def test_every_python_block_of_the_readme_is_run_by_this_module() -> None:
    sections = [heading for heading, _ in python_blocks()]
    assert sections, "README has no python block"
    for heading in sections:
        assert heading.startswith(RUN_HERE), f"README block under '## {heading}' is not run by any test"
    assert len(sections) == len(RUN_HERE)


def test_the_readme_uses_no_internal_vocabulary() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.findall(r"\b(overlays?|envelope|facade|issue [0-9]+)\b", text, re.I)
    assert found == []


@pytest.mark.slow
def test_the_heygen_quickstart_runs_as_written_against_the_fake(tmp_path: Path) -> None:
    code = block_under(HEYGEN_QUICKSTART)
    (tmp_path / "face.jpg").write_bytes(TINY_JPEG)
    fake = FakeHeyGen(training_seconds=1.0)
    with fake.serve() as url:
        env = {**_env_without_heygen_settings(), "HEYGEN_API_KEY": "readme-key", "HEYGEN_BASE_URL": url}
        done = _run(code, env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert re.fullmatch(r"created group [0-9a-f]{32}, training", first), first
    assert second == "Ada is completed"
    operations = [r.operation_id for r in fake.requests]
    assert operations[0] == "create-avatar" and set(operations[1:]) == {"get-avatar-group"}


@pytest.mark.slow
def test_the_v2_quickstart_runs_as_written_against_the_fake() -> None:
    code = block_under(V2_QUICKSTART)
    group_id = re.search(r'^GROUP_ID = "([^"]+)"', code, re.M)
    assert group_id, "the v2 quickstart names its group in GROUP_ID"
    fake = FakeHeyGen(training_seconds=1.0, pending_seconds=0.2, groups=[group_id[1]])
    with fake.serve() as url:
        env = {**_env_without_heygen_settings(), "HEYGEN_API_KEY": "readme-key", "HEYGEN_BASE_URL": url}
        done = _run(code, env)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert re.fullmatch(rf"training {group_id[1]}: flow [0-9a-f]{{32}}", first)
    assert re.fullmatch(r"ready since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00:00", second)
    assert [r.operation_id for r in fake.requests][:2] == [
        "train-photo-avatar-group",
        "get-training-job-status",
    ]


@pytest.mark.slow
def test_the_offline_quickstart_runs_as_written_with_no_heygen_settings() -> None:
    done = _run(block_under(OFFLINE_QUICKSTART), _env_without_heygen_settings())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Ada: completed\n"


@pytest.mark.slow
def test_the_pytest_example_passes_under_pytest(tmp_path: Path) -> None:
    (tmp_path / "test_example.py").write_text(block_under(TESTING), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "test_example.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env_without_heygen_settings(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
