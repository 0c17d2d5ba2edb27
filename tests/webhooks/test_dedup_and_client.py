"""De-duplication, and `client.webhooks.verify` with the client's secret and clock."""

from __future__ import annotations

import logging
import threading

import pytest

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.testing import FakeClock
from heygen.webhooks import EventDeduplicator, InMemoryDeduplicator
from tests.webhooks._deliveries import NOW, OTHER_SECRET, SECRET, body_of, headers_for


def test_the_in_memory_deduplicator_claims_each_id_once_and_forgets_the_oldest() -> None:
    seen = InMemoryDeduplicator(max_events=2)
    assert isinstance(seen, EventDeduplicator)
    assert [seen.claim("a"), seen.claim("a"), seen.claim("b"), seen.claim("c")] == [True, False, True, True]
    assert len(seen) == 2
    assert seen.claim("a") is True  # forgotten: the bound held
    seen.release("a")
    assert seen.claim("a") is True


def test_concurrent_claims_of_one_id_let_exactly_one_through() -> None:
    seen = InMemoryDeduplicator()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        barrier.wait()
        results.append(seen.claim("evt"))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_the_deduplicator_bound_must_be_a_positive_int(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        InMemoryDeduplicator(max_events=bad)  # type: ignore[arg-type]


def _clock_at(now: float) -> FakeClock:
    return FakeClock(start=now)


@pytest.mark.parametrize("client_class", [HeyGen, AsyncHeyGen])
def test_client_verify_uses_the_configured_secret_and_the_clients_clock(
    client_class: type[HeyGen] | type[AsyncHeyGen],
) -> None:
    body = body_of()
    client = client_class(api_key="k", webhook_secret=SECRET, clock=_clock_at(NOW))
    assert client.webhooks.verify(body, headers_for(body)).event_id == "evt_abc123"
    with pytest.raises(heygen.WebhookVerificationError, match="does not match"):
        client.webhooks.verify(body, headers_for(body, secret=OTHER_SECRET))
    # A per-call secret, as during a rotation.
    assert client.webhooks.verify(body, headers_for(body, secret=OTHER_SECRET), secret=OTHER_SECRET)
    late = client_class(api_key="k", webhook_secret=SECRET, clock=_clock_at(NOW + 3600))
    with pytest.raises(heygen.WebhookVerificationError) as caught:
        late.webhooks.verify(body, headers_for(body))
    assert caught.value.reason == "timestamp_too_old"


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEYGEN_WEBHOOK_SECRET", SECRET)
    client = HeyGen(api_key="k", clock=_clock_at(NOW))
    body = body_of()
    assert client.webhooks.verify(body, headers_for(body)).event_id == "evt_abc123"
    assert client.with_options(timeout=5).webhooks.verify(body, headers_for(body)).event_id


def test_no_secret_anywhere_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_WEBHOOK_SECRET", raising=False)
    client = HeyGen(api_key="k")
    body = body_of()
    with pytest.raises(heygen.ConfigurationError, match="HEYGEN_WEBHOOK_SECRET") as caught:
        client.webhooks.verify(body, headers_for(body))
    assert caught.value.setting == "webhook_secret"


@pytest.mark.parametrize("secret", [" " + SECRET, SECRET + "\n", ""])
def test_a_malformed_secret_fails_at_construction_without_showing_it(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("HEYGEN_WEBHOOK_SECRET", secret)
    if not secret:
        assert HeyGen(api_key="k")._webhook_secret is None  # empty means unset
        return
    with pytest.raises(heygen.ConfigurationError) as caught:
        HeyGen(api_key="k")
    assert SECRET not in str(caught.value)
    with pytest.raises(heygen.ConfigurationError):
        HeyGen(api_key="k", webhook_secret=secret)


def test_the_secret_never_shows_in_reprs_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="heygen")
    client = HeyGen(api_key="k", webhook_secret=SECRET, clock=_clock_at(NOW))
    shown = [
        repr(client),
        repr(client.webhooks),
        repr(vars(client)),
        str(client._copy_kwargs(None, None, 5, 1, None)),
    ]
    body = body_of()
    for headers in (headers_for(body, secret=OTHER_SECRET), {}, headers_for(body, timestamp=0)):
        with pytest.raises(heygen.WebhookVerificationError) as caught:
            client.webhooks.verify(body, headers)
        shown += [str(caught.value), repr(caught.value)]
    shown.append(caplog.text)
    assert not [text for text in shown if SECRET in text]
