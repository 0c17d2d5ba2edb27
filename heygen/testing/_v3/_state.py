"""What the fake remembers of the v3 API: per account, assets, avatar groups and their looks.

Processing is not a background task. A group or look records when its processing started and
how it will end (an :class:`Outcome`); its status is computed from the clock whenever it is
read, as the v2 trainings are, so a :class:`~heygen.testing.FakeClock` drives it without threads.

    create ──▶ processing ──(training_seconds)──▶ completed
                   │                        ├──▶ failed            (queued outcome, or fail())
                   │                        └──▶ pending_consent ──consent──▶ processing ──▶ completed
                   └─────────────── fail() ─────────────▶ failed

A new group and its first look share one processing, so they change status together; a look
added to an existing group has its own. Public groups (``add_public_group``) have no processing
and report no status, as HeyGen's stock avatars do. Nothing here is thread-safe: the fake holds
a lock around every call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from heygen.testing._clock import Clock
from heygen.testing._v3._items import (
    COMPLETED,
    CONSENT_APPROVED,
    CONSENT_PENDING,
    FAILED,
    FILE_HOST,
    MAX_ASSET_BYTES,
    PENDING_CONSENT,
    PROCESSING,
    Account,
    Asset,
    Conflict,
    Group,
    Invalid,
    Look,
    NotFound,
    Outcome,
    Photo,
    Processing,
    decode_base64_photo,
)
from heygen.testing._v3._media import image_size, is_image, sniff_media_type
from heygen.testing._v3._pages import Page, paginate

__all__ = [
    "COMPLETED",
    "CONSENT_PENDING",
    "FAILED",
    "MAX_ASSET_BYTES",
    "PENDING_CONSENT",
    "PROCESSING",
    "Account",
    "Asset",
    "Conflict",
    "Group",
    "Invalid",
    "Look",
    "NotFound",
    "Outcome",
    "Page",
    "Photo",
    "Processing",
    "Store",
    "decode_base64_photo",
]


class Store:
    """Every account's v3 items, created and read on one clock.

    Args:
        clock: where time comes from.
        processing_seconds: how long a group or look stays ``processing``.
    """

    def __init__(self, clock: Clock, processing_seconds: float) -> None:
        if processing_seconds < 0:
            raise ValueError("processing_seconds cannot be negative")
        self.clock = clock
        self.processing_seconds = processing_seconds
        #: How the next created avatars end, first in first out; empty means completed.
        self.queued_outcomes: list[Outcome] = []
        self.public_groups: list[tuple[str, int]] = []  # (name, looks) added to every account
        self._accounts: dict[str, Account] = {}
        self._seq = 0

    def account(self, api_key: str) -> Account:
        account = self._accounts.get(api_key)
        if account is None:
            account = self._accounts[api_key] = Account()
            for name, looks in self.public_groups:
                self._add_public_group(account, name, looks)
        return account

    def accounts(self) -> Iterable[Account]:
        return self._accounts.values()

    def add_public_group(self, name: str, looks: int) -> None:
        self.public_groups.append((name, looks))
        for account in self._accounts.values():
            self._add_public_group(account, name, looks)

    # Assets

    def upload(self, api_key: str, data: bytes, filename: str | None, content_type: str | None) -> Asset:
        if not data:
            raise Invalid("The file is empty", "file")
        if len(data) > MAX_ASSET_BYTES:
            raise Invalid(f"The file is larger than {MAX_ASSET_BYTES} bytes", "file")
        asset_id = uuid.uuid4().hex
        name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1] or f"{asset_id}.bin"
        asset = Asset(asset_id, name, sniff_media_type(data, content_type), data, int(self.clock.time()))
        self.account(api_key).assets[asset_id] = asset
        return asset

    def asset(self, api_key: str, asset_id: str, param: str | None = None) -> Asset:
        asset = self.account(api_key).assets.get(asset_id)
        if asset is None:
            raise NotFound("asset", asset_id, param)
        return asset

    # Avatars

    def create_photo(self, api_key: str, name: str, photo: Photo, group_id: str | None) -> tuple[Look, Group]:
        size = None
        if photo.data is not None:
            media_type = sniff_media_type(photo.data, photo.media_type)
            if not is_image(media_type):
                raise Invalid(f"The file must be an image, not {media_type}", "file")
            size = image_size(photo.data)
        return self._create(api_key, name, group_id, size, photo.url)

    def create_prompt(
        self, api_key: str, name: str, group_id: str | None, reference_look_id: str | None
    ) -> tuple[Look, Group]:
        """A look generated from a prompt; with a reference look, it joins that look's group."""
        size = None
        if reference_look_id is not None:
            reference = self.look(api_key, reference_look_id, param="avatar_id")
            if group_id is not None and group_id != reference.group_id:
                raise Invalid("avatar_group_id must be the group of the avatar_id look", "avatar_group_id")
            group_id, size = reference.group_id, reference.image_size
        return self._create(api_key, name, group_id, size, None)

    def _create(
        self, api_key: str, name: str, group_id: str | None, size: tuple[int, int] | None, url: str | None
    ) -> tuple[Look, Group]:
        account = self.account(api_key)
        processing = self._start(self.queued_outcomes.pop(0) if self.queued_outcomes else Outcome())
        if group_id is None:
            group = Group(uuid.uuid4().hex, name, int(self.clock.time()), self._next_seq(), processing)
            account.groups[group.id] = group
        else:
            group = self.group(api_key, group_id, param="avatar_group_id")
            if group.processing is None:
                raise Invalid(
                    f"Avatar group {group_id} is public: looks cannot be added to it", "avatar_group_id"
                )
        look = Look(uuid.uuid4().hex, name, group.id, self._next_seq(), processing, image_size=size)
        look.preview_image_url = url or f"{FILE_HOST}/looks/{look.id}/preview.jpg"
        account.looks[look.id] = look
        group.look_ids.append(look.id)
        group.preview_image_url = group.preview_image_url or look.preview_image_url
        return look, group

    def group(self, api_key: str, group_id: str, param: str | None = None) -> Group:
        group = self.account(api_key).groups.get(group_id)
        if group is None:
            raise NotFound("avatar group", group_id, param)
        return group

    def look(self, api_key: str, look_id: str, param: str | None = None) -> Look:
        look = self.account(api_key).looks.get(look_id)
        if look is None:
            raise NotFound("avatar look", look_id, param)
        return look

    def list_groups(
        self, api_key: str, limit: int, token: str | None, ownership: str | None = None
    ) -> Page[Group]:
        groups = self.account(api_key).groups.values()
        return paginate(groups, limit, token, lambda group: _owned(group.processing, ownership))

    def list_looks(
        self,
        api_key: str,
        limit: int,
        token: str | None,
        *,
        group_id: str | None = None,
        avatar_type: str | None = None,
        ownership: str | None = None,
    ) -> Page[Look]:
        account = self.account(api_key)

        # A filter on a group that does not exist matches nothing: the spec documents no 404 here.
        def keep(look: Look) -> bool:
            return (
                group_id in (None, look.group_id)
                and avatar_type in (None, look.avatar_type)
                and _owned(look.processing, ownership)
            )

        return paginate(account.looks.values(), limit, token, keep)

    def rename_look(self, api_key: str, look_id: str, name: str | None) -> Look:
        look = self.look(api_key, look_id)
        if name is not None:  # any string the spec allows, as for creation
            look.name = name
        return look

    def delete_group(self, api_key: str, group_id: str) -> None:
        account = self.account(api_key)
        group = self.group(api_key, group_id)
        for look_id in group.look_ids:
            account.looks.pop(look_id, None)
        del account.groups[group_id]

    def delete_look(self, api_key: str, look_id: str) -> None:
        account = self.account(api_key)
        look = self.look(api_key, look_id)
        account.groups[look.group_id].look_ids.remove(look_id)
        del account.looks[look_id]

    def consent(self, api_key: str, group_id: str, *, video: bool) -> Group:
        """Start the consent of a group waiting for it.

        A consent video is taken as consent given; otherwise the group waits (``consent_status``
        ``pending``) until the person shown consents on the page (``give_consent``).
        """
        group = self.group(api_key, group_id)
        if group.processing is None or self.status(group.processing)[0] != PENDING_CONSENT:
            # [INF] HeyGen documents 409 for a resource not in the state for a request; the code is ours.
            raise Conflict("consent_not_required", f"Avatar group {group_id} is not waiting for consent")
        if video:
            self.give_consent(api_key, group_id)
        else:
            group.consent_status = CONSENT_PENDING
        return group

    def give_consent(self, api_key: str | None, group_id: str) -> None:
        """What the person's consent does: processing starts again for the group and its first look."""
        accounts = self._accounts.values() if api_key is None else [self.account(api_key)]
        waiting = [
            (account, group)
            for account in accounts
            if (group := account.groups.get(group_id)) is not None
            and group.processing is not None
            and self.status(group.processing)[0] == PENDING_CONSENT
        ]
        if not waiting:
            raise ValueError(f"no avatar group {group_id!r} is waiting for consent")
        for account, group in waiting:
            restarted = self._start(Outcome())
            for look_id in group.look_ids:
                look = account.looks[look_id]
                if look.processing is group.processing:
                    look.processing = restarted
            group.processing = restarted
            group.consent_status = CONSENT_APPROVED

    def fail(self, item_id: str, outcome: Outcome, api_key: str | None) -> None:
        """Fail, from now on, the processing in progress of a group or look (in one account or all)."""
        accounts = self._accounts.values() if api_key is None else [self.account(api_key)]
        now = self.clock.monotonic()
        failed = 0
        for account in accounts:
            item = account.groups.get(item_id) or account.looks.get(item_id)
            processing = item.processing if item is not None else None
            if processing is not None and processing.status(now)[0] == PROCESSING:
                processing.outcome = outcome
                processing.failed_after = now - processing.started
                failed += 1
        if not failed:
            raise ValueError(f"no avatar group or look {item_id!r} is processing; nothing to fail")

    def status(self, processing: Processing | None) -> tuple[str | None, dict[str, str] | None]:
        if processing is None:
            return None, None
        return processing.status(self.clock.monotonic())

    def _start(self, outcome: Outcome) -> Processing:
        return Processing(self.clock.monotonic(), self.processing_seconds, outcome)

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _add_public_group(self, account: Account, name: str, looks: int) -> None:
        group = Group(uuid.uuid4().hex, name, int(self.clock.time()), self._next_seq(), None)
        account.groups[group.id] = group
        for index in range(looks):
            look = Look(
                uuid.uuid4().hex, f"{name} {index + 1}", group.id, self._next_seq(), None, "studio_avatar"
            )
            look.preview_image_url = f"{FILE_HOST}/looks/{look.id}/preview.jpg"
            account.looks[look.id] = look
            group.look_ids.append(look.id)
            group.preview_image_url = group.preview_image_url or look.preview_image_url


def _owned(processing: Processing | None, ownership: str | None) -> bool:
    """``private`` items are the account's own (they have a status), ``public`` are HeyGen's; [INF]
    HeyGen does not publish the values, so any other matches nothing."""
    if ownership is None:
        return True
    return ownership == ("private" if processing is not None else "public")
