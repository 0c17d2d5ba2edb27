"""HEYGEN_LOG turns on the SDK's logging; what must never appear in it is tested from outside.

Where the key may and may not go (logs, reprs, errors, tracebacks with locals, redirects, other
origins) is tested in tests/reliability/test_secrets.py, in a fresh interpreter with
HEYGEN_API_KEY and HEYGEN_LOG=debug set for real.
"""

from __future__ import annotations

import logging

import pytest

from heygen import HeyGen
from tests.support.server import ScriptedServer
from tests.unit.conftest import CANARY_KEY


def test_heygen_log_env_turns_on_debug_logging(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer
) -> None:
    import heygen._config as config

    monkeypatch.setenv("HEYGEN_LOG", "debug")
    monkeypatch.setattr(config, "_logging_configured", False)
    logger = logging.getLogger("heygen")
    handlers, level = list(logger.handlers), logger.level
    try:
        with HeyGen(api_key=CANARY_KEY, base_url=server.url):
            assert logger.level == logging.DEBUG
            assert len(logger.handlers) == len(handlers) + (0 if handlers else 1)
    finally:
        logger.handlers[:] = handlers
        logger.setLevel(level)
