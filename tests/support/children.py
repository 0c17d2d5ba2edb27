"""The environment the tests start Python children in: the CLI, the secret probes, the remote server.

Each child is a fresh interpreter that imports httpx and the SDK. Where PYTHONDONTWRITEBYTECODE
is set (to keep .pyc files out of the tree), every child would compile all of that again, about
0.3 s each. So children write and read bytecode under one temporary directory of this test
process instead (PYTHONPYCACHEPREFIX, outside the tree, removed at exit): the first compiles,
the others load. What the children do is unchanged.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_cache: list[Path] = []


def bytecode_cache() -> Path:
    if not _cache:
        _cache.append(Path(tempfile.mkdtemp(prefix="heygen-tests-bytecode-")))
        atexit.register(shutil.rmtree, _cache[0], True)
    return _cache[0]


def child_env(*, repository: bool = True, **settings: str) -> dict[str, str]:
    """This environment without any HEYGEN_ setting, plus `settings`, for a Python child.

    Args:
        repository: put the repository (and generated/) on PYTHONPATH, for `python -m tests...`.
        settings: variables to set, e.g. HEYGEN_API_KEY.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("HEYGEN_") and name != "PYTHONDONTWRITEBYTECODE"
    }
    env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache())
    if repository:
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    env.update(settings)
    return env


def sigint_as_from_a_terminal() -> None:
    """`preexec_fn` for a child the test will stop with Ctrl-C (SIGINT).

    A test runner started in the background (nohup, `cmd &` in a script) passes SIGINT on to its
    children as ignored, and Python then never turns it into KeyboardInterrupt; a terminal does
    not. The child gets SIGINT's default back, as it would have from a terminal.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
