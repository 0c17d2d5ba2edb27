"""heygen.testing as a package: its exports, its imports, its clock and its pytest fixture."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import heygen.testing
from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen, SystemClock

PROBE = textwrap.dedent(
    """
    import sys

    import heygen
    heavy = ("jsonschema", "referencing", "heygen.testing")
    loaded = sorted(m for m in sys.modules if m.startswith(heavy))
    print("after import heygen:", loaded)

    sys.modules["jsonschema"] = None  # as if the testing extra were not installed
    import heygen.testing._pytest_plugin
    try:
        heygen.testing.FakeHeyGen()
    except ImportError as error:
        print("without jsonschema:", error)
    """
)


def test_jsonschema_is_needed_only_to_build_a_fake_and_heygen_never_imports_it() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)

    assert result.stdout.splitlines() == [
        "after import heygen: []",
        "without jsonschema: heygen.testing checks traffic against the spec with jsonschema; "
        "install it with: pip install 'heygen-sdk[testing]'",
    ]


def test_exports_are_the_public_names_presented_as_heygen_testing() -> None:
    public = {n for n in vars(heygen.testing) if n.isidentifier() and not n.startswith("_")}
    assert public == set(heygen.testing.__all__)
    for name in heygen.testing.__all__:
        member = getattr(heygen.testing, name)
        if isinstance(member, type):
            assert member.__module__ == "heygen.testing", name


def test_the_heygen_fake_fixture_is_strict_permissive_and_on_a_fake_clock(heygen_fake: FakeHeyGen) -> None:
    assert heygen_fake.strict
    assert isinstance(heygen_fake.clock, FakeClock)
    reply = heygen_fake.handle("GET", f"/v2/photo_avatar/train/status/{DEMO_GROUP_ID}", {"x-api-key": "any"})
    assert reply.status == 200


def test_the_fake_clock_moves_only_forward_and_only_when_told() -> None:
    clock = FakeClock(start=1000.0)
    assert (clock.monotonic(), clock.time()) == (0.0, 1000.0)
    clock.advance(2.5)
    clock.sleep(1)
    clock.sleep(-3)  # like time.sleep(0): no time passes, no error
    assert (clock.monotonic(), clock.time()) == (3.5, 1003.5)
    with pytest.raises(ValueError, match="cannot go backwards"):
        clock.advance(-1)


async def test_the_fake_clock_async_sleep_advances_it() -> None:
    clock = FakeClock()
    await clock.async_sleep(30)
    assert clock.monotonic() == 30


def test_the_system_clock_is_the_real_one() -> None:
    import time

    clock = SystemClock()
    assert abs(clock.time() - time.time()) < 5
    assert clock.monotonic() <= time.monotonic()
