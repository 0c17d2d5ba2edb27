"""pytest fixtures for testing code that talks to HeyGen against the local fake.

``heygen.testing`` (and so ``jsonschema``) is imported inside the fixtures, not at module level:
once this module is registered as a ``pytest11`` entry point, pytest loads it in every project
that installs heygen-sdk, including those without the ``testing`` extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from heygen.testing import FakeHeyGen


@pytest.fixture
def heygen_fake() -> FakeHeyGen:
    """A fresh, strict fake driven by a ``FakeClock`` (``heygen_fake.clock.advance(seconds)``).

    Any non-empty API key is accepted and every account has ``demo-group``. Strict: a response
    of the fake that breaks the spec raises ``SpecViolationError`` instead of passing silently.
    """
    from heygen.testing import FakeClock, FakeHeyGen

    return FakeHeyGen(clock=FakeClock(), strict=True)
