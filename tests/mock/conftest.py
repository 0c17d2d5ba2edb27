"""The real Prism mock server (pinned in package-lock.json), one per spec, for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import _prism
import _spec
import httpx
import pytest

from tests._summary import add_summary_line


@pytest.fixture(scope="session")
def prism_servers(
    request: pytest.FixtureRequest,
    corrected_spec_file: Path,
    v3_spec_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, _prism.PrismServer]]:
    """Prism on the corrected spec, on our v3 document and on HeyGen's document as published,
    started together on free 127.0.0.1 ports with --errors (request and response violations
    become error answers), and a second one on HeyGen's document without --errors (it serves its
    example even though the example breaks the document's schema, and reports that in
    `sl-violations`)."""
    log_dir = tmp_path_factory.mktemp("prism")
    servers = _prism.start_many(
        {
            "corrected": corrected_spec_file,
            "v3": v3_spec_file,
            "provided": _spec.PROVIDED_SPEC,
            "provided-no-errors": _spec.PROVIDED_SPEC,
        },
        log_dir,
        without_errors={"provided-no-errors"},
    )
    for name, server in servers.items():
        ready = f"{name} spec ready in {server.startup_seconds:.1f} s at {server.base_url}"
        add_summary_line(request.config, "prism", f"{ready}, log {server.log_path}")
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture(scope="session")
def prism(prism_servers: dict[str, _prism.PrismServer]) -> _prism.PrismServer:
    """Prism serving the corrected spec."""
    return prism_servers["corrected"]


@pytest.fixture(scope="session")
def prism_provided(prism_servers: dict[str, _prism.PrismServer]) -> _prism.PrismServer:
    """Prism serving HeyGen's document as published."""
    return prism_servers["provided"]


@pytest.fixture(scope="session")
def prism_provided_no_errors(prism_servers: dict[str, _prism.PrismServer]) -> _prism.PrismServer:
    """Prism serving HeyGen's document as published, without --errors."""
    return prism_servers["provided-no-errors"]


@pytest.fixture(scope="session")
def prism_v3(prism_servers: dict[str, _prism.PrismServer]) -> _prism.PrismServer:
    """Prism serving our v3 document on its own."""
    return prism_servers["v3"]


@pytest.fixture
def v3_client(prism_v3: _prism.PrismServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism_v3.base_url, timeout=10, trust_env=False) as client:
        yield client


@pytest.fixture
def client(prism: _prism.PrismServer) -> Iterator[httpx.Client]:
    # trust_env=False: never route loopback traffic through a proxy from the environment.
    with httpx.Client(base_url=prism.base_url, timeout=10, trust_env=False) as client:
        yield client


@pytest.fixture
def provided_client(prism_provided: _prism.PrismServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism_provided.base_url, timeout=10, trust_env=False) as client:
        yield client
