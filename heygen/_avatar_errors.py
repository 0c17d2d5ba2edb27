"""Errors of the v3 avatar waits: an avatar or look that failed, needs consent, or is still going.

They sit in the one error tree (`heygen/_exceptions.py` draws it): `AvatarTimeoutError` shares
`WaitTimeoutError` with the v2 `TrainingTimeoutError`, so one `except` covers both waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._exceptions import HeyGenError, WaitTimeoutError

if TYPE_CHECKING:
    from ._avatar_types import AvatarCreation, AvatarGroup, AvatarLook

__all__ = ["AvatarConsentRequiredError", "AvatarError", "AvatarFailedError", "AvatarTimeoutError"]


def _describe(avatar: AvatarGroup | AvatarLook) -> str:
    from ._avatar_types import AvatarGroup

    kind = "Avatar group" if isinstance(avatar, AvatarGroup) else "Look"
    return f"{kind} {avatar.id!r}"


class AvatarError(HeyGenError):
    """A v3 avatar group or look did not become ready.

    Attributes:
        avatar: The group or look as last seen (None if never seen).
        summary: What happened, without the advice on what to do next that the message adds
            (the CLI gives its own advice, in commands).
        creation: The `AvatarCreation`, when raised by a create with `wait=True`, so the new
            ids are not lost.
    """

    avatar: AvatarGroup | AvatarLook | None
    creation: AvatarCreation | None

    def __init__(
        self, message: str, *, avatar: AvatarGroup | AvatarLook | None, summary: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.summary = summary if summary is not None else message
        self.avatar = avatar
        self.creation = None


class AvatarFailedError(AvatarError):
    """HeyGen reports the group or look as `failed`.

    Attributes:
        error_code: HeyGen's reason code, if it sent one.
        error_message: HeyGen's reason, if it sent one.
    """

    avatar: AvatarGroup | AvatarLook

    def __init__(self, avatar: AvatarGroup | AvatarLook) -> None:
        reason = avatar.error
        detail = f"{reason.code}: {reason.message}" if reason else "no reason given"
        super().__init__(f"{_describe(avatar)} failed ({detail})", avatar=avatar)
        self.error_code = reason.code if reason else None
        self.error_message = reason.message if reason else None


class AvatarConsentRequiredError(AvatarError):
    """The group waits for the depicted person's consent (`pending_consent`) before it trains.

    Give consent with `client.avatars.consent(group_id, ...)` (or in HeyGen's app), then wait again.
    """

    avatar: AvatarGroup | AvatarLook

    def __init__(self, avatar: AvatarGroup | AvatarLook, group_id: str | None) -> None:
        target = repr(group_id) if group_id else "its group's id"
        summary = f"{_describe(avatar)} needs consent before it can be trained (status 'pending_consent')"
        super().__init__(
            f"{summary}: call client.avatars.consent({target}, ...) or give consent in HeyGen's app, "
            "then wait again",
            avatar=avatar,
            summary=summary,
        )
        self.group_id = group_id


class AvatarTimeoutError(AvatarError, WaitTimeoutError):
    """The wait ran out while the group or look was still processing; it may yet finish.

    Attributes:
        avatar_id: The id waited on: a group's, or a look's (see `kind`).
        kind: `"Avatar group"` or `"Look"`.
        last_status: The group or look as last seen, or None if no poll succeeded in time.
        last_error: The error of the last poll, if it failed (also the `__cause__`).
        timeout: The wait's timeout, in seconds.
    """

    last_status: AvatarGroup | AvatarLook | None
    last_error: HeyGenError | None

    def __init__(
        self, kind: str, avatar_id: str, timeout: float, last: AvatarGroup | AvatarLook | None
    ) -> None:
        seen = f"last status {last.raw_status!r}" if last is not None else "no status received"
        summary = f"{kind} {avatar_id!r} was not ready within {timeout:g} s ({seen})"
        super().__init__(
            f"{summary}; it may still be processing: wait again, or check it with retrieve()",
            avatar=last,
            summary=summary,
        )
        self.avatar_id = avatar_id
        self.kind = kind
        self.last_status = last
        self.last_error = None
        self.timeout = timeout
