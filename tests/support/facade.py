"""The facade as the contract and Prism tests drive it: by operationId, sync or async alike.

`OPERATIONS` maps each operationId of the corrected spec to the facade method that calls it; a
new operation needs one line here (plus its fixtures, and its rows in tests/_fixtures.py
RESULT_FIELDS and the property test's oracle). The same callable works on
`client.photo_avatars` and on `client.photo_avatars.with_raw_response`, of `HeyGen` or
`AsyncHeyGen`.

    async with open_facade("async", handler=fixture.httpx_response, max_retries=0) as facade:
        job = await facade.call("train-photo-avatar-group", "g1")
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx

from heygen import AsyncHeyGen, HeyGen

KINDS = ("sync", "async")
API_KEY = "contract-test-key"

# operationId -> the facade call, given `photo_avatars` (or its `with_raw_response`) and a group id.
OPERATIONS: dict[str, Callable[[Any, str], Any]] = {
    "train-photo-avatar-group": lambda avatars, group_id: avatars.train(group_id),
    "get-training-job-status": lambda avatars, group_id: avatars.training_status(group_id),
}

Handler = Callable[[httpx.Request], httpx.Response]
RequestHook = Callable[[httpx.Request], None]


class Facade:
    """A `HeyGen` or `AsyncHeyGen` whose calls are all awaited (sync ones run inline)."""

    def __init__(self, client: HeyGen | AsyncHeyGen) -> None:
        self.client = client

    async def call(self, operation_id: str, group_id: str, *, raw: bool = False) -> Any:
        """The facade's result for one operation (a `RawResponse` if `raw`); raises as it does."""
        if operation_id not in OPERATIONS:
            raise LookupError(
                f"no facade call for operation {operation_id!r}: add one line to OPERATIONS in {__name__}"
            )
        avatars = self.client.photo_avatars
        result = OPERATIONS[operation_id](avatars.with_raw_response if raw else avatars, group_id)
        return await result if isinstance(self.client, AsyncHeyGen) else result


@asynccontextmanager
async def open_facade(
    kind: str,
    *,
    handler: Handler | None = None,
    request_hook: RequestHook | None = None,
    **client_kwargs: Any,
) -> AsyncIterator[Facade]:
    """A `HeyGen` ("sync") or `AsyncHeyGen` ("async") over an httpx client we own and close.

    Args:
        handler: Answer every request in-process (`httpx.MockTransport`); without it the client
            sends over the network, to `base_url` (loopback only in these tests).
        request_hook: Called with each request just before it is sent, below the facade (an
            httpx event hook), to capture or alter it.
        client_kwargs: For the facade client; `api_key` defaults to API_KEY.
    """
    assert kind in KINDS, kind
    client_kwargs.setdefault("api_key", API_KEY)
    transport = httpx.MockTransport(handler) if handler is not None else None
    # trust_env=False: loopback traffic never goes through a proxy from the environment.
    if kind == "async":

        async def async_hook(request: httpx.Request) -> None:
            assert request_hook is not None
            request_hook(request)

        async_http = httpx.AsyncClient(
            transport=transport,
            trust_env=False,
            event_hooks={"request": [async_hook] if request_hook else []},
        )
        async with async_http:
            yield Facade(AsyncHeyGen(http_client=async_http, **client_kwargs))
    else:
        with httpx.Client(
            transport=transport,
            trust_env=False,
            event_hooks={"request": [request_hook] if request_hook else []},
        ) as sync_http:
            yield Facade(HeyGen(http_client=sync_http, **client_kwargs))
