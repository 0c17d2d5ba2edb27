"""Without the ``testing`` extra, ``python -m heygen.testing`` says what to install in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_python_m_heygen_testing_without_jsonschema_prints_one_line_naming_the_extra(tmp_path: Path) -> None:
    hidden = tmp_path / "jsonschema"
    hidden.mkdir()
    (hidden / "__init__.py").write_text("raise ImportError('jsonschema is hidden by this test')\n")
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "heygen.testing", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "heygen.testing checks traffic against the spec with jsonschema; "
        "install it with: pip install 'heygen-sdk[testing]'"
    ]
