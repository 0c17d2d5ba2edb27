"""Cold import time: `import X` timed inside fresh interpreters, interleaved, median of N.

Only the import is timed (not interpreter start-up), as wall time and as the interpreter's CPU
time; the second leaves out waiting for a CPU, so it is the steadier on a busy machine. Bytecode
is written and used, as it is for any installed package (a warm-up run per module writes it
first), whatever PYTHONDONTWRITEBYTECODE says in the calling shell.

Two settings: "plain" hides click, rich and pygments, which httpx imports for its optional
command line whenever they are installed (they are in this dev environment, not in a plain
`pip install heygen-sdk`); "dev env" imports everything as installed here.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("httpx", "heygen", "openai")
HIDDEN_EXTRAS = ("click", "rich", "pygments")

_PROGRAM = """\
import sys, time
for name in {hidden!r}:
    sys.modules[name] = None  # as if not installed
started, cpu_started = time.perf_counter(), time.process_time()
import {module}
print(time.perf_counter() - started, time.process_time() - cpu_started)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def import_seconds(module: str, hidden: tuple[str, ...]) -> tuple[float, float]:
    """(wall, CPU) seconds that `import module` takes in a fresh interpreter."""
    program = _PROGRAM.format(hidden=hidden, module=module)
    output = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True
    ).stdout
    wall, cpu = output.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def _paired_ratio(values: list[float], base: list[float]) -> float:
    """The median of value/base over runs: each pair ran back to back, so a burst of load
    elsewhere on the machine hits both sides of a pair rather than one module's median."""
    return statistics.median(v / b for v, b in zip(values, base, strict=True))


def cold_imports(runs: int) -> dict[str, dict[str, dict[str, Any]]]:
    """Median milliseconds (wall, CPU) per module and setting over `runs` interleaved interpreters,
    and the ratios to httpx."""
    settings = {"plain": HIDDEN_EXTRAS, "dev_env": ()}
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for setting, hidden in settings.items():
        for module in MODULES:
            import_seconds(module, hidden)  # warm-up: bytecode on disk, files in the page cache
        wall: dict[str, list[float]] = {module: [] for module in MODULES}
        cpu: dict[str, list[float]] = {module: [] for module in MODULES}
        for _ in range(runs):
            for module in MODULES:
                wall_s, cpu_s = import_seconds(module, hidden)
                wall[module].append(wall_s * 1000)
                cpu[module].append(cpu_s * 1000)
        result[setting] = {
            module: {
                "median_ms": statistics.median(wall[module]),
                "median_cpu_ms": statistics.median(cpu[module]),
                "ratio": _paired_ratio(wall[module], wall["httpx"]),
                "cpu_ratio": _paired_ratio(cpu[module], cpu["httpx"]),
                "runs": runs,
                "wall_ms": wall[module],
                "cpu_ms": cpu[module],
            }
            for module in MODULES
        }
    return result
