"""Client construction: arguments, environment fallbacks, validation, lifecycle."""

from __future__ import annotations

import httpx
import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from tests.support.server import Reply, ScriptedServer
from tests.unit.conftest import CANARY_KEY, ClientFactory


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HEYGEN_API_KEY", "HEYGEN_BASE_URL", "HEYGEN_LOG"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("client_class", [HeyGen, AsyncHeyGen])
def test_a_missing_key_names_the_argument_and_the_variable(client_class: type[HeyGen | AsyncHeyGen]) -> None:
    with pytest.raises(heygen.ConfigurationError, match=r"pass api_key=\.\.\. or set the HEYGEN_API_KEY"):
        client_class()


@pytest.mark.parametrize(
    "key", ["", " sk-9f8e7d", "sk-9f8e7d\n", "sk-9f\r8e7d", "sk-9f 8e7d", "sk-9f\u200b8e7d", "sk-9fé8e7d"]
)
def test_a_malformed_key_is_refused_without_echoing_it(key: str) -> None:
    with pytest.raises(heygen.ConfigurationError) as caught:
        HeyGen(api_key=key)
    assert "9f" not in str(caught.value)


def test_a_non_string_key_is_refused() -> None:
    with pytest.raises(heygen.ConfigurationError, match="must be a string, got int"):
        HeyGen(api_key=123)  # type: ignore[arg-type]


async def test_key_and_base_url_fall_back_to_the_environment(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer, make_api: ClientFactory
) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", "env-key")
    monkeypatch.setenv("HEYGEN_BASE_URL", server.url + "/")
    api = make_api(api_key=None, base_url=None)
    assert api.client.base_url == server.url
    server.queue(Reply())
    await api.train("group-1")
    assert server.received[0].headers["x-api-key"] == "env-key"


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYGEN_API_KEY", "env-key")
    monkeypatch.setenv("HEYGEN_BASE_URL", "https://env.example")
    with HeyGen(api_key="arg-key", base_url="https://arg.example") as client:
        assert client.base_url == "https://arg.example"
        assert client._api_key == "arg-key"


def test_the_default_base_url_and_settings() -> None:
    with HeyGen(api_key="k") as client:
        assert client.base_url == "https://api.heygen.com"
        assert client.max_retries == 2
        assert client.timeout == httpx.Timeout(60.0, connect=5.0)


@pytest.mark.parametrize(
    ("base_url", "says"),
    [
        ("api.heygen.com", "must be an absolute http"),
        ("ftp://api.heygen.com", "must be an absolute http"),
        ("http://api.heygen.com", "plain http to a non-loopback host"),
        ("http://10.0.0.8:8080", "plain http to a non-loopback host"),
        ("https://api.heygen.com/?x=1", "must not carry a query"),
        ("https://user:pw@api.heygen.com", "must not carry a query, fragment or credentials"),
    ],
)
def test_unusable_base_urls_are_refused(base_url: str, says: str) -> None:
    with pytest.raises(heygen.ConfigurationError, match=says):
        HeyGen(api_key="k", base_url=base_url)


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:4010", "http://localhost:8000", "http://[::1]:9"])
def test_plain_http_to_loopback_is_allowed(base_url: str) -> None:
    with HeyGen(api_key="k", base_url=base_url) as client:
        assert client.base_url == base_url


def test_plain_http_elsewhere_can_be_allowed_explicitly() -> None:
    with HeyGen(api_key="k", base_url="http://proxy.internal", allow_insecure_http=True) as client:
        assert client.base_url == "http://proxy.internal"


