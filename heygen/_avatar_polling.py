"""What a v3 wait decides on each status: the deadline and schedule are `_polling.Waiter`'s."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._avatar_errors import AvatarConsentRequiredError, AvatarFailedError, AvatarTimeoutError
from ._avatar_types import AvatarGroup, AvatarLook, AvatarStatus
from ._clock import Clock
from ._constants import NOT_FOUND_GRACE
from ._envelope import code_is
from ._exceptions import HeyGenError, NotFoundError
from ._polling import Waiter

logger = logging.getLogger("heygen")
A = TypeVar("A", bound=AvatarGroup | AvatarLook)


class AvatarWaiter(Waiter[A], Generic[A]):
    """One `wait_until_ready` of a group or a look.

    `completed` ends the wait; `failed` and `pending_consent` raise (waiting cannot fix them);
    no status at all (HeyGen sends none for public avatars: nothing is training) ends it too.
    A 404 `avatar_not_found` within `NOT_FOUND_GRACE` of the start is waited through, since
    HeyGen may not list an avatar the moment it is created.
    """

    def __init__(
        self,
        kind: str,
        avatar_id: str,
        *,
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[A], object] | None,
        clock: Clock,
        request_timeout: httpx.Timeout | None,
    ) -> None:
        super().__init__(
            f"{kind.lower()} {avatar_id!r}",
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            clock=clock,
            request_timeout=request_timeout,
        )
        self.kind = kind
        self.avatar_id = avatar_id

    def timeout_error(self) -> AvatarTimeoutError:
        error = AvatarTimeoutError(self.kind, self.avatar_id, self.timeout, self.last_status)
        error.last_error = self.last_error
        return error

    def observe(self, avatar: A) -> A | None:
        """The avatar when it is ready; raises when it cannot become ready; None to keep polling.

        `on_progress` is the shell's to call (an async shell awaits what it returns).
        """
        self.last_status = avatar
        self.last_error = None
        status = avatar.status
        if status is None or status is AvatarStatus.COMPLETED:
            return avatar
        if status is AvatarStatus.FAILED:
            raise AvatarFailedError(avatar)
        if status is AvatarStatus.PENDING_CONSENT:
            group_id = avatar.id if isinstance(avatar, AvatarGroup) else avatar.group_id
            raise AvatarConsentRequiredError(avatar, group_id)
        if status is AvatarStatus.UNKNOWN:
            logger.info("%s reports unknown status %r; still waiting", self.subject, avatar.raw_status)
        return None

    def observe_error(self, error: HeyGenError) -> None:
        if (
            isinstance(error, NotFoundError)
            and code_is(error.code, "avatar_not_found")
            and self._clock.monotonic() - self._started < NOT_FOUND_GRACE
        ):
            self.last_error = error
            logger.info(
                "Polling %s: not found yet, as may happen just after creation; still waiting", self.subject
            )
            return
        super().observe_error(error)

    def progress(self, avatar: A) -> object:
        """Call `on_progress` with this status; the result is for an async shell to await."""
        return None if self._on_progress is None else self._on_progress(avatar)
