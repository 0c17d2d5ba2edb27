"""The facade as the contract and Prism tests drive it: by operationId, sync or async alike.

`OPERATIONS` maps each v2 operationId to the facade method that calls it (`V3_OPERATIONS` each
v3 one, with a view of its result under the fixtures' names); a
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


def _failure(avatar: Any) -> dict[str, Any]:
    return {
        "error_code": avatar.error.code if avatar.error else None,
        "error_message": avatar.error.message if avatar.error else None,
    }


def _group(group: Any) -> dict[str, Any]:
    names = ("id", "name", "status", "looks_count", "consent_status", "preview_image_url")
    return {**{name: getattr(group, name) for name in names}, **_failure(group)}


def _look(look: Any) -> dict[str, Any]:
    names = (
        "id", "name", "group_id", "status", "avatar_type", "image_width", "image_height",
        "preferred_orientation",
    )  # fmt: skip
    return {**{name: getattr(look, name) for name in names}, **_failure(look)}


def _page(page: Any) -> dict[str, Any]:
    return {"has_more": page.has_more, "next_token": page.next_token, "items": page.items}


def _fields(result: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(result, name) for name in names}


# The v3 facade, given the whole client and an id: operationId -> (the call, the result's view).
# A view names each value as `expect.result` does (HeyGen's body names; tests/_fixtures.py
# RESULT_FIELDS), so fixtures stay independent of the facade's attribute names.
V3_OPERATIONS: dict[str, tuple[Callable[[Any, str], Any], Callable[[Any], dict[str, Any]]]] = {
    "upload-asset": (
        lambda client, _: client.assets.upload(b"\xff\xd8\xff\xe0 a photo"),
        lambda asset: _fields(asset, "asset_id", "url", "mime_type", "size_bytes"),
    ),
    "get-asset": (
        lambda client, asset_id: client.assets.retrieve(asset_id),
        lambda asset: _fields(asset, "id", "name", "type", "uploaded_at", "url", "folder_id"),
    ),
    "create-avatar": (
        lambda client, _: client.avatars.create_photo(name="Jane", photo="https://example.com/jane.jpg"),
        lambda made: {
            "look_id": made.look.id,
            "look_status": made.look.status,
            "group_id": made.group_id,
            "status": made.group.status if made.group else None,
        },
    ),
    "get-avatar-group": (lambda client, group_id: client.avatars.retrieve(group_id), _group),
    "list-avatar-groups": (lambda client, _: client.avatars.list(), _page),
    "delete-avatar-group": (
        lambda client, group_id: client.avatars.with_raw_response.delete(group_id),
        lambda raw: {"id": raw.parsed},
    ),
    "create-avatar-consent": (
        lambda client, group_id: client.avatars.consent(group_id),
        lambda consent: {"url": consent.url, "group_id": consent.group.id, "status": consent.group.status},
    ),
    "list-avatar-looks": (lambda client, group_id: client.avatars.looks.list(group_id=group_id), _page),
    "get-avatar-look": (lambda client, look_id: client.avatars.looks.retrieve(look_id), _look),
    "update-avatar-look": (lambda client, look_id: client.avatars.looks.update(look_id, name="Jane"), _look),
    "delete-avatar-look": (
        lambda client, look_id: client.avatars.looks.with_raw_response.delete(look_id),
        lambda raw: {"id": raw.parsed},
    ),
}

Handler = Callable[[httpx.Request], httpx.Response]
RequestHook = Callable[[httpx.Request], None]


class Facade:
    """A `HeyGen` or `AsyncHeyGen` whose calls are all awaited (sync ones run inline)."""

    def __init__(self, client: HeyGen | AsyncHeyGen) -> None:
        self.client = client

    async def call(self, operation_id: str, group_id: str, *, raw: bool = False) -> Any:
        """The facade's result for one operation (a `RawResponse` if `raw`); raises as it does."""
        if operation_id in V3_OPERATIONS:
            result = V3_OPERATIONS[operation_id][0](self.client, group_id)
            return await result if isinstance(self.client, AsyncHeyGen) else result
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
