"""`client.avatars.looks` on an `AsyncHeyGen`, and the async shell of every v3 wait."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, Unpack

import httpx

from . import _avatar_args as args
from . import _v3_adapters as ops
from ._avatar_polling import AvatarWaiter
from ._avatar_types import AvatarGroup, AvatarLook
from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from ._pages import AsyncPage, AsyncPager
from ._response import RawResponse

if TYPE_CHECKING:
    from ._client import AsyncHeyGen
    from .webhooks._feed import EventSource

A = TypeVar("A", bound=AvatarGroup | AvatarLook)


async def wait_async(
    client: AsyncHeyGen,
    kind: str,
    avatar_id: str,
    fetch: Callable[[str], ops.Operation[A]],
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[A], object] | None,
    events: EventSource | None = None,
) -> A:
    """The async shell of a wait: as `wait_sync`, and an async `on_progress` is awaited."""
    waiter: AvatarWaiter[A] = AvatarWaiter(
        kind,
        avatar_id,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        clock=client._clock,
        request_timeout=client._options.timeout,
        events=events,
        is_async=True,
    )

    async def poll(timeout: httpx.Timeout) -> A:
        return (await ops.run_async(client, fetch(avatar_id), timeout=timeout)).parsed

    return await waiter.async_run(poll)


class AsyncLooks:
    """The looks of avatar groups (`client.avatars.looks`) on an `AsyncHeyGen`. See `Looks`."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncLooksWithRawResponse:
        """The same single-request methods, returning `RawResponse`."""
        return AsyncLooksWithRawResponse(self)

    async def retrieve(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> AvatarLook:
        """A look (`GET /v3/avatars/looks/{look_id}`)."""
        operation = ops.get_look(args.validate_id(look_id, "look_id"))
        return (await ops.run_async(self._client, operation, **options)).parsed

    def list(
        self,
        *,
        group_id: str | None = None,
        avatar_type: str | None = None,
        ownership: str | None = None,
        limit: int | None = None,
        token: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> AsyncPager[AvatarLook]:
        """Looks: `await` it for the first page, or `async for` every look. See `Looks.list`."""
        params: dict[str, str | int | None] = {
            "group_id": None if group_id is None else args.validate_id(group_id, "group_id"),
            "avatar_type": args.optional_text(avatar_type, "avatar_type"),
            "ownership": args.optional_text(ownership, "ownership"),
            "limit": args.validate_limit(limit),
        }
        start = args.optional_text(token, "token")

        async def fetch(token: str | None) -> AsyncPage[AvatarLook]:
            raw = await ops.run_async(self._client, ops.list_looks(params, token), **options)
            items, has_more, next_token = raw.parsed
            return AsyncPage(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return AsyncPager(lambda: fetch(start))

    async def update(self, look_id: str, *, name: str, **options: Unpack[ops.RequestOptions]) -> AvatarLook:
        """Rename a look (`PATCH /v3/avatars/looks/{look_id}`); returns it as updated."""
        return (await self.with_raw_response.update(look_id, name=name, **options)).parsed

    async def delete(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> None:
        """Delete a look (`DELETE /v3/avatars/looks/{look_id}`)."""
        await self.with_raw_response.delete(look_id, **options)

    async def wait_until_ready(
        self,
        look_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[AvatarLook], object] | None = None,
        events: EventSource | None = None,
    ) -> AvatarLook:
        """Poll a look until it is `completed`. See `Looks.wait_until_ready`."""
        look_id = args.validate_id(look_id, "look_id")
        return await wait_async(
            self._client, "Look", look_id, ops.get_look, timeout, poll_interval, on_progress, events
        )


class AsyncLooksWithRawResponse:
    """`client.avatars.looks.with_raw_response` on an `AsyncHeyGen`."""

    def __init__(self, resource: AsyncLooks) -> None:
        self._client = resource._client

    async def retrieve(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[AvatarLook]:
        return await ops.run_async(
            self._client, ops.get_look(args.validate_id(look_id, "look_id")), **options
        )

    async def update(
        self, look_id: str, *, name: str, **options: Unpack[ops.RequestOptions]
    ) -> RawResponse[AvatarLook]:
        body = args.validate_text(name, "name")
        return await ops.run_async(
            self._client, ops.update_look(args.validate_id(look_id, "look_id"), body), **options
        )

    async def delete(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[str]:
        return await ops.run_async(
            self._client, ops.delete_look(args.validate_id(look_id, "look_id")), **options
        )
