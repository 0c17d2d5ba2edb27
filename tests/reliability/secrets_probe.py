"""Run by test_secrets.py in a fresh interpreter: every way a call can end, with every text it makes.

The key and base URL come from HEYGEN_API_KEY and HEYGEN_BASE_URL, logging from HEYGEN_LOG (plus
DEBUG on the root logger, so httpx's and httpcore's records are printed too). Retry waits and
polling pauses are skipped (`SkipClock`); timeouts still take real time. For each scenario,
sync and async, it prints to stdout every text the outcome can produce: reprs of results, raw
responses and their requests, the error's str/repr/attributes, its cause and context, and its
traceback plain and with locals. The test then searches stdout and stderr for the key.

    python -m tests.reliability.secrets_probe CLOSED_PORT
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sys
import traceback
from collections.abc import Iterator
from typing import Any

import httpx

import heygen
from heygen import AsyncHeyGen, HeyGen
from tests.support.clock import SkipClock

# (method, group id, options): the group id tells the test server what to do (test_secrets.py).
SCENARIOS: list[tuple[str, str, dict[str, Any]]] = [
    ("train", "ok-1", {}),
    ("status", "ok-1", {}),
    ("raw_train", "ok-2", {}),
    ("raw_status", "ok-2", {}),
    ("train", "flaky-1", {}),
    ("status", "flaky-2", {}),
    ("train", "unauthorized", {}),
    ("train", "limited", {}),
    ("status", "garbage", {}),
    ("train", "envelope", {}),
    ("status", "huge", {}),
    ("train", "reset", {}),
    ("status", "midbody", {}),
    ("status", "stall", {"timeout": 0.1}),
    ("wait", "failed", {}),
    ("wait", "stuck", {"timeout": 0.3}),
    *[("train", f"redirect-{code}", {}) for code in (301, 302, 303, 307, 308)],
    *[("status", f"redirect-{code}", {}) for code in (301, 302, 303, 307, 308)],
]


def _texts_of_object(value: object) -> Iterator[str]:
    yield repr(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts_of_object(getattr(value, field.name))
    if isinstance(value, heygen.RawResponse):
        yield from _texts_of_object(value.http_response)
    if isinstance(value, httpx.Response):
        yield repr(value.headers)
        with contextlib.suppress(httpx.ResponseNotRead):  # a body refused at the limit is never read
            yield value.text
        yield from _texts_of_object(value.request)
    if isinstance(value, httpx.Request):
        yield repr(value.headers)
        yield str(value.url)


def _texts_of_error(error: BaseException) -> Iterator[str]:
    yield "".join(traceback.format_exception(error))
    yield "".join(traceback.TracebackException.from_exception(error, capture_locals=True).format())
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield repr(vars(current))
        for name in ("request", "response", "body", "last_status"):
            try:
                value = getattr(current, name, None)
            except RuntimeError:  # httpx: "The .request property has not been set."
                continue
            if value is not None:
                yield from _texts_of_object(value)
        pending += [current.__cause__, current.__context__]


async def _call(client: HeyGen | AsyncHeyGen, method: str, group_id: str, options: dict[str, Any]) -> object:
    resources: Any = client.photo_avatars
    name = {
        "status": "training_status",
        "raw_status": "training_status",
        "raw_train": "train",
        "wait": "wait_for_training",
    }.get(method, method)
    if method.startswith("raw_"):
        resources = resources.with_raw_response
    if method == "wait":
        options = {"poll_interval": 0.05, **options}
    result = getattr(resources, name)(group_id, **options)
    return await result if isinstance(client, AsyncHeyGen) else result


async def _outcome(
    client: HeyGen | AsyncHeyGen, method: str, group_id: str, options: dict[str, Any]
) -> tuple[str, list[str]]:
    """Make one call; return what it ended with and every text that outcome makes.

    The call is caught here, in a frame whose locals are only its arguments, so the traceback's
    locals are the SDK's and not the probe's own list of texts.
    """
    try:
        outcome = await _call(client, method, group_id, options)
    except heygen.HeyGenError as error:
        return type(error).__name__, list(_texts_of_error(error))
    return type(outcome).__name__, list(_texts_of_object(outcome))


async def _run(
    client: HeyGen | AsyncHeyGen, label: str, scenarios: list[tuple[str, str, dict[str, Any]]] = SCENARIOS
) -> int:
    texts = [repr(client), repr(vars(client)), repr(client.with_options(timeout=1))]
    print(*texts, sep="\n")
    count = len(texts)
    for method, group_id, options in scenarios:
        what, texts = await _outcome(client, method, group_id, options)
        print(f"CHECK {label} {method} {group_id}: {what}")
        print(*texts, sep="\n")
        count += len(texts)
    return count


async def main(closed_port: int) -> None:
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    clock = SkipClock()
    texts = 0
    with HeyGen(max_retries=1, clock=clock) as client:
        texts += await _run(client, "sync")
        with (
            httpx.Client(follow_redirects=True) as following,
            HeyGen(http_client=following, clock=clock) as user_client,
        ):
            texts += await _run(user_client, "sync-following-client")
        with HeyGen(base_url=f"http://127.0.0.1:{closed_port}", max_retries=0, clock=clock) as refused:
            texts += await _run(refused, "sync-refused", SCENARIOS[:4])
    async with AsyncHeyGen(max_retries=1, clock=clock) as async_client:
        texts += await _run(async_client, "async")
        async with (
            httpx.AsyncClient(follow_redirects=True) as async_following,
            AsyncHeyGen(http_client=async_following, clock=clock) as async_user_client,
        ):
            texts += await _run(async_user_client, "async-following-client")
    print(f"TEXTS {texts}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
