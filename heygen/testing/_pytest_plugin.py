"""pytest fixtures for testing code that talks to HeyGen, against the local fake.

Registered as a ``pytest11`` entry point, so installing ``heygen-sdk[testing]`` makes them
available in any test suite:

    def test_my_training_flow(heygen_client, heygen_fake):
        heygen_fake.add_group("my-group")
        job = heygen_client.photo_avatars.train("my-group")
        heygen_fake.clock.advance(60)  # training done, without waiting
        assert heygen_client.photo_avatars.training_status("my-group").state == "ready"

``heygen.testing`` (and so ``jsonschema``) is imported inside the fixtures, not at module level:
pytest loads this module in every project that installs heygen-sdk, with or without the extra.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from heygen import AsyncHeyGen, HeyGen
    from heygen.testing import FakeHeyGen


@pytest.fixture
def heygen_fake() -> FakeHeyGen:
    """A fresh, strict fake driven by a ``FakeClock`` (``heygen_fake.clock.advance(seconds)``).

    Any non-empty API key is accepted, except ``heygen.testing.REFUSED_API_KEY``, which gets a
    401 (``heygen_fake.client(api_key=REFUSED_API_KEY)`` tests that path); every account has
    ``demo-group``. Strict: a response of the fake that breaks the spec raises
    ``SpecViolationError`` instead of passing silently.
    """
    from heygen.testing import FakeClock, FakeHeyGen

    return FakeHeyGen(clock=FakeClock(), strict=True)


@pytest.fixture
def heygen_client(heygen_fake: FakeHeyGen) -> Iterator[HeyGen]:
    """A ``HeyGen`` client wired to ``heygen_fake`` in-process, sharing its clock.

    Retries and ``wait_for_training`` sleep on the fake clock, so they take no real time and
    move the fake's trainings forward as they wait. The same as ``heygen_fake.client()``.
    """
    with heygen_fake.client() as client:
        yield client


def _async_fixture(function: Callable[..., Any]) -> Any:
    """pytest-asyncio's fixture decorator where installed: its strict mode ignores plain ones."""
    try:
        from pytest_asyncio import fixture
    except ImportError:  # pragma: no cover - then the user's async plugin must handle it
        return pytest.fixture(function)
    return fixture(function)


@_async_fixture
async def heygen_async_client(heygen_fake: FakeHeyGen) -> AsyncIterator[AsyncHeyGen]:
    """An ``AsyncHeyGen`` client wired to ``heygen_fake`` in-process, sharing its clock."""
    async with heygen_fake.async_client() as client:
        yield client
