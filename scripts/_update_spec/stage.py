"""Step 4 and 5: regenerate in a temporary copy of the repository, then move the result in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _update_spec.common import CHANGELOG, CLIENT, FACADE, PROVIDED, TIMEOUT

# What the temporary copy needs to regenerate, run the contract suite and type-check the facade.
STAGED = [
    "openapi",
    "scripts",
    "generated",
    "heygen",
    "tests",
    "pyproject.toml",
]
# Installed tools the contract suite runs (Spectral), linked rather than copied.
LINKED = ["node_modules"]


def _env() -> dict[str, str]:
    # The venv's tools (openapi-python-client, its ruff post-hooks) even without `uv run`.
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def stage(root: Path, staging: Path, new_text: str, target: Path = PROVIDED) -> None:
    """A copy of the repository under `staging`, with the new document at `target`."""
    for name in STAGED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, staging / name, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
        elif source.is_file():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, staging / name)
    for name in LINKED:
        if (root / name).exists():
            (staging / name).symlink_to((root / name).resolve(), target_is_directory=True)
    (staging / target).parent.mkdir(parents=True, exist_ok=True)
    (staging / target).write_text(new_text, encoding="utf-8")


def run_in(staging: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        cwd=staging,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )


def tail(result: subprocess.CompletedProcess[str], lines: int = 40) -> str:
    text = f"{result.stdout}\n{result.stderr}".strip().splitlines()
    return "\n".join(text[-lines:])


def typecheck_facade(staging: Path) -> list[str]:
    """mypy --strict errors in heygen/ against the regenerated client (pyproject's settings)."""
    if not any((staging / FACADE).rglob("*.py")):
        return []
    result = run_in(staging, "-m", "mypy", "--cache-dir", str(staging / ".mypy_cache"), str(FACADE))
    if result.returncode == 0:
        return []
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    return errors or [tail(result)]


def install(
    root: Path, staging: Path, changelog: str, target: Path = PROVIDED, *, regenerated: bool = True
) -> None:
    """Replace the provided document at `target`, generated/ (when `regenerated`) and CHANGELOG.md;
    all of them or none."""
    backup = Path(tempfile.mkdtemp(prefix="heygen-update-backup-"))
    client, incoming = root / CLIENT, root / CLIENT.with_name(f".{CLIENT.name}.incoming")
    saved_client = root / CLIENT.with_name(f".{CLIENT.name}.previous")
    files = [root / target, root / CHANGELOG]
    for stale in (incoming, saved_client):  # left by an update that was killed mid-way
        shutil.rmtree(stale, ignore_errors=True)
    moved = False
    try:
        for path in files:
            if path.exists():
                shutil.copy2(path, backup / path.name)
        if regenerated:
            shutil.copytree(staging / CLIENT, incoming, ignore=shutil.ignore_patterns("__pycache__"))
            if client.exists():
                client.rename(saved_client)
                moved = True
            incoming.rename(client)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / target, root / target)
        (root / CHANGELOG).write_text(changelog, encoding="utf-8")
    except BaseException:
        if moved:
            shutil.rmtree(client, ignore_errors=True)
            saved_client.rename(client)
        shutil.rmtree(incoming, ignore_errors=True)
        for path in files:
            if (backup / path.name).exists():
                shutil.copy2(backup / path.name, path)
            elif path.exists():
                path.unlink()
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)
    shutil.rmtree(saved_client, ignore_errors=True)
