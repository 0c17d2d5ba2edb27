"""Fixtures for the reliability suite, and the line it prints: how much it tried, and how long it took.

The sync/async client factory and the loopback server are the unit suite's; only the clock
differs: real time with instant sleeps, so timeouts and slow bodies take real time while retry
waits do not. The concurrency tests' server runs in a child process, started once (`derived`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.clock import SkipClock
from tests.support.remote import RemoteServer, remote_server
from tests.support.tally import TALLY

# Reused fixtures: `make_api` (sync and async), `server` (reset per test) and its session server.
from tests.unit.conftest import CANARY_KEY, make_api, server, server_session  # noqa: F401

_durations: list[float] = []


@pytest.fixture
def clock() -> SkipClock:
    return SkipClock()


@pytest.fixture(scope="session")
def _empty_trust_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("no-certificates"))


@pytest.fixture(autouse=True)
def _no_ca_bundle_to_parse(_empty_trust_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests dial plain http on loopback only, so httpx is given an empty directory of
    certificates to trust instead of a CA bundle: each of the ~200 clients they create would
    otherwise parse one it never uses (25 ms each, 5 s in all). A test that dialled TLS would
    fail to verify anyone."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("SSL_CERT_DIR", _empty_trust_store)


@pytest.fixture(scope="session")
def derived_session() -> Iterator[RemoteServer]:
    with remote_server(CANARY_KEY) as remote:
        yield remote


@pytest.fixture
def derived(derived_session: RemoteServer) -> RemoteServer:
    """The concurrency tests' server (`tests.support.derived`, in a child process), reset."""
    derived_session.reset()
    return derived_session


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations.append(report.duration)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _durations:
        return
    scenarios = TALLY.scenarios
    v3 = sum(1 for name in scenarios if name.startswith("v3-"))
    webhook = sum(1 for name in scenarios if name.startswith("webhook-"))
    terminalreporter.write_line(
        f"reliability: {len(scenarios)} fault scenarios ({len(scenarios) - v3 - webhook} v2, {v3} v3, "
        f"{webhook} webhook; {TALLY.runs} runs, sync and async), "
        f"{TALLY.examples + TALLY.v3_examples + TALLY.webhook_examples} generated examples "
        f"({TALLY.v3_examples} v3, {TALLY.webhook_examples} webhook deliveries), "
        f"{TALLY.concurrent_calls} concurrent calls, {TALLY.secret_checks} texts checked for the key "
        f"and the webhook secret; {sum(_durations):.1f} s"
    )