@pytest.mark.parametrize(
    ("kwargs", "error_class", "says"),
    [
        ({"timeout": 0}, ValueError, "timeout must be positive"),
        ({"timeout": "5"}, TypeError, "timeout must be seconds"),
        ({"timeout": httpx.Timeout(5, read=-1)}, ValueError, "timeout parts must be positive"),
        ({"max_retries": -1}, ValueError, "max_retries must be 0 or more"),
        ({"max_retries": 1.5}, TypeError, "max_retries must be an int"),
        ({"http_client": httpx.AsyncClient()}, TypeError, "http_client must be an httpx.Client"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object], error_class: type[Exception], says: str) -> None:
    with pytest.raises(error_class, match=says):
        HeyGen(api_key="k", **kwargs)  # type: ignore[arg-type]


def test_timeout_none_means_no_timeout() -> None:
    with HeyGen(api_key="k", timeout=None) as client:
        assert client.timeout is None


async def test_a_callers_http_client_is_used_as_given_and_left_open(
    server: ScriptedServer, make_api: ClientFactory
) -> None:
    hooked: list[str] = []

    def hook(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    async def async_hook(request: httpx.Request) -> None:
        hook(request)

    hooks = {"request": [async_hook if make_api.kind == "async" else hook]}
    http_client = make_api.http_client(event_hooks=hooks, headers={"x-team": "avatars"})
    api = make_api(http_client=http_client)
    server.queue(Reply())
    await api.train("group-1")
    await api.close()
    assert hooked == ["/v2/photo_avatar/train"]
    assert server.received[0].headers["x-team"] == "avatars"
    assert not http_client.is_closed


async def test_default_and_extra_headers_are_sent_but_cannot_replace_the_key(
    server: ScriptedServer, make_api: ClientFactory
) -> None:
    api = make_api(default_headers={"x-app": "demo", "x-api-key": "spoof"})
    server.queue(Reply())
    await api.train("group-1", extra_headers={"x-trace": "t-1", "X-API-KEY": "spoof2"})
    sent = server.received[0].headers
    assert (sent["x-app"], sent["x-trace"], sent["x-api-key"]) == ("demo", "t-1", CANARY_KEY)


async def test_a_closed_client_refuses_to_send(server: ScriptedServer, make_api: ClientFactory) -> None:
    api = make_api()
    await api.close()
    with pytest.raises(RuntimeError, match="client is closed"):
        await api.train("group-1")
    assert server.received == []


def test_sync_context_manager_closes_the_pool() -> None:
    with HeyGen(api_key="k") as client:
        pool = client._http_client
    assert pool.is_closed


async def test_async_close_is_an_alias_of_aclose() -> None:
    client = AsyncHeyGen(api_key="k")
    await client.close()
    assert client._http_client.is_closed


async def test_async_context_manager_closes_the_pool() -> None:
    async with AsyncHeyGen(api_key="k") as client:
        pool = client._http_client
    assert pool.is_closed


def test_closing_a_copy_leaves_the_shared_pool_open() -> None:
    with HeyGen(api_key="k") as client:
        client.with_options(timeout=1).close()
        assert not client._http_client.is_closed


def test_with_options_keeps_what_it_does_not_change() -> None:
    with HeyGen(
        api_key="k", base_url="https://a.example", max_retries=4, default_headers={"x": "1"}
    ) as client:
        copy = client.with_options(timeout=3, default_headers={"y": "2"})
        assert (copy.base_url, copy.max_retries, copy.timeout) == ("https://a.example", 4, httpx.Timeout(3))
        assert copy._options.headers["x"] == "1" and copy._options.headers["y"] == "2"
        assert client.timeout == httpx.Timeout(60, connect=5)


@pytest.mark.parametrize(
    "base_url",
    [
        "https://user:sk-SECRET-77@api.heygen.com",
        "https://api.heygen.com/?token=sk-SECRET-77",
        "sk-SECRET-77",
    ],
)
def test_a_refused_base_url_is_not_echoed_with_its_secrets(
    monkeypatch: pytest.MonkeyPatch, base_url: str
) -> None:
    monkeypatch.setenv("HEYGEN_BASE_URL", base_url)
    with pytest.raises(heygen.ConfigurationError) as caught:
        HeyGen(api_key="k")
    assert "SECRET" not in str(caught.value)
    assert "HEYGEN_BASE_URL" in str(caught.value)


@pytest.mark.parametrize(
    ("timeout", "budget", "sent_read"),
    [
        (httpx.Timeout(None, connect=5.0), None, None),
        (httpx.Timeout(10.0, read=None), None, None),
        (httpx.Timeout(60.0, connect=5.0), 60.0, 60.0),
        (12.0, 12.0, 12.0),
    ],
)
def test_a_timeout_part_of_none_means_no_limit_for_it_or_the_call(
    timeout: httpx.Timeout | float, budget: float | None, sent_read: float | None
) -> None:
    with HeyGen(api_key="k", timeout=timeout) as client:
        options = client._options
        assert options.budget == budget
        assert options.first_timeout.read == sent_read
        assert options.first_timeout.connect == httpx.Timeout(timeout).connect
