"""schemathesis against the fake's HTTP server, on the v3 spec: every phase, every check, stateful.

The stateful phase follows the spec's OpenAPI links (create-avatar to the group and look calls,
upload-asset to get-asset, the lists to their first item), so it chains real ids through the
fake's state: a get of a created avatar answering 200 is the proof that a link was followed (an
id schemathesis made up would get a 404). The fake is strict, so an answer of its own that broke
the spec would be a 500, which schemathesis reports as a failure.

The webhook routes are in too: endpoint CRUD, rotate-secret, event types and sent events.
It lives with the fake's tests, not in tests/contract, which `make update-spec` runs on every
candidate spec: this run is about the fake. `make contract` runs it too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import _spec
import pytest

from heygen.testing import FakeHeyGen

CONFIG = Path(__file__).with_name("schemathesis.toml")
KEY = "schemathesis-key"
EXAMPLES_PER_OPERATION = 15

pytestmark = pytest.mark.slow


def test_schemathesis_finds_no_failure_in_the_fakes_v3_api(tmp_path: Path) -> None:
    document = _spec.v3_spec()
    spec = tmp_path / "v3.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    fake = FakeHeyGen(api_keys=[KEY], training_seconds=0.5, pending_seconds=0.0, strict=True)
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file", str(CONFIG),
        "run", str(spec),
        "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(EXAMPLES_PER_OPERATION),
        "--header", f"x-api-key: {KEY}",
        "--report", "json", "--report-dir", str(tmp_path / "report"),
    ]  # fmt: skip
    with fake.serve() as url:
        done = subprocess.run(
            [*command, "--url", url], capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
        )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    (report_file,) = (tmp_path / "report").glob("*.json")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert {name: phase["status"] for name, phase in report["phases"].items()} == dict.fromkeys(
        ("examples", "coverage", "fuzzing", "stateful"), "success"
    )
    assert report["operations"]["tested"] == len(
        [op for item in document["paths"].values() for op in item if op in ("get", "post", "patch", "delete")]
    )
    assert fake.spec_violations == []
    answered = Counter((request.operation_id, request.status) for request in fake.requests)
    for operation in ("get-avatar-group", "get-avatar-look", "get-asset", "delete-avatar-group"):
        assert answered[operation, 200] > 0, f"no {operation} reached a created item: {answered}"
    summary = next(line for line in done.stdout.splitlines() if "API Links:" in line)
    print(f"schemathesis: {report['test_cases']['generated']} cases; {summary.strip()}")
