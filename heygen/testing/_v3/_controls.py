"""``FakeHeyGen``'s test controls for the v3 API, as a mixin so ``_fake`` stays about v2 and wiring.

Each control takes the fake's lock, like every other entry point of the fake.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Literal

from heygen.testing._v3._routes import OPERATIONS, Drop
from heygen.testing._v3._state import COMPLETED, FAILED, PENDING_CONSENT, Outcome

if TYPE_CHECKING:
    from heygen.testing._app import App

__all__ = ["V3_DEFAULT_ERRORS", "V3Controls", "V3Operation"]

V3Operation = Literal[
    "upload_asset",
    "get_asset",
    "create_avatar",
    "list_avatar_groups",
    "get_avatar_group",
    "delete_avatar_group",
    "create_avatar_consent",
    "list_avatar_looks",
    "get_avatar_look",
    "update_avatar_look",
    "delete_avatar_look",
]

#: Default code and message per status for errors queued on a v3 operation ([OD] codes where
#: HeyGen documents one for the status; 413's is ours).
V3_DEFAULT_ERRORS = {
    400: ("invalid_parameter", "A parameter is invalid"),
    401: ("authentication_failed", "The API key is invalid or expired"),
    402: ("insufficient_credit", "Not enough credit for this request"),
    403: ("forbidden", "This API key may not do that"),
    404: ("avatar_not_found", "Avatar not found"),
    409: ("request_in_progress", "A request with this Idempotency-Key is still being processed"),
    413: ("payload_too_large", "The file is too large"),
    429: ("rate_limit_exceeded", "Too many requests; retry after the Retry-After delay"),
    500: ("internal_error", "Internal server error"),
}


class V3Controls:
    """Controls for the v3 avatars and assets of a ``FakeHeyGen``."""

    _lock: threading.Lock
    _app: App

    def queue_avatar_outcome(
        self,
        status: Literal["completed", "failed", "pending_consent"],
        *,
        code: str | None = None,
        message: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` avatars created (``POST /v3/avatars``) end in ``status``.

        An avatar created without a queued outcome completes. ``failed`` reports ``error``
        ``{"code", "message"}`` (defaults describe a photo that could not be used);
        ``pending_consent`` waits for ``POST /v3/avatars/{group_id}/consent``, after which
        processing starts again and completes.
        """
        if status not in (COMPLETED, FAILED, PENDING_CONSENT):
            raise ValueError(f"status must be completed, failed or pending_consent, not {status!r}")
        if times < 1:
            raise ValueError("times must be at least 1")
        defaults = Outcome()
        outcome = Outcome(status, code or defaults.error_code, message or defaults.error_message)
        with self._lock:
            self._app.v3.store.queued_outcomes.extend([outcome] * times)

    def fail_avatar(
        self,
        avatar_id: str,
        *,
        code: str = "avatar_processing_failed",
        message: str = "The photo could not be turned into an avatar",
        api_key: str | None = None,
    ) -> None:
        """Make a processing group or look report ``failed`` from now on.

        A new group and its first look share their processing, so failing either fails both.

        Raises:
            ValueError: no group or look with this id is processing.
        """
        with self._lock:
            self._app.v3.store.fail(avatar_id, Outcome(FAILED, code, message), api_key)

    def give_consent(self, group_id: str, *, api_key: str | None = None) -> None:
        """Do what the person shown does on the consent page: the group's processing restarts.

        Raises:
            ValueError: no group with this id is ``pending_consent``.
        """
        with self._lock:
            self._app.v3.store.give_consent(api_key, group_id)

    def add_public_avatar_group(self, name: str, *, looks: int = 1) -> None:
        """Give every account (present and future) a public group, as HeyGen lists its stock avatars.

        Public groups and looks report ``status: null`` and are listed with ``ownership=public``.
        """
        if not name or looks < 0:
            raise ValueError("a public group needs a name and a look count of 0 or more")
        with self._lock:
            self._app.v3.store.add_public_group(name, looks)

    def drop_response(
        self, operation: V3Operation | None = None, *, times: int = 1, running_seconds: float = 0.0
    ) -> None:
        """Do the next ``times`` v3 requests (of ``operation``, or any) but lose their answers.

        The client sees the connection close without an answer (``httpx.RemoteProtocolError``,
        in-process and over HTTP alike): the case where it cannot know whether a creation
        happened. With an ``Idempotency-Key``, a repeat within ``running_seconds`` (fake clock)
        gets 409 ``request_in_progress``, as if the first were still running; later repeats
        replay the lost answer.
        """
        if operation is not None and operation not in OPERATIONS:
            raise ValueError(f"operation must be one of {sorted(OPERATIONS)} or None, not {operation!r}")
        if times < 1 or running_seconds < 0:
            raise ValueError("times must be at least 1 and running_seconds not negative")
        with self._lock:
            operation_id = None if operation is None else self._app.v3.operation_names[operation]
            self._app.v3.queued_drops.append(Drop(operation_id, times, running_seconds))

    def asset_content(self, asset_id: str, *, api_key: str | None = None) -> tuple[bytes, str]:
        """The bytes and media type of an uploaded asset (searched in every account by default).

        Raises:
            KeyError: no such asset.
        """
        with self._lock:
            store = self._app.v3.store
            accounts = store.accounts() if api_key is None else [store.account(api_key)]
            for account in accounts:
                asset = account.assets.get(asset_id)
                if asset is not None:
                    return asset.data, asset.mime_type
        raise KeyError(f"no uploaded asset {asset_id!r}")
