"""The wheel ships the client, the generated client and its spec, and installs cleanly.

The clean virtual environment gets the runtime dependencies at the versions ``uv.lock`` pins,
from the package registry (as ``make test``'s own set-up gets its tools), never from whatever an
earlier command left in a cache: the test passes with empty tool caches (``.ci/run`` runs it so).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import _spec
import pytest

from tests.docs._readme import block_under

pytestmark = pytest.mark.slow

UV = _spec.ROOT / ".tools" / "venv" / "bin" / "uv"


def _uv(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if name not in ("UV_OFFLINE", "UV_FROZEN")}
    done = subprocess.run(
        [str(UV), *map(str, args)], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, f"uv {' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _uv("build", "--wheel", "--out-dir", out, "--quiet", _spec.ROOT)
    (built,) = out.glob("heygen_sdk-*.whl")
    return built


def _locked_requirements(folder: Path, *extras: str) -> Path:
    """The runtime dependencies (with the given extras) exactly as uv.lock pins them, with hashes."""
    path = folder / f"requirements{'-'.join(('', *extras))}.txt"
    options = [arg for extra in extras for arg in ("--extra", extra)]
    _uv(
        "export", "--frozen", "--no-dev", "--no-emit-project", "--format", "requirements.txt",
        *options, "--project", _spec.ROOT, "--output-file", path, "--quiet",
    )  # fmt: skip
    return path


def test_wheel_contains_client_generated_client_spec_and_type_markers(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "heygen/__init__.py" in names
    assert "heygen/py.typed" in names
    assert "heygen_api_client/py.typed" in names
    assert "heygen_api_client/api/photo_avatar/train_photo_avatar_group.py" in names
    assert "heygen_api_client/openapi.json" in names
    assert not any(name.startswith(("tests/", "scripts/", "generated/")) for name in names)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_wheel_installs_into_a_clean_venv_with_its_locked_dependencies(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"

    # 1. The plain install: the wheel and its locked runtime dependencies, nothing else.
    _uv("pip", "install", "--python", python, "--quiet", "-r", _locked_requirements(tmp_path))
    _uv("pip", "install", "--python", python, "--quiet", "--no-deps", wheel)
    _uv("pip", "check", "--python", python)
    probe = (
        "import heygen, heygen_api_client, importlib.metadata as m;"
        "from heygen_api_client.api.photo_avatar import train_photo_avatar_group;"
        "print(m.version('heygen-sdk'), sorted(r.split(';')[0] for r in m.requires('heygen-sdk')))"
    )
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("0.1.0")
    # Runtime dependencies stay lean: httpx and attrs, plus the optional testing extra.
    assert "httpx" in result.stdout and "attrs" in result.stdout
    assert sys.prefix not in result.stdout

    # Without the testing extra, the fake's command says what to install, in one line.
    missing = subprocess.run(
        [str(python), "-m", "heygen.testing", "serve"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr.splitlines() == [
        "heygen.testing checks traffic against the spec with jsonschema; "
        "install it with: pip install 'heygen-sdk[testing]'"
    ]

    # 2. With the testing extra's locked dependencies, the README's offline quickstart runs.
    _uv("pip", "install", "--python", python, "--quiet", "-r", _locked_requirements(tmp_path, "testing"))
    _uv("pip", "check", "--python", python)
    env = {name: value for name, value in os.environ.items() if not name.startswith(("HEYGEN_", "PYTHON"))}
    quickstart = subprocess.run(
        [str(python), "-c", block_under("Quickstart: offline")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert quickstart.returncode == 0, quickstart.stderr
    assert quickstart.stdout == "Ada: completed\n"
