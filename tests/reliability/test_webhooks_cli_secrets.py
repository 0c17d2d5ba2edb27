"""The CLI's webhook commands, seen from outside: the key and every secret, in every text they print.

Each `heygen webhooks ...` command runs for real, in its own interpreter, with HEYGEN_LOG=debug,
the API key (in HEYGEN_API_KEY, or typed on stdin for `--api-key`) and a webhook secret
(HEYGEN_WEBHOOK_SECRET) configured: against the bundled fake over loopback, through successes,
4xx answers and bad arguments, plain and `--json`; against a server that sends an endpoint's
secret where it should not (listing, deleting, a malformed rotation); and `listen`, verifying
deliveries with the secret. Neither the key nor the webhook secret may be in any stdout or
stderr, and each endpoint secret is in exactly one of them all: the stdout of the create or
rotate-secret that issued it.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from heygen.testing import FakeHeyGen
from tests.reliability.test_v3_secrets import ENDPOINT_SECRET, ROTATED_SECRET, Routes
from tests.support.children import child_env
from tests.support.server import Answer, ScriptedServer, scripted_server
from tests.support.tally import TALLY
from tests.webhooks._deliveries import body_of, headers_for

HEYGEN = str(Path(sys.executable).with_name("heygen"))
KEY = "cli-canary-key-5d8e1a"
WRONG_KEY = "cli-canary-wrong-key-0c4f"
WEBHOOK_SECRET = "whsec_cli_canary_receiver_7b3e"
URLS = {name: f"https://example.test/{name}" for name in ("a", "b")}

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Run:
    """One command line and its exit code; `typed` runs it with `--api-key` and this key on stdin
    (none in the environment)."""

    name: str
    args: tuple[str, ...]
    code: int
    typed: str | None = None


@dataclass(frozen=True)
class Output:
    run: Run
    code: int
    stdout: str
    stderr: str


def _one(run: Run, url: str) -> Output:
    settings = {"HEYGEN_BASE_URL": url, "HEYGEN_LOG": "debug", "HEYGEN_WEBHOOK_SECRET": WEBHOOK_SECRET}
    if run.typed is None:
        settings["HEYGEN_API_KEY"] = KEY
    done = subprocess.run(
        [HEYGEN, "webhooks", *run.args, *(["--api-key"] if run.typed is not None else [])],
        input=None if run.typed is None else run.typed + "\n",
        capture_output=True,
        text=True,
        env=child_env(repository=False, **settings),
        timeout=30,
        check=False,
    )
    return Output(run, done.returncode, done.stdout, done.stderr)


def on(url: str, *runs: Run) -> list[tuple[Run, str]]:
    """These runs, against the server at `url`."""
    return [(run, url) for run in runs]


def run_all(jobs: list[tuple[Run, str]]) -> dict[str, Output]:
    """The runs at once (they are independent), each checked for its exit code."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = {output.run.name: output for output in pool.map(lambda job: _one(*job), jobs)}
    for output in outputs.values():
        assert output.code == output.run.code, (output.run, output.stderr)
        assert "Traceback" not in output.stderr, output.stderr
    return outputs


@pytest.fixture
def fake_url() -> Iterator[tuple[FakeHeyGen, str]]:
    fake = FakeHeyGen(api_keys=[KEY])
    with fake.serve() as url:
        yield fake, url


@pytest.fixture
def leaky() -> Iterator[ScriptedServer]:
    """Sends an endpoint's secret on list and delete too, and one rotation without its endpoint id."""
    with scripted_server() as server:
        server.default = Answer(Routes())
        yield server


def _secrets(fake: FakeHeyGen) -> dict[str, str]:
    """Each endpoint's current secret, by URL."""
    return {endpoint.url: str(endpoint.secret) for endpoint in fake.webhooks.endpoints(KEY)}


def _ids(fake: FakeHeyGen) -> dict[str, str]:
    return {endpoint.url: endpoint.endpoint_id for endpoint in fake.webhooks.endpoints(KEY)}


