"""`make generate` is deterministic and `make check-generated` catches stale or edited output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import _spec
import generate
import pytest

ROOT = _spec.ROOT
GENERATE = [sys.executable, str(ROOT / "scripts" / "generate.py")]


def test_committed_spec_is_the_merge_of_the_v2_overlays_and_the_v3_document() -> None:
    assert _spec.CORRECTED_SPEC.read_text(encoding="utf-8") == _spec.dump_json(_spec.client_spec())


def test_two_generations_are_byte_identical(tmp_path: Path) -> None:
    first = generate.generate_into(tmp_path / "one")
    second = generate.generate_into(tmp_path / "two")
    assert generate.tree_diff(first, second) == []


def test_a_hand_edit_fails_the_check_naming_the_file_and_the_fix(tmp_path: Path) -> None:
    checkout = _copy_checkout(tmp_path)
    edited = checkout / "generated" / "heygen_api_client" / "models" / "train_photo_avatar_group_job.py"
    edited.write_text(edited.read_text(encoding="utf-8").replace("flow_id: str", "flow_id: int", 1))
    result = subprocess.run(
        [sys.executable, str(checkout / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "generated/heygen_api_client/models/train_photo_avatar_group_job.py" in result.stderr
    assert "-    flow_id: int" in result.stderr
    assert "run `make generate`" in result.stderr


def test_a_stray_file_fails_the_check(tmp_path: Path) -> None:
    checkout = _copy_checkout(tmp_path)
    (checkout / "generated" / "heygen_api_client" / "stray.py").write_text("x = 1\n")
    result = subprocess.run(
        [sys.executable, str(checkout / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "only in generated/: heygen_api_client/stray.py" in result.stderr


def test_the_fresh_checkout_passes_the_check(tmp_path: Path) -> None:
    result = subprocess.run([*GENERATE, "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def _copy_checkout(tmp_path: Path) -> Path:
    checkout = tmp_path / "checkout"
    for name in ("openapi", "scripts", "generated"):
        shutil.copytree(ROOT / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
    return checkout


@pytest.fixture(autouse=True)
def _generator_on_path() -> None:
    assert (Path(sys.executable).parent / "openapi-python-client").exists(), "run through `make test`"
