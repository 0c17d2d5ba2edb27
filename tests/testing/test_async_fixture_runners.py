"""`heygen_async_client` under each async test runner a user may have, run as a user would.

Each case writes a test file into an empty directory and runs pytest on it in a subprocess, so
only the installed plugins and the given options apply, not this repository's configuration.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BODY = """
    await heygen_async_client.photo_avatars.train("demo-group")
    status = await heygen_async_client.photo_avatars.wait_for_training("demo-group")
    assert status.state == "ready"
    assert heygen_fake.clock.monotonic() >= 5  # waited on the fake clock
"""


def pytest_in(directory: Path, source: str, *options: str) -> subprocess.CompletedProcess[str]:
    (directory / "test_user.py").write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error", *options],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_with_pytest_asyncio_in_strict_mode(tmp_path: Path) -> None:
    source = (
        "import pytest\n\n@pytest.mark.asyncio\nasync def test_flow(heygen_async_client, heygen_fake):" + BODY
    )
    done = pytest_in(
        tmp_path, source, "-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_with_anyio_and_nothing_else(tmp_path: Path) -> None:
    source = (
        "import pytest\n\n@pytest.mark.anyio\nasync def test_flow(heygen_async_client, heygen_fake):" + BODY
    )
    done = pytest_in(tmp_path, source, "-p", "no:asyncio")  # anyio alone, as without pytest-asyncio
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_without_a_runner_the_failure_says_how_to_get_one(tmp_path: Path) -> None:
    source = "async def test_flow(heygen_async_client, heygen_fake):" + BODY
    done = pytest_in(tmp_path, source, "-p", "no:asyncio")
    assert done.returncode == 1
    assert (
        "test_flow is an async test, and no async test runner ran it. Mark it @pytest.mark.anyio"
        in done.stdout
    )
    assert "install pytest-asyncio" in done.stdout
