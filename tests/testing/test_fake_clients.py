"""Testing outside the pytest fixtures: `fake.client()`, a public `clock=`, a clock that types."""

from __future__ import annotations

import inspect
import pydoc
import textwrap
import time
from pathlib import Path

import pytest

from heygen import AsyncHeyGen, HeyGen, TrainingState
from heygen.testing import FAKE_API_KEY, FakeClock, FakeHeyGen, SystemClock


def test_fake_client_waits_on_the_fake_clock_without_real_time() -> None:
    fake = FakeHeyGen(clock=FakeClock(), training_seconds=600)
    started = time.monotonic()
    with fake.client() as client:
        result = client.photo_avatars.train_and_wait("demo-group", timeout=3600)
    assert result.status.state is TrainingState.READY
    assert time.monotonic() - started < 5  # ten fake minutes, no real ones
    assert isinstance(fake.clock, FakeClock) and sum(fake.clock.sleeps) >= 600
    assert client._http_client.is_closed  # the pool made for it is closed with it


async def test_fake_async_client_waits_on_the_fake_clock() -> None:
    fake = FakeHeyGen(clock=FakeClock(), training_seconds=600)
    async with fake.async_client() as client:
        assert isinstance(client, AsyncHeyGen)
        status = await client.photo_avatars.wait_for_training(
            (await client.photo_avatars.train("demo-group")).group_id, timeout=3600
        )
    assert status.state is TrainingState.READY
    assert client._http_client.is_closed


def test_fake_client_sends_the_fakes_own_key() -> None:
    assert FakeHeyGen().client()._api_key == FAKE_API_KEY
    fixed = FakeHeyGen(api_keys=["first-key", "second-key"])
    with fixed.client() as client:
        assert client.photo_avatars.training_status("demo-group").state is TrainingState.EMPTY
    assert fixed.client(max_retries=0).max_retries == 0


def test_the_client_takes_a_public_clock_and_help_shows_no_private_parameter() -> None:
    for cls in (HeyGen, AsyncHeyGen):
        parameters = inspect.signature(cls).parameters
        assert "clock" in parameters and not [name for name in parameters if name.startswith("_")]
        assert "_clock" not in pydoc.render_doc(cls)
    clock = FakeClock()
    with HeyGen(api_key="k", base_url="https://api.heygen.com", clock=clock) as client:
        copy = client.with_options(max_retries=3)
        assert copy._clock is clock  # copies keep the clock


def test_a_real_time_fake_can_be_skipped_ahead() -> None:
    fake = FakeHeyGen(training_seconds=3600)
    assert isinstance(fake.clock, SystemClock)
    with fake.client() as client:
        client.photo_avatars.train("demo-group")
        fake.clock.advance(3600)
        assert client.photo_avatars.training_status("demo-group").state is TrainingState.READY
    with pytest.raises(ValueError, match="backwards"):
        fake.clock.advance(-1)


@pytest.mark.slow
def test_advancing_the_fixture_clock_type_checks(tmp_path: Path) -> None:
    from mypy import api

    source = tmp_path / "test_user.py"
    source.write_text(
        textwrap.dedent(
            """
            from heygen import HeyGen
            from heygen.testing import FakeHeyGen

            def test_flow(heygen_client: HeyGen, heygen_fake: FakeHeyGen) -> None:
                heygen_client.photo_avatars.train("demo-group")
                heygen_fake.clock.advance(60)
                with heygen_fake.client() as client:
                    client.photo_avatars.training_status("demo-group")
            """
        )
    )
    out, err, code = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(source)])
    assert code == 0, out + err
