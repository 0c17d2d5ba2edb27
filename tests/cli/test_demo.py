"""`make demo` (scripts/demo) runs end to end: the v3 photo avatar first, then the v2 training."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_demo_makes_a_photo_avatar_then_trains_a_v2_group() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEYGEN_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # this venv's heygen
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "demo")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert '"mime_type": "image/png"' in out  # the photo the demo drew, uploaded
    assert "(photo sent as asset_id; status processing)" in done.stderr  # progress goes to stderr
    v3 = out.index("is ready (status completed, look ")
    assert v3 < out.index("Group demo-group is trained (status ready")  # v3 first, then v2
    assert "Traceback" not in done.stderr
