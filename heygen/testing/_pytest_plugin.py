"""pytest fixtures for testing code that talks to HeyGen, against the local fake.

Registered as a ``pytest11`` entry point, so installing ``heygen-sdk[testing]`` makes them
available in any test suite (``heygen_fake``, ``heygen_client``, ``heygen_async_client``):

    def test_my_training_flow(heygen_client, heygen_fake):
        heygen_fake.add_group("my-group")
        job = heygen_client.photo_avatars.train("my-group")
        heygen_fake.clock.advance(60)  # training done, without waiting
        assert heygen_client.photo_avatars.training_status("my-group").state == "ready"

``heygen.testing`` (and so ``jsonschema``) is imported inside the fixtures, not at module level:
pytest loads this module in every project that installs heygen-sdk, with or without the extra.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from heygen import AsyncHeyGen, HeyGen
    from heygen.testing import FakeHeyGen


@pytest.fixture
def heygen_fake() -> FakeHeyGen:
    """A fresh, strict fake driven by a ``FakeClock`` (``heygen_fake.clock.advance(seconds)``).

    It serves v2 (training) and v3 (assets, avatar groups and looks) from one state. Any
    non-empty API key is accepted, except ``heygen.testing.REFUSED_API_KEY``, which gets a
    401 (``heygen_fake.client(api_key=REFUSED_API_KEY)`` tests that path); every account has
    ``demo-group``. Strict: a response of the fake that breaks the spec raises
    ``SpecViolationError`` instead of passing silently.
    """
    from heygen.testing import FakeClock, FakeHeyGen

    return FakeHeyGen(clock=FakeClock(), strict=True)


@pytest.fixture
def heygen_client(heygen_fake: FakeHeyGen) -> Iterator[HeyGen]:
    """A ``HeyGen`` client wired to ``heygen_fake`` in-process, sharing its clock.

    Retries, ``wait_for_training`` and ``avatars.wait_until_ready`` sleep on the fake clock, so
    they take no real time and move the fake's trainings and avatars forward as they wait.
    The same as ``heygen_fake.client()``.
    """
    with heygen_fake.client() as client:
        yield client


@pytest.fixture
def heygen_async_client(heygen_fake: FakeHeyGen) -> AsyncHeyGen:
    """An ``AsyncHeyGen`` client wired to ``heygen_fake`` in-process, sharing its clock.

    A plain (not async) fixture, so it works under either async test runner: anyio's pytest
    plugin (installed with httpx, so always there) or pytest-asyncio, in strict or auto mode.
    Your ``async def`` test still needs one of them to run it::

        import pytest

        @pytest.mark.anyio  # nothing to install; or @pytest.mark.asyncio with pytest-asyncio
        async def test_training(heygen_async_client, heygen_fake):
            await heygen_async_client.photo_avatars.train("demo-group")
            status = await heygen_async_client.photo_avatars.wait_for_training("demo-group")
            assert status.state == "ready"

    The client talks to the fake in-process, so it holds no connections and needs no closing.
    """
    return heygen_fake.async_client()


_NEEDS_A_RUNNER = (
    "{name} is an async test, and no async test runner ran it. Mark it @pytest.mark.anyio "
    "(anyio's plugin comes with httpx, nothing to install), or install pytest-asyncio and mark "
    "it @pytest.mark.asyncio (or set asyncio_mode = auto)."
)


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    """An async test using our fixtures that no runner took fails saying how to run it.

    pytest's own failure ("async def functions are not natively supported") names plugins but
    not that anyio's is already installed; this adds that, for tests using ``heygen_*`` fixtures.
    """
    try:
        return (yield)
    except pytest.fail.Exception as failure:
        fixtures = getattr(pyfuncitem, "fixturenames", ())
        if "not natively supported" in str(failure) and any(name.startswith("heygen_") for name in fixtures):
            pytest.fail(_NEEDS_A_RUNNER.format(name=pyfuncitem.name), pytrace=False)
        raise