def _listen() -> Output:
    """`listen` with the webhook secret: one genuine delivery, one tampered, then SIGTERM.

    Not Ctrl-C (tests/cli covers it): a shell's background job ignores SIGINT, and so would
    `listen`. Each delivery's line is flushed before its answer, so both are in the output.
    """
    process = subprocess.Popen(
        [HEYGEN, "webhooks", "listen", "--port", "0", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(
            repository=False, HEYGEN_API_KEY=KEY, HEYGEN_WEBHOOK_SECRET=WEBHOOK_SECRET, HEYGEN_LOG="debug"
        ),
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        base = first.split(" on ", 1)[1].split(" ", 1)[0]
        body = body_of()
        headers = headers_for(body, secret=WEBHOOK_SECRET, timestamp=time.time())
        with httpx.Client(trust_env=False) as http:
            answers = [
                http.post(base + "hooks", content=body, headers=headers).status_code,
                http.post(base + "hooks", content=body + b" ", headers=headers).status_code,
            ]
    finally:
        process.terminate()
        stdout, rest = process.communicate(timeout=10)
    assert answers == [200, 400] and process.returncode == -signal.SIGTERM
    return Output(Run("listen", ("listen",), -signal.SIGTERM), process.returncode, stdout, first + rest)


def test_no_cli_output_shows_the_key_and_each_secret_shows_once(
    fake_url: tuple[FakeHeyGen, str], leaky: ScriptedServer
) -> None:
    fake, url = fake_url
    endpoints = ("endpoints",)
    # One run alone first: it fills the bytecode cache the others then load from.
    first = run_all(on(url, Run("create", (*endpoints, "create", "--url", URLS["a"]), 0)))
    with ThreadPoolExecutor(max_workers=1) as background:
        listened = background.submit(_listen)
        first |= run_all(
            on(
                url,
                Run("create --json --api-key", (*endpoints, "create", "--url", URLS["b"], "--json"), 0, KEY),
                Run("delete a missing endpoint", (*endpoints, "delete", "ep_missing"), 5),
                Run("create, plain http", (*endpoints, "create", "--url", "http://example.test/x"), 2),
                Run("list, a refused key", (*endpoints, "list"), 3, WRONG_KEY),
                Run("the key as an argument", (*endpoints, "list", "--api-key", KEY), 2),
            )
        )
        issued = _secrets(fake)
        ids = _ids(fake)
        second = run_all(
            on(
                url,
                Run("list", (*endpoints, "list"), 0),
                Run("list --json --api-key", (*endpoints, "list", "--json"), 0, KEY),
                Run("rotate", (*endpoints, "rotate-secret", ids[URLS["a"]]), 0),
                Run("rotate --json", (*endpoints, "rotate-secret", ids[URLS["b"]], "--json"), 0),
            )
        )
        rotated = _secrets(fake)
        third = run_all(
            on(url, Run("delete --json", (*endpoints, "delete", ids[URLS["b"]], "--json"), 0))
            + on(
                leaky.url,
                Run("leaky list", (*endpoints, "list"), 0),
                Run("leaky list --json", (*endpoints, "list", "--json"), 0),
                Run("leaky malformed rotation", (*endpoints, "rotate-secret", "ep_broken"), 5),
                Run("leaky delete --json", (*endpoints, "delete", "ep_1", "--json"), 0),
            )
        )
        listen = listened.result(timeout=30)
    outputs = {**first, **second, **third, "listen": listen}

    # The commands did what they say: each create and rotation put its secret on stdout.
    assert [endpoint.url for endpoint in fake.webhooks.endpoints(KEY)] == [URLS["a"]]
    assert first["create"].stdout == issued[URLS["a"]] + "\n"
    assert json.loads(first["create --json --api-key"].stdout)["secret"] == issued[URLS["b"]]
    assert second["rotate"].stdout == rotated[URLS["a"]] + "\n"
    assert json.loads(second["rotate --json"].stdout)["secret"] == rotated[URLS["b"]]
    assert ids[URLS["a"]] in second["list"].stdout
    assert {e["endpoint_id"] for e in json.loads(second["list --json --api-key"].stdout)} == set(ids.values())
    assert "ep_1" in third["leaky list"].stdout and "ep_1" in third["leaky list --json"].stdout
    assert "not found" in first["delete a missing endpoint"].stderr
    assert "heygen DEBUG POST /v3/webhooks/endpoints -> 200" in first["create"].stderr
    assert "refused a delivery to /hooks: bad_signature" in listen.stderr
    assert json.loads(listen.stdout)["event_type"] == "photo_avatar_train.success"

    texts: dict[tuple[str, str], str] = {}
    for name, output in outputs.items():
        texts[name, "stdout"], texts[name, "stderr"] = output.stdout, output.stderr
    # Neither the key (nor a refused one) nor the webhook secret is in any text; nor is any secret
    # the leaky server sent where it should not have.
    for (name, stream), text in texts.items():
        for secret in (KEY, WRONG_KEY, WEBHOOK_SECRET, ENDPOINT_SECRET, ROTATED_SECRET):
            assert secret not in text, f"{secret} in the {stream} of {name}"
    # Each endpoint secret is in one text: the stdout of the command that issued it.
    issuers = {
        issued[URLS["a"]]: "create",
        issued[URLS["b"]]: "create --json --api-key",
        rotated[URLS["a"]]: "rotate",
        rotated[URLS["b"]]: "rotate --json",
    }
    assert len(issuers) == 4  # four different secrets
    for secret, issuer in issuers.items():
        found = [where for where, text in texts.items() if secret in text]
        assert found == [(issuer, "stdout")], (secret, found)
        assert texts[issuer, "stdout"].count(secret) == 1
    TALLY.secret_checks += len(texts)
    TALLY.scenario("webhook-cli-secrets-in-every-output")
