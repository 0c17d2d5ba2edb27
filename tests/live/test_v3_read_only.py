"""Opt-in checks against HeyGen's real v3 API: read-only calls, answers validated against our spec.

Nothing in the v3 spec has been checked against the live API (HeyGen's complete document is not
available to us), so these are for people with a key: `HEYGEN_LIVE=1 HEYGEN_API_KEY=... pytest
tests/live`. Without HEYGEN_LIVE=1 the `live` tests are deselected at collection (tests/conftest.py),
never run in CI and never counted as skipped. They only list and get: nothing is created, changed
or paid for. `HEYGEN_BASE_URL` points them elsewhere (their own test runs them against the fake).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from heygen import HeyGen
from heygen.testing._contract import shipped_contract

pytestmark = pytest.mark.live

NO_SUCH_ID = "heygen-sdk-live-check-no-such-id"


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    key = os.environ.get("HEYGEN_API_KEY")
    if not key:
        pytest.fail("HEYGEN_LIVE=1 needs HEYGEN_API_KEY: the live checks call HeyGen with your key")
    base_url = os.environ.get("HEYGEN_BASE_URL") or "https://api.heygen.com"
    with httpx.Client(base_url=base_url, headers={"x-api-key": key}, timeout=30) as client:
        yield client


def checked_get(http: httpx.Client, path: str, **params: Any) -> httpx.Response:
    """GET, then check the answer (status, headers, body) against the operation in our spec."""
    response = http.get(path, params=params)
    routed = shipped_contract().route("GET", response.request.url.raw_path.decode().split("?")[0])
    assert not isinstance(routed, list), f"{path} is not in the spec"
    operation, _ = routed
    problems = operation.response_problems(response.status_code, dict(response.headers), response.content)
    assert problems == [], f"HeyGen's answer to GET {path} differs from our spec:\n" + "\n".join(problems)
    return response


def test_list_avatar_groups_then_get_the_first(http: httpx.Client) -> None:
    page = checked_get(http, "/v3/avatars", limit=5)
    assert page.status_code == 200, page.text
    groups = page.json().get("data") or []
    for group in groups[:2]:
        assert checked_get(http, f"/v3/avatars/{group['id']}").status_code == 200


def test_list_avatar_looks_then_get_the_first(http: httpx.Client) -> None:
    page = checked_get(http, "/v3/avatars/looks", limit=5)
    assert page.status_code == 200, page.text
    for look in (page.json().get("data") or [])[:2]:
        assert checked_get(http, f"/v3/avatars/looks/{look['id']}").status_code == 200


def test_unknown_ids_answer_a_404_in_the_v3_error_shape(http: httpx.Client) -> None:
    for path in (f"/v3/avatars/{NO_SUCH_ID}", f"/v3/avatars/looks/{NO_SUCH_ID}", f"/v3/assets/{NO_SUCH_ID}"):
        response = checked_get(http, path)
        assert response.status_code in (400, 404), response.text
        assert isinstance(response.json()["error"]["code"], str)


def test_the_facade_reads_the_first_page_of_groups_and_looks() -> None:
    with HeyGen() as client:  # HEYGEN_API_KEY, and HEYGEN_BASE_URL if set
        groups = client.avatars.list(limit=5)
        looks = client.avatars.looks.list(limit=5)
        assert all(group.id for group in groups.items) and all(look.id for look in looks.items)
