"""The fake in each era of HeyGen's v2 API, through the facade (sync and async, over real HTTP)
and through ``python -m heygen.testing serve --v2-era``."""

from __future__ import annotations

import subprocess
import sys
import warnings

import httpx
import pytest

from heygen import EndpointRetiredError, HeyGenDeprecationWarning
from heygen.testing import DEMO_GROUP_ID, FakeClock, FakeHeyGen
from heygen.testing._eras import SUNSET_HEADERS, SUNSET_WARNING
from tests.support.facade import KINDS, open_facade
from tests.testing.conftest import STATUS, TRAIN
from tests.testing.test_cli import serving


@pytest.mark.parametrize("kind", KINDS)
async def test_live_era_is_today_s_api(kind: str) -> None:
    fake = FakeHeyGen(clock=FakeClock(), strict=True)
    with fake.serve() as url:
        async with open_facade(kind, base_url=url) as facade:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                raw = await facade.call("train-photo-avatar-group", DEMO_GROUP_ID, raw=True)
    assert raw.deprecation is None
    assert "deprecation" not in raw.headers and "sunset" not in raw.headers
    assert "warning" not in raw.http_response.json()


@pytest.mark.parametrize("kind", KINDS)
async def test_sunset_era_answers_with_heygen_s_marks_and_warns_once(kind: str) -> None:
    fake = FakeHeyGen(clock=FakeClock(), strict=True, v2_era="sunset")
    with fake.serve() as url:
        async with open_facade(kind, base_url=url) as facade:
            with pytest.warns(HeyGenDeprecationWarning) as caught:
                job = await facade.call("train-photo-avatar-group", DEMO_GROUP_ID, raw=True)
                status = await facade.call("get-training-job-status", DEMO_GROUP_ID, raw=True)
                await facade.call("get-training-job-status", DEMO_GROUP_ID)
    assert job.parsed.flow_id and status.parsed.raw_status == "pending"
    assert len(caught) == 2  # one per endpoint: train, status
    for raw in (job, status):
        assert raw.headers["deprecation"] == "true"
        assert raw.headers["sunset"] == SUNSET_HEADERS["Sunset"]
        assert raw.http_response.json()["warning"] == SUNSET_WARNING
        assert raw.deprecation is not None
        assert raw.deprecation.sunset is not None
        assert raw.deprecation.sunset.isoformat() == "2026-10-31T00:00:00+00:00"
    assert fake.spec_violations == []  # the corrected spec describes the headers and the warning


@pytest.mark.parametrize("kind", KINDS)
async def test_retired_era_raises_endpoint_retired(kind: str) -> None:
    fake = FakeHeyGen(clock=FakeClock(), strict=True, v2_era="retired")
    with fake.serve() as url:
        async with open_facade(kind, base_url=url, max_retries=2) as facade:
            with pytest.raises(EndpointRetiredError) as trained:
                await facade.call("train-photo-avatar-group", DEMO_GROUP_ID)
            with pytest.raises(EndpointRetiredError) as polled:
                await facade.call("get-training-job-status", DEMO_GROUP_ID)
    assert trained.value.status_code == polled.value.status_code == 405
    assert "client.avatars.create_photo" in str(trained.value)
    assert "client.avatars.retrieve" in str(polled.value)
    assert [r.status for r in fake.requests] == [405, 405], "nothing retried"


def test_era_is_checked() -> None:
    with pytest.raises(ValueError, match="v2_era must be one of live, sunset, retired"):
        FakeHeyGen(v2_era="later")  # type: ignore[arg-type]


@pytest.mark.slow
def test_serve_takes_the_era() -> None:
    with (
        serving("--port", "0", "--v2-era", "sunset") as (_sunset, sunset_url),
        serving("--port", "0", "--v2-era", "retired") as (_retired, retired_url),
    ):
        headers = {"x-api-key": "k"}
        with httpx.Client(base_url=sunset_url, headers=headers) as client:
            answer = client.post(TRAIN, json={"group_id": DEMO_GROUP_ID})
            assert answer.status_code == 200 and answer.headers["sunset"] == SUNSET_HEADERS["Sunset"]
            assert answer.json()["warning"] == SUNSET_WARNING
        with httpx.Client(base_url=retired_url, headers=headers) as client:
            answer = client.get(STATUS + DEMO_GROUP_ID)
            assert answer.status_code == 405 and answer.text == "Method Not Allowed"
    bad = subprocess.run(
        [sys.executable, "-m", "heygen.testing", "serve", "--v2-era", "later"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert bad.returncode == 2 and "--v2-era" in bad.stderr
