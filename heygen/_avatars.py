"""`client.avatars` (v3): create photo avatars (and prompt looks), follow them until ready.

On v3 there is no separate training call: creating a photo avatar starts its training, and the
group's `status` goes `processing` -> `completed` (or `failed`, or `pending_consent`).

    creation = client.avatars.create_photo(name="Anna", photo=Path("anna.jpg"))
    group = client.avatars.wait_until_ready(creation.group_id)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Unpack

from . import _avatar_args as args
from . import _v3_adapters as ops
from ._avatar_errors import AvatarError
from ._avatar_types import AvatarConsent, AvatarCreation, AvatarGroup, AvatarLook
from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from ._idempotency import resolve_key, sub_key
from ._looks import Looks, wait_sync
from ._pages import Page
from ._photo_input import FileInput, file_input
from ._polling import validate_wait
from ._response import RawResponse

if TYPE_CHECKING:
    from ._client import HeyGen
    from .webhooks._feed import EventSource


class Avatars:
    """v3 avatar groups (`client.avatars`), on a `HeyGen` client.

    Creating calls (`create_photo`, `create_from_prompt`, `consent`) send an `Idempotency-Key`
    (yours, or a fresh UUID per call), the same on every retry; that makes them safe to retry
    like reads (connection lost after sending, timeouts, 408, 409 `request_in_progress`, 429,
    5xx), since HeyGen replays the first answer instead of creating, and charging, twice.

    Every method but the waits also takes `timeout=`, `max_retries=` and `extra_headers=`, for
    that call only (a create that uploads its photo first applies them to both requests).
    """

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    @cached_property
    def looks(self) -> Looks:
        """The looks of avatar groups."""
        return Looks(self._client)

    @cached_property
    def with_raw_response(self) -> AvatarsWithRawResponse:
        """The same single-request methods, returning `RawResponse`."""
        return AvatarsWithRawResponse(self)

    def _resolve(self, file: FileInput, key: str, options: ops.RequestOptions) -> dict[str, str]:
        """The file's request field, uploading it first when it is too big to send inline."""
        if file.upload is None:
            assert file.field is not None
            return file.field
        asset = self._client.assets._upload_file(file.upload, key, **options).parsed
        return file.after_upload(asset)

    def _create_photo(
        self,
        name: object,
        photo: object,
        group_id: object,
        idempotency_key: object,
        options: ops.RequestOptions,
    ) -> RawResponse[AvatarCreation]:
        key = resolve_key(idempotency_key)
        name = args.validate_text(name, "name")
        group = None if group_id is None else args.validate_id(group_id, "group_id")
        file = file_input(photo)
        # The upload shares the create's key: HeyGen scopes keys per endpoint, so repeating the
        # whole call with the same key replays both steps instead of redoing either.
        body = args.photo_body(name, self._resolve(file, key, options), group)
        return ops.run_sync(self._client, ops.create_avatar(body, file.sent_as), key=key, **options)

    def create_photo(
        self,
        *,
        name: str,
        photo: object,
        group_id: str | None = None,
        idempotency_key: str | None = None,
        wait: bool = False,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[AvatarGroup | AvatarLook], object] | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> AvatarCreation:
        """Create a photo avatar from one photo (`POST /v3/avatars`, type `photo`); training starts.

        Creation costs money (HeyGen bills each call), so it always carries an Idempotency-Key:
        a retry, by the SDK or by you with `idempotency_key=`, gets the first answer back.

        Args:
            name: The avatar's (or the new look's) name.
            photo: A `pathlib.Path`, bytes or binary file (up to 1 MiB sent inline as base64,
                larger ones uploaded first with `client.assets.upload`); an `https://` URL as a
                str (HeyGen downloads it); or an `UploadedAsset`/`Asset`. Any other str is refused.
            group_id: Add the photo as a new look of this existing group instead of a new group.
            idempotency_key: Your own key, to retry this exact call later (within 24 hours it
                replays the first answer, even if the photo differs: one key per photo).
            wait: Also wait until ready (the new group, or the new look when `group_id` is set).
            wait_timeout, poll_interval, on_progress: For the wait, as in `wait_until_ready`.

        Returns:
            The `AvatarCreation` (`look`, `group`, `group_id`, `photo_sent_as`); with `wait=True`,
            as they are once ready.

        Raises:
            TypeError, ValueError: a bad argument (nothing was sent).
            heygen.APIError: the call failed (`idempotency_key` is on the error: retry with it).
            heygen.AvatarError: with `wait=True`, as `wait_until_ready` raises; `error.creation`
                holds the created ids.
        """
        if wait:
            validate_wait(wait_timeout, poll_interval)
        creation = self._create_photo(name, photo, group_id, idempotency_key, options).parsed
        if not wait:
            return creation
        return self._finish(creation, group_id is not None, wait_timeout, poll_interval, on_progress)

    def create_from_prompt(
        self,
        *,
        name: str,
        prompt: str,
        group_id: str | None = None,
        reference_avatar_id: str | None = None,
        reference_images: list[object] | None = None,
        idempotency_key: str | None = None,
        wait: bool = False,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[AvatarGroup | AvatarLook], object] | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> AvatarCreation:
        """Create a look from a text prompt (`POST /v3/avatars`, type `prompt`).

        Args:
            name: The look's name.
            prompt: What the look should show.
            group_id: Add the look to this group (HeyGen's way to make new looks of an avatar).
            reference_avatar_id: A look to use as the visual reference (`avatar_id`).
            reference_images: Up to 3 photos, each in any form `create_photo` takes.
            idempotency_key, wait, wait_timeout, poll_interval, on_progress: as for `create_photo`.
        """
        if wait:
            validate_wait(wait_timeout, poll_interval)
        creation = self.with_raw_response._create_from_prompt(
            name, prompt, group_id, reference_avatar_id, reference_images, idempotency_key, options
        ).parsed
        if not wait:
            return creation
        return self._finish(creation, group_id is not None, wait_timeout, poll_interval, on_progress)

    def _finish(
        self,
        creation: AvatarCreation,
        added_look: bool,
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[AvatarGroup | AvatarLook], object] | None,
    ) -> AvatarCreation:
        """Wait for what was created; errors carry the creation so its ids are not lost."""
        try:
            if added_look:
                look = self.looks.wait_until_ready(
                    creation.look.id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
                )
                return dataclasses.replace(creation, look=look)
            group = self.wait_until_ready(
                creation.group_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
            )
            return dataclasses.replace(creation, group=group, look=self.looks.retrieve(creation.look.id))
        except AvatarError as error:
            error.creation = creation
            raise

    def consent(
        self,
        group_id: str,
        *,
        consent_text: str | None = None,
        consent_video: object = None,
        reroute_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> AvatarConsent:
        """Give consent for a group that waits for it (`POST /v3/avatars/{group_id}/consent`).

        Args:
            consent_text: The consent statement, if HeyGen needs one.
            consent_video: A video of the person consenting, in any form `create_photo` takes.
            reroute_url: Where HeyGen's consent page sends the person afterwards.
            idempotency_key: As for `create_photo`.

        Returns:
            The group, and HeyGen's consent page `url` if it gave one; then wait again.
        """
        return self.with_raw_response.consent(
            group_id,
            consent_text=consent_text,
            consent_video=consent_video,
            reroute_url=reroute_url,
            idempotency_key=idempotency_key,
            **options,
        ).parsed

    def retrieve(self, group_id: str, **options: Unpack[ops.RequestOptions]) -> AvatarGroup:
        """An avatar group (`GET /v3/avatars/{group_id}`), with its `status`."""
        return ops.run_sync(
            self._client, ops.get_group(args.validate_id(group_id, "group_id")), **options
        ).parsed

    def list(
        self, *, limit: int | None = None, token: str | None = None, **options: Unpack[ops.RequestOptions]
    ) -> Page[AvatarGroup]:
        """Avatar groups, a page at a time (`GET /v3/avatars`); iterate the page for all of them.

        Args:
            limit: Groups per page, 1 to 50 (HeyGen's default if None).
            token: Start at this page's cursor (a `next_token`, or `error.page_token` after a
                failed iteration) instead of the first page.
        """
        limit = args.validate_limit(limit)
        start = args.optional_text(token, "token")

        def fetch(token: str | None) -> Page[AvatarGroup]:
            items, has_more, next_token = ops.run_sync(
                self._client, ops.list_groups(limit, token), **options
            ).parsed
            return Page(items, has_more=has_more, next_token=next_token, fetch=fetch)

        return fetch(start)

    def delete(self, group_id: str, **options: Unpack[ops.RequestOptions]) -> None:
        """Delete an avatar group and its looks (`DELETE /v3/avatars/{group_id}`)."""
        self.with_raw_response.delete(group_id, **options)

    def wait_until_ready(
        self,
        group_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: Callable[[AvatarGroup], object] | None = None,
        events: EventSource | None = None,
    ) -> AvatarGroup:
        """Poll a group until it is `completed`, on the schedule of `wait_for_training`.

        Polls at once, then after 1 s, then 1.5 times longer each time up to `poll_interval`;
        connection errors, 429 and 5xx are waited through, as is a 404 `avatar_not_found` in the
        first 30 s (HeyGen may not find a group the moment it is created). A group with no
        status at all (a public avatar) is returned as it is.

        Args:
            group_id: The group (`creation.group_id`).
            timeout: Seconds to wait in all; no request runs past it.
            poll_interval: The longest pause between two polls, in seconds.
            on_progress: Called with the group at every poll.
            events: Verified webhook events (a `heygen.webhooks.EventFeed`, or a queue): poll
                as soon as one may concern this group, otherwise every 6 x `poll_interval`.

        Returns:
            The `completed` group.

        Raises:
            heygen.AvatarFailedError: HeyGen reports `failed` (`error_code`, `error_message`).
            heygen.AvatarConsentRequiredError: `pending_consent`: call `consent()`, then wait again.
            heygen.AvatarTimeoutError: `timeout` passed first (a `heygen.WaitTimeoutError`, like
                the v2 `TrainingTimeoutError`); `last_status` is the group as last seen.
            heygen.APIError: an error waiting cannot fix (401, a 404 after the first 30 s, ...).
        """
        group_id = args.validate_id(group_id, "group_id")
        return wait_sync(
            self._client, "Avatar group", group_id, ops.get_group, timeout, poll_interval, on_progress, events
        )


class AvatarsWithRawResponse:
    """`client.avatars.with_raw_response`: each single-request method returns a `RawResponse`."""

    def __init__(self, resource: Avatars) -> None:
        self._resource = resource
        self._client = resource._client

    def create_photo(
        self,
        *,
        name: str,
        photo: object,
        group_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[AvatarCreation]:
        """`create_photo` (without waiting), returning the create's raw response."""
        return self._resource._create_photo(name, photo, group_id, idempotency_key, options)

    def _create_from_prompt(
        self,
        name: object,
        prompt: object,
        group_id: object,
        reference_avatar_id: object,
        reference_images: object,
        idempotency_key: object,
        options: ops.RequestOptions,
    ) -> RawResponse[AvatarCreation]:
        key = resolve_key(idempotency_key)
        name = args.validate_text(name, "name")
        prompt = args.validate_text(prompt, "prompt")
        group = None if group_id is None else args.validate_id(group_id, "group_id")
        reference = (
            None
            if reference_avatar_id is None
            else args.validate_id(reference_avatar_id, "reference_avatar_id")
        )
        inputs = args.reference_inputs(reference_images)
        try:
            # One upload key per image: a shared one would replay the first image's upload.
            images = [
                self._resource._resolve(image, sub_key(key, i), options) for i, image in enumerate(inputs)
            ]
        finally:
            for image in inputs:
                if image.upload is not None:
                    image.upload.close()
        body = args.prompt_body(name, prompt, group, reference, images)
        return ops.run_sync(self._client, ops.create_avatar(body), key=key, **options)

    def create_from_prompt(
        self,
        *,
        name: str,
        prompt: str,
        group_id: str | None = None,
        reference_avatar_id: str | None = None,
        reference_images: list[object] | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[AvatarCreation]:
        """`create_from_prompt` (without waiting), returning the raw response."""
        return self._create_from_prompt(
            name, prompt, group_id, reference_avatar_id, reference_images, idempotency_key, options
        )

    def consent(
        self,
        group_id: str,
        *,
        consent_text: str | None = None,
        consent_video: object = None,
        reroute_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[AvatarConsent]:
        """`consent`, returning the raw response."""
        key = resolve_key(idempotency_key)
        group = args.validate_id(group_id, "group_id")
        text = args.optional_text(consent_text, "consent_text")
        url = args.optional_text(reroute_url, "reroute_url")
        video = None
        if consent_video is not None:
            video = self._resource._resolve(
                file_input(consent_video, what="consent_video", media="video"), key, options
            )
        return ops.run_sync(
            self._client, ops.consent(group, args.consent_body(text, video, url)), key=key, **options
        )

    def retrieve(self, group_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[AvatarGroup]:
        return ops.run_sync(self._client, ops.get_group(args.validate_id(group_id, "group_id")), **options)

    def delete(self, group_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[str]:
        return ops.run_sync(self._client, ops.delete_group(args.validate_id(group_id, "group_id")), **options)
