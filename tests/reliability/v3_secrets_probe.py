"""Run by test_v3_secrets.py in a fresh interpreter: v3 calls and webhook work, with every text they make.

The API key comes from HEYGEN_API_KEY, the webhook secret from HEYGEN_WEBHOOK_SECRET, logging
from HEYGEN_LOG (plus DEBUG on the root logger). For every v3 operation through each server
behaviour, every webhook delivery check (good and bad), and the endpoint calls, sync and async,
it prints every text the outcome makes (as secrets_probe.py does). Endpoint results are printed
as they are (repr, fields): an endpoint's secret must not show unless read explicitly. Retry
waits are skipped (`SkipClock`), and deliveries are signed at that clock's time.

    python -m tests.reliability.v3_secrets_probe
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Any

import httpx

import heygen
from heygen import AsyncHeyGen, HeyGen
from heygen.webhooks import sign
from tests.reliability.secrets_probe import _texts_of_error, _texts_of_object
from tests.support.clock import SkipClock
from tests.support.v3 import call
from tests.support.v3_ops import V3_OPS

# The group/look/asset id tells the test server how to answer (test_v3_secrets.py).
BEHAVIOURS = ["ok", "flaky", "bad", "conflict", "garbage", "reset"]


def _with_id(args: tuple[Any, ...], behaviour: str) -> tuple[Any, ...]:
    return tuple(f"{behaviour}-1" if isinstance(arg, str) else arg for arg in args)


async def _texts(client: HeyGen | AsyncHeyGen, path: str, *args: Any, **kwargs: Any) -> tuple[str, list[str]]:
    try:
        outcome = await call(client, path, *args, **kwargs)
    except heygen.HeyGenError as error:
        return type(error).__name__, list(_texts_of_error(error))
    return type(outcome).__name__, list(_texts_of_object(outcome))


def _verify_texts(
    client: HeyGen | AsyncHeyGen, body: bytes, headers: dict[str, str]
) -> tuple[str, list[str]]:
    """Verify with the client's secret, in a frame whose locals hold no secret (tracebacks show them)."""
    try:
        event = client.webhooks.verify(body, headers)
    except heygen.HeyGenError as error:
        return type(error).__name__, list(_texts_of_error(error))
    return type(event).__name__, list(_texts_of_object(event))


def _deliveries(secret: str, clock: SkipClock) -> list[tuple[str, bytes, dict[str, str]]]:
    body = (
        b'{"event_id":"evt_1","event_type":"avatar_video.success","event_data":{},'
        b'"created_at":"2026-03-25T12:05:00Z"}'
    )
    now = str(int(clock.time()))
    good = {"Heygen-Signature": sign(body, secret), "Heygen-Timestamp": now}
    return [
        ("good", body, good),
        ("tampered", body.replace(b"evt_1", b"evt_2"), good),
        ("other-secret", body, {**good, "Heygen-Signature": sign(body, secret + "x")}),
        ("old", body, {**good, "Heygen-Timestamp": "1000"}),
        ("malformed", body, {**good, "Heygen-Signature": "zz"}),
        ("missing", body, {"Heygen-Timestamp": now}),
        ("not-an-event", b"[]", {**good, "Heygen-Signature": sign(b"[]", secret)}),
    ]


async def _run(client: HeyGen | AsyncHeyGen, label: str, clock: SkipClock) -> int:
    texts = [repr(client), repr(vars(client)), repr(client.with_options(timeout=1)), repr(client.webhooks)]
    count = len(texts)
    print(*texts, sep="\n")

    def show(what: str, outcome: str, found: list[str]) -> None:
        nonlocal count
        print(f"CHECK {label} {what}: {outcome}")
        print(*found, sep="\n")
        count += len(found)

    for op in V3_OPS:
        for behaviour in BEHAVIOURS if op.args else BEHAVIOURS[:1]:
            show(
                f"{op.path} {behaviour}",
                *await _texts(client, op.path, *_with_id(op.args, behaviour), **op.kwargs),
            )
    for name, body, headers in _deliveries(os.environ["HEYGEN_WEBHOOK_SECRET"], clock):
        show(f"verify {name}", *_verify_texts(client, body, headers))
    show(
        "endpoints.create", *await _texts(client, "webhooks.endpoints.create", url="https://example.com/hook")
    )
    show("endpoints.rotate_secret", *await _texts(client, "webhooks.endpoints.rotate_secret", "ep_1"))
    show(
        "endpoints.update",
        *await _texts(client, "webhooks.endpoints.update", "ep_1", url="https://example.com/b"),
    )
    show(
        "endpoints.rotate_secret-broken",
        *await _texts(client, "webhooks.endpoints.rotate_secret", "ep_broken"),
    )
    page: Any = await call(client, "webhooks.endpoints.list")
    show(
        "endpoints.list",
        type(page).__name__,
        [repr(page), *(text for item in page.items for text in _texts_of_object(item))],
    )
    return count


class _Unread:
    """An httpx.Response's body is what the server sent, read on purpose (as `.secret` is): not
    printed here. Everything else about the response (repr, headers, request) still is."""

    @staticmethod
    def suppress(*_: object) -> Any:
        raise httpx.ResponseNotRead()


async def main() -> None:
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    httpx.Response.text = property(_Unread.suppress)  # type: ignore[assignment,method-assign]
    clock = SkipClock()
    texts = 0
    with HeyGen(max_retries=1, clock=clock) as client:
        texts += await _run(client, "sync", clock)
    async with AsyncHeyGen(max_retries=1, clock=clock) as async_client:
        texts += await _run(async_client, "async", clock)
    print(f"TEXTS {texts}")


if __name__ == "__main__":
    asyncio.run(main())
