"""Lines for the end-of-run "contract summary" (printed by tests/conftest.py), keyed by topic."""

from __future__ import annotations

import pytest

SUMMARY = pytest.StashKey[dict[str, list[str]]]()


def add_summary_line(config: pytest.Config, topic: str, line: str) -> None:
    config.stash.setdefault(SUMMARY, {}).setdefault(topic, []).append(line)
