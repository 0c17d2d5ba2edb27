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
    from heygen.testing import FakeClock, FakeHeyGen

FAKE_API_KEY = "fake-api-key"
FAKE_BASE_URL = "https://api.heygen.com"


@pytest.fixture
def heygen_fake() -> FakeHeyGen:
    """A fresh, strict fake driven by a ``FakeClock`` (``heygen_fake.clock.advance(seconds)``).

    It serves v2 (training) and v3 (assets, avatar groups and looks) from one state. Any non-empty
    API key is accepted and every account has ``demo-group``. Strict: a response of the fake that
    breaks the spec raises ``SpecViolationError`` instead of passing silently.
    """
    from heygen.testing import FakeClock, FakeHeyGen

    return FakeHeyGen(clock=FakeClock(), strict=True)


@pytest.fixture
def heygen_client(heygen_fake: FakeHeyGen) -> Iterator[HeyGen]:
    """A ``HeyGen`` client wired to ``heygen_fake`` in-process, sharing its clock.

    Retries, ``wait_for_training`` and ``avatars.wait_until_ready`` sleep on the fake clock, so
    they take no real time and move the fake's trainings and avatars forward as they wait.
    """
    import httpx

    from heygen import HeyGen

    http_client = httpx.Client(transport=heygen_fake.transport())
    with HeyGen(
        api_key=FAKE_API_KEY, base_url=FAKE_BASE_URL, http_client=http_client, _clock=_fake_clock(heygen_fake)
    ) as client:
        yield client
    http_client.close()


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
    import httpx

    from heygen import AsyncHeyGen

    http_client = httpx.AsyncClient(transport=heygen_fake.transport())
    async with AsyncHeyGen(
        api_key=FAKE_API_KEY, base_url=FAKE_BASE_URL, http_client=http_client, _clock=_fake_clock(heygen_fake)
    ) as client:
        yield client
    await http_client.aclose()


def _fake_clock(fake: FakeHeyGen) -> FakeClock:
    from heygen.testing import FakeClock

    clock = fake.clock
    assert isinstance(clock, FakeClock), "the heygen_client fixtures need heygen_fake on a FakeClock"
    return clock
