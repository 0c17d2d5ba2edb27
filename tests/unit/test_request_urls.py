"""The SDK writes a request's query string itself, and sends the URL httpx would have sent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from heygen._urls import request_url

BASE = "https://api.heygen.com/v3/avatars"
VALUE = st.one_of(
    st.text(max_size=12), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)  # fmt: skip
PARAMS = st.dictionaries(
    st.text(min_size=1, max_size=6), st.one_of(VALUE, st.lists(VALUE, max_size=3)), max_size=4
)


def httpx_url(url: str, params: dict[str, Any]) -> httpx.URL:
    return httpx.Request("GET", url, params=params).url


@given(PARAMS)
def test_any_query_is_written_as_httpx_writes_it(params: dict[str, Any]) -> None:
    built = request_url(BASE, params)
    assert built.raw_path == httpx_url(BASE, params).raw_path
    assert built == httpx_url(BASE, params)


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({}, b"/v3/avatars"),
        ({"limit": 10}, b"/v3/avatars?limit=10"),
        ({"token": "a b+c&d=e"}, b"/v3/avatars?token=a+b%2Bc%26d%3De"),
        ({"ownership": True, "id": ["g1", "g2"]}, b"/v3/avatars?ownership=true&id=g1&id=g2"),
        ({"group_id": []}, b"/v3/avatars?"),
    ],
)
def test_a_page_token_and_other_values_are_escaped(params: dict[str, Any], path: bytes) -> None:
    assert request_url(BASE, params).raw_path == path


def test_a_url_without_a_query_is_parsed_once() -> None:
    assert request_url(BASE, None) is request_url(BASE, {})
