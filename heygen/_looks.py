"""`client.avatars.looks` (v3), and the sync shell of every v3 wait.

A look is one picture of an avatar group (an outfit, a pose); videos are made with a look's id.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, Unpack

from . import _avatar_args as args
from . import _v3_adapters as ops
from ._avatar_polling import AvatarWaiter
from ._avatar_types import AvatarGroup, AvatarLook
from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from ._pages import Page
from ._response import RawResponse

if TYPE_CHECKING:
    from ._client import HeyGen
    from .webhooks._feed import EventSource

A = TypeVar("A", AvatarGroup, AvatarLook)


def wait_sync(
    client: HeyGen,
    kind: str,
    avatar_id: str,
    fetch: Callable[[str], ops.Operation[A]],
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[A], object] | None,
    events: EventSource | None = None,
) -> A:
    """The sync shell of a wait: fetch, hand the status to the waiter, sleep as it says."""
    waiter: AvatarWaiter[A] = AvatarWaiter(
        kind,
        avatar_id,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        clock=client._clock,
        request_timeout=client._options.timeout,
        events=events,
    )
    return waiter.run(lambda timeout: ops.run_sync(client, fetch(avatar_id), timeout=timeout).parsed)


class Looks:
    """The looks of avatar groups (`client.avatars.looks`), on a `HeyGen` client.

    Every method but the wait also takes `timeout=`, `max_retries=` and `extra_headers=`, for
    that call only.
    """

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> LooksWithRawResponse:
        """The same single-request methods, returning `RawResponse`."""
        return LooksWithRawResponse(self)

    def retrieve(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> AvatarLook:
        """A look (`GET /v3/avatars/looks/{look_id}`)."""
        operation = ops.get_look(args.validate_id(look_id, "look_id"))
        return ops.run_sync(self._client, operation, **options).parsed

    def list(
        self,
        *,
        group_id: str | None = None,
        avatar_type: str | None = None,
        ownership: str | None = None,
        limit: int | None = None,
        token: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> Page[AvatarLook]:
        """Looks, a page at a time (`GET /v3/avatars/looks`); iterate the page for all of them.

        Args:
            group_id: Only this group's looks.
            avatar_type: Only this kind (`photo_avatar`, `digital_twin`, `studio_avatar`).
            ownership: HeyGen's ownership filter, passed as given.
            limit: Looks per page, 1 to 50 (HeyGen's default if None).
            token: Start at this page's cursor (a `next_token`, or `error.page_token` after a
                failed iteration) instead of the first page.
        """
        params: dict[str, str | int | None] = {
            "group_id": None if group_id is None else args.validate_id(group_id, "group_id"),
            "avatar_type": args.optional_text(avatar_type, "avatar_type"),
            "ownership": args.optional_text(ownership, "ownership"),
            "limit": args.validate_limit(limit),
        }
        start = args.optional_text(token, "token")

        def fetch(token: str | None) -> Page[AvatarLook]:
            items, has_more, next_token = ops.run_sync(
                self._client, ops.list_looks(params, token), **options
            ).parsed
            return Page(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return fetch(start)

    def update(self, look_id: str, *, name: str, **options: Unpack[ops.RequestOptions]) -> AvatarLook:
        """Rename a look (`PATCH /v3/avatars/looks/{look_id}`); returns it as updated."""
        return self.with_raw_response.update(look_id, name=name, **options).parsed

    def delete(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> None:
        """Delete a look (`DELETE /v3/avatars/looks/{look_id}`)."""
        self.with_raw_response.delete(look_id, **options)

    def wait_until_ready(
        self,
        look_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[AvatarLook], object] | None = None,
        events: EventSource | None = None,
    ) -> AvatarLook:
        """Poll a look until it is `completed`; see `Avatars.wait_until_ready`.

        For a look added to a group that is already `completed`: the group's status does not
        follow the new look, the look's own does.
        """
        look_id = args.validate_id(look_id, "look_id")
        return wait_sync(
            self._client, "Look", look_id, ops.get_look, timeout, poll_interval, on_progress, events
        )


class LooksWithRawResponse:
    """`client.avatars.looks.with_raw_response`: each method returns a `RawResponse`."""

    def __init__(self, resource: Looks) -> None:
        self._client = resource._client

    def retrieve(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[AvatarLook]:
        return ops.run_sync(self._client, ops.get_look(args.validate_id(look_id, "look_id")), **options)

    def update(
        self, look_id: str, *, name: str, **options: Unpack[ops.RequestOptions]
    ) -> RawResponse[AvatarLook]:
        body = args.validate_text(name, "name")
        return ops.run_sync(
            self._client, ops.update_look(args.validate_id(look_id, "look_id"), body), **options
        )

    def delete(self, look_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[str]:
        return ops.run_sync(self._client, ops.delete_look(args.validate_id(look_id, "look_id")), **options)
