"""The 401 path is reachable against a default fake: one documented key is always refused."""

from __future__ import annotations

import httpx
import pytest

import heygen
from heygen import HeyGen
from heygen.testing import REFUSED_API_KEY, FakeHeyGen
from tests.cli.test_cli import run


def test_the_default_fake_refuses_the_refused_key_and_accepts_others() -> None:
    fake = FakeHeyGen()
    with fake.client(api_key=REFUSED_API_KEY) as client, pytest.raises(heygen.AuthenticationError) as caught:
        client.photo_avatars.train("demo-group")
    assert caught.value.status_code == 401 and caught.value.code == "unauthorized"
    with fake.client(api_key="whatever-key") as client:
        assert client.photo_avatars.train("demo-group").group_id == "demo-group"


def test_the_fixture_fake_refuses_it_too(heygen_fake: FakeHeyGen, heygen_client: HeyGen) -> None:
    heygen_client.photo_avatars.train("demo-group")  # the fixture's own key works
    with heygen_fake.client(api_key=REFUSED_API_KEY) as refused, pytest.raises(heygen.AuthenticationError):
        refused.photo_avatars.training_status("demo-group")


def test_the_refused_key_is_refused_over_http_and_cannot_be_made_valid() -> None:
    with FakeHeyGen().serve() as url:
        response = httpx.get(
            f"{url}/v2/photo_avatar/train/status/demo-group", headers={"x-api-key": REFUSED_API_KEY}
        )
    assert response.status_code == 401
    with pytest.raises(ValueError, match="every fake refuses"):
        FakeHeyGen(api_keys=[REFUSED_API_KEY])


@pytest.mark.slow
def test_the_cli_meets_the_401_against_a_default_fake() -> None:
    with FakeHeyGen().serve() as url:
        result = run("photo-avatar", "status", "demo-group", url=url, key=REFUSED_API_KEY)
    assert result.code == 3
    assert result.stderr.startswith("heygen: error: HTTP 401 unauthorized: Invalid API key")
    assert REFUSED_API_KEY not in result.stderr
