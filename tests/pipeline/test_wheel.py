"""The wheel ships the facade, the generated client and the corrected spec, and installs cleanly."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import _spec
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    uv = _spec.ROOT / ".tools" / "venv" / "bin" / "uv"
    subprocess.run(
        [str(uv), "build", "--wheel", "--out-dir", str(out), "--quiet", str(_spec.ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("heygen_sdk-*.whl")
    return built


def test_wheel_contains_facade_generated_client_and_spec(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "heygen/__init__.py" in names
    assert "heygen/py.typed" in names
    assert "heygen_api_client/api/photo_avatar/train_photo_avatar_group.py" in names
    assert "heygen_api_client/openapi.json" in names
    assert not any(name.startswith(("tests/", "scripts/", "generated/")) for name in names)


def test_wheel_installs_into_a_clean_venv_and_imports(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    uv = _spec.ROOT / ".tools" / "venv" / "bin" / "uv"
    subprocess.run(
        [str(uv), "pip", "install", "--offline", "--quiet", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
    )
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
