"""`on_progress`: AsyncHeyGen awaits an `async def`; HeyGen refuses one, before any request."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from heygen import TrainingState, TrainingStatus
from heygen.testing import FakeClock, FakeHeyGen


@pytest.fixture
def fake() -> FakeHeyGen:
    return FakeHeyGen(clock=FakeClock(), training_seconds=30, pending_seconds=5)


async def test_the_async_client_awaits_an_async_callback(fake: FakeHeyGen) -> None:
    seen: list[str] = []

    async def on_progress(status: TrainingStatus) -> None:
        await fake.clock.async_sleep(0)  # really suspends: a coroutine that runs, not one dropped
        seen.append(status.raw_status)

    async with fake.async_client() as client:
        result = await client.photo_avatars.train_and_wait("demo-group", on_progress=on_progress)
    assert result.status.state is TrainingState.READY
    assert seen[0] == "pending" and seen[-1] == "ready"


async def test_the_async_client_awaits_an_object_with_an_async_call(fake: FakeHeyGen) -> None:
    class Recorder:
        def __init__(self) -> None:
            self.statuses: list[TrainingStatus] = []

        async def __call__(self, status: TrainingStatus) -> None:
            self.statuses.append(status)

    recorder = Recorder()
    async with fake.async_client() as client:
        await client.photo_avatars.train("demo-group")
        await client.photo_avatars.wait_for_training("demo-group", on_progress=recorder)
    assert recorder.statuses[-1].state is TrainingState.READY


async def test_the_async_client_still_takes_a_plain_callback(fake: FakeHeyGen) -> None:
    seen: list[TrainingStatus] = []
    async with fake.async_client() as client:
        await client.photo_avatars.train_and_wait("demo-group", on_progress=seen.append)
    assert seen[-1].state is TrainingState.READY


def test_the_sync_client_refuses_an_async_callback_before_training(fake: FakeHeyGen) -> None:
    async def on_progress(status: TrainingStatus) -> None:  # pragma: no cover - never called
        pass

    with fake.client() as client:
        for call in (client.photo_avatars.train_and_wait, client.photo_avatars.wait_for_training):
            with pytest.raises(TypeError, match="cannot await: pass a plain function, or use AsyncHeyGen"):
                call("demo-group", on_progress=on_progress)  # type: ignore[arg-type]
    assert len(fake.requests) == 0  # nothing paid for


def test_the_sync_client_refuses_a_callback_returning_a_coroutine(fake: FakeHeyGen) -> None:
    async def later(status: TrainingStatus) -> None:  # pragma: no cover - closed, never run
        pass

    with fake.client() as client, pytest.raises(TypeError, match="returns an awaitable"):
        client.photo_avatars.wait_for_training("demo-group", on_progress=lambda s: later(s))  # type: ignore[arg-type]
    # and no "coroutine was never awaited" warning: filterwarnings=error would fail this test


@pytest.mark.slow
def test_the_types_say_which_client_awaits(tmp_path: Path) -> None:
    from mypy import api

    source = tmp_path / "user.py"
    source.write_text(
        textwrap.dedent(
            """
            from heygen import AsyncHeyGen, AsyncProgressCallback, HeyGen, ProgressCallback, TrainingStatus

            async def show(status: TrainingStatus) -> None: ...
            def show_now(status: TrainingStatus) -> None: ...

            async def run(client: AsyncHeyGen) -> None:
                await client.photo_avatars.wait_for_training("g", on_progress=show)
                await client.photo_avatars.wait_for_training("g", on_progress=show_now)
                callback: AsyncProgressCallback = show

            def run_sync(client: HeyGen) -> None:
                client.photo_avatars.wait_for_training("g", on_progress=show_now)
                client.photo_avatars.wait_for_training("g", on_progress=show)  # refused
                callback: ProgressCallback = show_now
            """
        )
    )
    out, _, code = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(source)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert code == 1 and len(errors) == 1, out
    assert "user.py:14:" in errors[0] and "on_progress" in errors[0]
