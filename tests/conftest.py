"""Shared test helpers: paths and the specs every suite reads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import _spec  # noqa: E402


@pytest.fixture(scope="session")
def provided_spec() -> dict[str, Any]:
    """HeyGen's document, exactly as published."""
    return _spec.load_json(_spec.PROVIDED_SPEC)


@pytest.fixture(scope="session")
def corrected_spec() -> dict[str, Any]:
    """The provided document with every overlay applied, built fresh from openapi/."""
    return _spec.corrected_spec()
