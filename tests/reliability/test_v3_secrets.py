"""The API key and both webhook secrets, seen from outside, for v3 calls and webhook work.

`v3_secrets_probe.py` runs in a fresh interpreter with the key in HEYGEN_API_KEY, the receiving
secret in HEYGEN_WEBHOOK_SECRET and HEYGEN_LOG=debug, and prints every text its outcomes make.
Neither the key, nor the webhook secret, nor any endpoint's secret (sent by the server on create
and rotate, and, wrongly, on list and update too) may appear in any of it or in any log record.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.support.children import ROOT, child_env
from tests.support.server import Answer, Behaviour, Received, Reply, Reset, ScriptedServer, scripted_server
from tests.support.tally import TALLY
from tests.support.v3 import v3_error
from tests.support.v3_ops import V3_OPS
from tests.unit.conftest import CANARY_KEY

WEBHOOK_SECRET = "whsec_canary_receiver_4e1b7d"
ENDPOINT_SECRET = "whsec_canary_endpoint_9a2c5f"
ROTATED_SECRET = "whsec_canary_rotated_3f8e0b"
SECRETS = {"the API key": CANARY_KEY, "the webhook secret": WEBHOOK_SECRET}
ENDPOINT = {
    "endpoint_id": "ep_1",
    "url": "https://example.com/hook",
    "status": "enabled",
    "created_at": "2026-03-25T12:05:00Z",
    "events": None,
}


class Routes:
    """Answers by path; an id's prefix (`bad-1`, `flaky-1`...) picks the behaviour."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, received: Received) -> Behaviour:
        path = urlsplit(received.path).path
        if path.startswith("/v3/webhooks/endpoints"):
            if path.endswith("/ep_broken/rotate-secret"):
                return Reply(200, {"data": {"secret": ROTATED_SECRET}})  # no endpoint_id: malformed
            if path.endswith("/rotate-secret"):
                return Reply(200, {"data": {"endpoint_id": "ep_1", "secret": ROTATED_SECRET}})
            # A server that sends the secret where it should not: list and update too.
            endpoint = {**ENDPOINT, "secret": ENDPOINT_SECRET}
            if received.method == "GET":
                return Reply(200, {"data": [endpoint], "has_more": False, "next_token": None})
            return Reply(200, {"data": endpoint})
        behaviour = next(
            (b for b in ("flaky", "bad", "conflict", "garbage", "reset") if f"/{b}-1" in path), "ok"
        )
        first = received.path not in self.seen
        self.seen.add(received.path)
        if behaviour == "flaky" and first:
            return Reply(503, v3_error("unavailable", "try again"))
        if behaviour == "bad":
            return Reply(
                400, v3_error("invalid_parameter", "bad", param="name", doc_url="https://docs.heygen.com/e")
            )
        if behaviour == "conflict":
            return Reply(409, v3_error("conflict", "busy"))
        if behaviour == "garbage":
            return Reply(200, "<html>garbage</html>", {"content-type": "text/html"})
        if behaviour == "reset":
            return Reset()
        return Reply(200, OK_BY_OP[_operation(received.method, path)])


OK_BY_OP = {op.path: op.ok for op in V3_OPS}


def _operation(method: str, path: str) -> str:
    """Which v3 operation a request is, from its method and path."""
    parts = path.strip("/").split("/")[1:]  # without "v3"
    if parts[0] == "assets":
        return "assets.upload" if method == "POST" else "assets.retrieve"
    if parts[-1] == "consent":
        return "avatars.consent"
    looks = parts[1:2] == ["looks"]
    prefix = "avatars.looks." if looks else "avatars."
    if len(parts) == (2 if looks else 1):
        return "avatars.create_photo" if method == "POST" else prefix + "list"
    return prefix + {"GET": "retrieve", "DELETE": "delete", "PATCH": "update"}[method]


@pytest.fixture
def api() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        server.default = Answer(Routes())
        yield server


def test_no_secret_appears_in_any_text_or_log(api: ScriptedServer) -> None:
    env = child_env(
        HEYGEN_API_KEY=CANARY_KEY,
        HEYGEN_WEBHOOK_SECRET=WEBHOOK_SECRET,
        HEYGEN_BASE_URL=api.url,
        HEYGEN_LOG="debug",
    )
    run = subprocess.run(
        [sys.executable, "-m", "tests.reliability.v3_secrets_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    checks = dict(re.findall(r"^CHECK (\S+ \S+(?: \S+)?): (\w+)$", run.stdout, re.M))
    assert checks["sync verify good"] == "WebhookEvent"
    assert checks["async verify tampered"] == "WebhookVerificationError"
    assert checks["sync endpoints.create"] == "WebhookEndpoint"
    assert checks["async endpoints.rotate_secret"] == "WebhookSecret"
    assert checks["sync endpoints.rotate_secret-broken"] == "APIResponseValidationError"
    assert checks["sync avatars.create_photo ok"] == "AvatarCreation"
    assert checks["async avatars.retrieve bad"] == "BadRequestError"
    assert checks["sync avatars.looks.update reset"] == "APIConnectionError"
    assert "heygen DEBUG" in run.stderr and "retrying in" in run.stderr
    for name, secret in {
        **SECRETS,
        "an endpoint secret": ENDPOINT_SECRET,
        "a rotated secret": ROTATED_SECRET,
    }.items():
        assert secret not in run.stdout, f"{name} in a printed text"
        assert secret not in run.stderr, f"{name} in a log record"
    (texts,) = re.findall(r"^TEXTS (\d+)$", run.stdout, re.M)
    assert int(texts) > 1000
    TALLY.secret_checks += int(texts)
    TALLY.scenario("webhook-secrets-in-every-text")
