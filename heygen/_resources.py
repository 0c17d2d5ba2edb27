"""`client.photo_avatars`: train a group, read its training status, wait for it to finish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from ._exceptions import TrainingError
from ._polling import AsyncProgressCallback, ProgressCallback, TrainingWaiter, validate_wait
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven, Timeout
from .types import TrainingJob, TrainingResult, TrainingStatus

if TYPE_CHECKING:
    from ._client import AsyncHeyGen, HeyGen
    from ._http import AsyncCall, SyncCall
    from .webhooks._feed import EventSource

T = TypeVar("T")
# HeyGen's group ids are 32 hex characters; anything near a URL's length limit is a mistake.
MAX_GROUP_ID_LENGTH = 1024


def validate_group_id(group_id: object) -> str:
    """A group id as HeyGen issues it; anything else fails here, before the network."""
    if not isinstance(group_id, str):
        raise TypeError(f"group_id must be a str, got {type(group_id).__name__}: {group_id!r}")
    if not group_id:
        raise ValueError("group_id must not be empty: pass the id HeyGen returned when the group was created")
    if group_id != group_id.strip():
        raise ValueError(
            f"group_id {group_id!r} has leading or trailing whitespace: "
            "pass the id exactly as HeyGen returned it"
        )
    if len(group_id) > MAX_GROUP_ID_LENGTH:
        raise ValueError(
            f"group_id is {len(group_id)} characters long; HeyGen's ids are short "
            f"(at most {MAX_GROUP_ID_LENGTH} accepted here): pass the group's id, not its data"
        )
    if group_id in (".", ".."):
        raise ValueError(f"group_id {group_id!r} is not a valid id (it would name a different URL path)")
    try:
        group_id.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            f"group_id {group_id!r} is not valid Unicode text (it has a lone surrogate)"
        ) from None
    return group_id


class PhotoAvatars:
    """Photo avatar group training, on a `HeyGen` client.

    Every method takes `timeout=` (seconds, `httpx.Timeout`, or None for none), `max_retries=`
    and `extra_headers=` to override the client's settings for that call only.
    """

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    @cached_property
    def with_raw_response(self) -> PhotoAvatarsWithRawResponse:
        """The same methods, returning `RawResponse` (status, headers, request id, parsed result)."""
        return PhotoAvatarsWithRawResponse(self)

    def _run(
        self,
        operation: Callable[[SyncCall, str], T],
        group_id: object,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> RawResponse[T]:
        group_id = validate_group_id(group_id)
        call = self._client._new_call(timeout, max_retries, extra_headers)
        parsed = operation(call, group_id)
        assert call.response is not None
        return RawResponse(http_response=call.response, parsed=parsed, attempts=call.attempts)

    def train(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> TrainingJob:
        """Start training a photo avatar group (`POST /v2/photo_avatar/train`).

        Training costs 4 API credits, and HeyGen offers no idempotency key for it, so this call
        is retried only when the request surely did no work (see the README's "Retries").

        Args:
            group_id: The group to train, as returned when it was created.
            timeout: This call's timeout, overriding the client's (None: no limit).
            max_retries: This call's retries, overriding the client's.
            extra_headers: Headers to add to this request (they cannot replace the API key).

        Returns:
            The accepted job, with its `flow_id` and avatar counts.

        Raises:
            TypeError, ValueError: `group_id` is not a non-empty string without surrounding spaces.
            heygen.APIStatusError: HeyGen answered with an error status (a subclass per status).
            heygen.EnvelopeError: HeyGen answered 200 but reported a failure in the body.
            heygen.APIConnectionError: HeyGen could not be reached (`APITimeoutError`: too slow).
        """
        from . import _adapters

        return self._run(_adapters.train_sync, group_id, timeout, max_retries, extra_headers).parsed

    def training_status(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> TrainingStatus:
        """The training status of a group (`GET /v2/photo_avatar/train/status/{group_id}`).

        Args:
            group_id: The group, as given to `train` (not the `flow_id`).

        Returns:
            The status; `state` is `TrainingState.UNKNOWN` for a value HeyGen newly invented,
            with the value itself in `raw_status`.

        Raises:
            TypeError, ValueError: `group_id` is not a valid id.
            heygen.APIError: as for `train`.
        """
        from . import _adapters

        return self._run(_adapters.status_sync, group_id, timeout, max_retries, extra_headers).parsed

    def wait_for_training(
        self,
        group_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: ProgressCallback | None = None,
        events: EventSource | None = None,
    ) -> TrainingStatus:
        """Poll a group's training until it is `ready`.

        Polls at once, then after 1 s, then 1.5 times longer each time up to `poll_interval`.
        Connection errors, 429s and 5xx while polling are retried by the client and then waited
        through (a `Retry-After` is obeyed); a group that stays `empty` (no training) for a minute
        raises rather than polling to the deadline.

        Args:
            group_id: The group being trained.
            timeout: Seconds to wait in all; no status call runs past it.
            poll_interval: The longest pause between two polls, in seconds.
            on_progress: Called with every status received (unknown values included); a plain
                function (`AsyncHeyGen` also awaits an `async def`).
            events: Verified webhook events (a `heygen.webhooks.EventFeed` your handler
                publishes to, or a queue): poll as soon as one may concern this group, and
                otherwise only every 6 x `poll_interval` as a safety net. Events only wake the
                wait; the status decides. See the webhooks guide.

        Returns:
            The `ready` status.

        Raises:
            heygen.TrainingFailedError: HeyGen reports `failed` (`error_message` says why).
            heygen.TrainingNotStartedError: the group reports `empty` for a minute.
            heygen.TrainingTimeoutError: `timeout` passed first (`last_status` is the last seen,
                `last_error` the last poll's error, if it failed).
            heygen.APIError: a non-transient error, such as a 401 or 404, or a 429 whose
                `Retry-After` is longer than the time left.
        """
        group_id = validate_group_id(group_id)
        client = self._client
        waiter = TrainingWaiter(
            group_id,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            clock=client._clock,
            request_timeout=client._options.timeout,
            events=events,
        )
        return waiter.run(lambda timeout: self.training_status(group_id, timeout=timeout))

    def train_and_wait(
        self,
        group_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: ProgressCallback | None = None,
    ) -> TrainingResult:
        """Start training and wait until it is `ready`: `train` then `wait_for_training`.

        A `TrainingError` raised by the wait carries the started job in `error.job`, so its
        `flow_id` is not lost. Bad wait arguments fail before anything is sent.
        """
        validate_wait(timeout, poll_interval, on_progress, awaits_progress=False)
        job = self.train(group_id)
        try:
            status = self.wait_for_training(
                group_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
            )
        except TrainingError as error:
            error.job = job  # keep the flow_id of the job that failed or is still running
            raise
        return TrainingResult(job=job, status=status)


class PhotoAvatarsWithRawResponse:
    """`client.photo_avatars.with_raw_response`: each method returns a `RawResponse`."""

    def __init__(self, resource: PhotoAvatars) -> None:
        self._resource = resource

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource._client!r}>"

    def train(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[TrainingJob]:
        """`train`, returning the raw response with the parsed `TrainingJob`."""
        from . import _adapters

        return self._resource._run(_adapters.train_sync, group_id, timeout, max_retries, extra_headers)

    def training_status(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[TrainingStatus]:
        """`training_status`, returning the raw response with the parsed `TrainingStatus`."""
        from . import _adapters

        return self._resource._run(_adapters.status_sync, group_id, timeout, max_retries, extra_headers)


class AsyncPhotoAvatars:
    """Photo avatar group training, on an `AsyncHeyGen` client. Same methods as `PhotoAvatars`."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    @cached_property
    def with_raw_response(self) -> AsyncPhotoAvatarsWithRawResponse:
        """The same methods, returning `RawResponse` (status, headers, request id, parsed result)."""
        return AsyncPhotoAvatarsWithRawResponse(self)

    async def _run(
        self,
        operation: Callable[[AsyncCall, str], Awaitable[T]],
        group_id: object,
        timeout: Timeout | NotGiven,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> RawResponse[T]:
        group_id = validate_group_id(group_id)
        call = self._client._new_call(timeout, max_retries, extra_headers)
        parsed = await operation(call, group_id)
        assert call.response is not None
        return RawResponse(http_response=call.response, parsed=parsed, attempts=call.attempts)

    async def train(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> TrainingJob:
        """Start training a photo avatar group. See `PhotoAvatars.train`."""
        from . import _adapters

        return (await self._run(_adapters.train_async, group_id, timeout, max_retries, extra_headers)).parsed

    async def training_status(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> TrainingStatus:
        """The training status of a group. See `PhotoAvatars.training_status`."""
        from . import _adapters

        return (await self._run(_adapters.status_async, group_id, timeout, max_retries, extra_headers)).parsed

    async def wait_for_training(
        self,
        group_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: AsyncProgressCallback | None = None,
        events: EventSource | None = None,
    ) -> TrainingStatus:
        """Poll a group's training until it is `ready`. See `PhotoAvatars.wait_for_training`.

        `on_progress` may be a plain function or an `async def`; an awaitable it returns is
        awaited before the next poll.
        """
        group_id = validate_group_id(group_id)
        client = self._client
        waiter = TrainingWaiter(
            group_id,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            clock=client._clock,
            request_timeout=client._options.timeout,
            events=events,
            is_async=True,
        )
        return await waiter.async_run(lambda timeout: self.training_status(group_id, timeout=timeout))

    async def train_and_wait(
        self,
        group_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        on_progress: AsyncProgressCallback | None = None,
    ) -> TrainingResult:
        """Start training and wait until it is `ready`. See `PhotoAvatars.train_and_wait`."""
        validate_wait(timeout, poll_interval, on_progress)
        job = await self.train(group_id)
        try:
            status = await self.wait_for_training(
                group_id, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
            )
        except TrainingError as error:
            error.job = job  # keep the flow_id of the job that failed or is still running
            raise
        return TrainingResult(job=job, status=status)


class AsyncPhotoAvatarsWithRawResponse:
    """`client.photo_avatars.with_raw_response` on an `AsyncHeyGen`."""

    def __init__(self, resource: AsyncPhotoAvatars) -> None:
        self._resource = resource

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource._client!r}>"

    async def train(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[TrainingJob]:
        """`train`, returning the raw response with the parsed `TrainingJob`."""
        from . import _adapters

        return await self._resource._run(_adapters.train_async, group_id, timeout, max_retries, extra_headers)

    async def training_status(
        self,
        group_id: str,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[TrainingStatus]:
        """`training_status`, returning the raw response with the parsed `TrainingStatus`."""
        from . import _adapters

        return await self._resource._run(
            _adapters.status_async, group_id, timeout, max_retries, extra_headers
        )
