"""Shared test helpers: paths, the specs every suite reads, and the end-of-run summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import _spec  # noqa: E402

from tests._summary import SUMMARY  # noqa: E402


@pytest.fixture(scope="session")
def provided_spec() -> dict[str, Any]:
    """HeyGen's document, exactly as published."""
    return _spec.load_json(_spec.PROVIDED_SPEC)


@pytest.fixture(scope="session")
def corrected_spec() -> dict[str, Any]:
    """The provided document with every overlay applied, built fresh from openapi/."""
    return _spec.corrected_spec()


@pytest.fixture(scope="session")
def corrected_spec_file(corrected_spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corrected spec written to a file, for the Node.js tools (Spectral, Prism)."""
    path = tmp_path_factory.mktemp("spec") / "corrected-openapi.json"
    path.write_text(_spec.dump_json(corrected_spec), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def v3_spec() -> dict[str, Any]:
    """Our v3 document (openapi/v3/heygen-v3.yaml), as JSON data."""
    return _spec.v3_spec()


@pytest.fixture(scope="session")
def client_spec() -> dict[str, Any]:
    """The v2 corrected spec and the v3 document merged: what the client is generated from."""
    return _spec.client_spec()


@pytest.fixture(scope="session")
def v3_spec_file(v3_spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The v3 document as JSON, for the Node.js tools (Spectral, Prism)."""
    path = tmp_path_factory.mktemp("spec") / "heygen-v3.json"
    path.write_text(_spec.dump_json(v3_spec), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def client_spec_file(client_spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The merged spec as JSON, for the Node.js tools."""
    path = tmp_path_factory.mktemp("spec") / "client-openapi.json"
    path.write_text(_spec.dump_json(client_spec), encoding="utf-8")
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the `live` tests (real HeyGen calls) unless HEYGEN_LIVE=1: never run by default,
    and reported as deselected, not skipped (docs/guide/testing-v3.md, "Live checks")."""
    if os.environ.get("HEYGEN_LIVE") == "1":
        return
    live = [item for item in items if item.get_closest_marker("live") is not None]
    if live:
        config.hook.pytest_deselected(items=live)
        items[:] = [item for item in items if item.get_closest_marker("live") is None]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print what the contract suite measured: how many property examples ran, how long Prism took."""
    examples: dict[str, int] = {}
    facade: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "hypothesis_examples":
                examples[report.nodeid.split("::")[-1]] = int(value)
            elif name == "facade_examples":
                facade[report.nodeid.split("::")[-1]] = int(value)
    lines = config.stash.get(SUMMARY, {})
    if not examples and not facade and not lines:
        return
    terminalreporter.section("contract summary")
    if examples:
        terminalreporter.write_line(
            f"property tests: {sum(examples.values())} generated bodies over {len(examples)} distinct "
            f"response schemas (min {min(examples.values())} each)"
        )
    if facade:
        terminalreporter.write_line(
            f"facade property tests: {sum(facade.values())} bodies (generated, and the spec's examples) "
            f"through HeyGen and AsyncHeyGen over {len(facade)} schema-and-client cases "
            f"(min {min(facade.values())} each)"
        )
    for topic, topic_lines in sorted(lines.items()):
        for line in topic_lines:
            terminalreporter.write_line(f"{topic}: {line}")
