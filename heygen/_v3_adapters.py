"""The boundary with the generated client for v3, as `_adapters` is for v2: the only other
module that imports `heygen_api_client`, and only inside its functions, so `import heygen`
stays free of it.

Each `Operation` builds its request with the generated client (paths, query, JSON and multipart
bodies, all as the spec says) and sends it on the `SyncCall`/`AsyncCall`. The answer is read by
`_v3_parse` from the body itself, not by the generated models: those reject any status or avatar
type newer than the spec (literal enums), which the facade must keep, as `UNKNOWN`. So the
generated parse is never run; `_v3_parse` checks every field it reads.

An `Operation` is defined once and run by either shell, so the sync and async resources share
every request and every reading.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, cast

from . import _v3_parse as parse
from ._avatar_types import Asset, AvatarConsent, AvatarCreation, AvatarGroup, AvatarLook, UploadedAsset
from ._envelope import body_preview, decode_json, request_id
from ._exceptions import APIResponseValidationError
from ._http import AsyncCall, SyncCall
from ._response import RawResponse
from ._types import NOT_GIVEN, NotGiven, Timeout
from ._uploads import UploadFile

if TYPE_CHECKING:
    from ._client import AsyncHeyGen, HeyGen

T = TypeVar("T")


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One v3 request (sent sync or async) and how to read its answer.

    `request` gives the generated client's arguments for `request()` (method, path, query, JSON
    or multipart body), built by its `_get_kwargs` as its own `*_detailed` functions do. The rest
    of those functions, the generated parse, is skipped: `_v3_parse` reads the body instead, and
    that parse was the costliest part of a call (a second JSON decode and a model tree dropped).
    """

    name: str
    request: Callable[[], dict[str, Any]]
    read: Callable[[object], T]

    def run_sync(self, call: SyncCall) -> T:
        call.request(**self.request())
        return self._read(call)

    async def run_async(self, call: AsyncCall) -> T:
        await call.request(**self.request())
        return self._read(call)

    def _read(self, call: SyncCall | AsyncCall) -> T:
        response = call.response
        assert response is not None, "the call returned without a response"
        body = decode_json(response)
        try:
            if body is None:
                raise parse.ShapeError("the body", "is not JSON")
            return self.read(body)
        except parse.ShapeError as error:
            raise APIResponseValidationError(
                f"The {self.name} response is not the documented shape: {error}; "
                f"body: {body_preview(response)}",
                response=response,
                body=body,
                request_id=request_id(response),
            ) from None


class RequestOptions(TypedDict, total=False):
    """What every v3 method takes as keywords, for that call only (as `with_options` does)."""

    timeout: Timeout
    """This call's timeout, overriding the client's (seconds, `httpx.Timeout`, None: none)."""
    max_retries: int
    """This call's retries, overriding the client's."""
    extra_headers: Mapping[str, str] | None
    """Headers to add to the request (they cannot replace the API key)."""


def run_sync(
    client: HeyGen,
    operation: Operation[T],
    *,
    key: str | None = None,
    timeout: Timeout | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
) -> RawResponse[T]:
    """Send one v3 operation on a sync client; `key` makes it an idempotent, retryable create."""
    call = client._new_call(timeout, max_retries, extra_headers)
    call.idempotency_key = key
    parsed = operation.run_sync(call)
    assert call.response is not None
    return RawResponse(http_response=call.response, parsed=parsed, attempts=call.attempts)


async def run_async(
    client: AsyncHeyGen,
    operation: Operation[T],
    *,
    key: str | None = None,
    timeout: Timeout | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
) -> RawResponse[T]:
    """`run_sync` on an async client."""
    call = client._new_call(timeout, max_retries, extra_headers)
    call.idempotency_key = key
    parsed = await operation.run_async(call)
    assert call.response is not None
    return RawResponse(http_response=call.response, parsed=parsed, attempts=call.attempts)


def _data(read: Callable[[object, str], T]) -> Callable[[object], T]:
    return lambda body: read(parse.data_of(body), "data")


ListAnswer = tuple[list[T], bool, str | None]


def _listing(read: Callable[[object, str], T]) -> Callable[[object], ListAnswer[T]]:
    return lambda body: parse.listing(body, read)


@functools.cache
def _unset() -> Any:
    """The generated client's UNSET, imported on first use (an import statement costs a call)."""
    from heygen_api_client.types import UNSET

    return UNSET


def _given(value: T | None) -> T | Any:
    """None (not passed) as the generated client's UNSET."""
    return _unset() if value is None else value


# --- assets ----------------------------------------------------------------------------------


def upload_asset(file: UploadFile) -> Operation[UploadedAsset]:
    from heygen_api_client.api.assets import upload_asset as api
    from heygen_api_client.models import UploadAssetBody
    from heygen_api_client.types import File

    # The stream (or bytes) goes to httpx's multipart encoder as it is: read in 64 KiB pieces.
    body = UploadAssetBody(
        file=File(payload=cast(Any, file.content), file_name=file.filename, mime_type=file.content_type)
    )
    return Operation(
        "upload asset",
        lambda: api._get_kwargs(body=body),
        _data(parse.uploaded),
    )


def get_asset(asset_id: str) -> Operation[Asset]:
    from heygen_api_client.api.assets import get_asset as api

    return Operation(
        "get asset",
        lambda: api._get_kwargs(asset_id),
        _data(parse.asset),
    )


# --- avatar groups ---------------------------------------------------------------------------


class _Built:
    """A JSON body `_avatar_args` built (and checked) in the spec's shape, for a generated
    `_get_kwargs`, which only calls `to_dict()` on its body: turning it into the generated request
    model and back cost more than the rest of the SDK's work on a create."""

    __slots__ = ("_body",)

    def __init__(self, body: Mapping[str, object]) -> None:
        self._body = body

    def to_dict(self) -> dict[str, Any]:
        return dict(self._body)


def create_avatar(body: Mapping[str, object], photo_sent_as: str | None = None) -> Operation[AvatarCreation]:
    """`photo_sent_as` (how the photo travelled) goes on the result: only the caller knows it."""
    from heygen_api_client.api.avatars import create_avatar as api

    built = cast(Any, _Built(body))
    return Operation(
        "create avatar",
        lambda: api._get_kwargs(body=built),
        lambda answer: parse.creation(parse.data_of(answer), "data", photo_sent_as),
    )


def get_group(group_id: str) -> Operation[AvatarGroup]:
    from heygen_api_client.api.avatars import get_avatar_group as api

    return Operation(
        "get avatar group",
        lambda: api._get_kwargs(group_id),
        _data(parse.group),
    )


def list_groups(limit: int | None, token: str | None) -> Operation[ListAnswer[AvatarGroup]]:
    from heygen_api_client.api.avatars import list_avatar_groups as api

    query: dict[str, Any] = {"limit": _given(limit), "token": _given(token)}
    return Operation(
        "list avatar groups",
        lambda: api._get_kwargs(**query),
        _listing(parse.group),
    )


def delete_group(group_id: str) -> Operation[str]:
    from heygen_api_client.api.avatars import delete_avatar_group as api

    return Operation(
        "delete avatar group",
        lambda: api._get_kwargs(group_id),
        _data(parse.deleted),
    )


def consent(group_id: str, body: Mapping[str, object]) -> Operation[AvatarConsent]:
    from heygen_api_client.api.avatars import create_avatar_consent as api
    from heygen_api_client.models import CreateAvatarConsentRequest

    model = CreateAvatarConsentRequest.from_dict(body)
    return Operation(
        "avatar consent",
        lambda: api._get_kwargs(group_id, body=model),
        _data(parse.consent),
    )


# --- looks -----------------------------------------------------------------------------------


def get_look(look_id: str) -> Operation[AvatarLook]:
    from heygen_api_client.api.avatars import get_avatar_look as api

    return Operation(
        "get avatar look",
        lambda: api._get_kwargs(look_id),
        _data(parse.look),
    )


def list_looks(
    filters: Mapping[str, str | int | None], token: str | None
) -> Operation[ListAnswer[AvatarLook]]:
    from heygen_api_client.api.avatars import list_avatar_looks as api

    # avatar_type is passed through as given: a type newer than the spec is still a valid filter.
    query: dict[str, Any] = {name: _given(value) for name, value in filters.items()}
    query["token"] = _given(token)
    return Operation(
        "list avatar looks",
        lambda: api._get_kwargs(**query),
        _listing(parse.look),
    )


def update_look(look_id: str, name: str) -> Operation[AvatarLook]:
    from heygen_api_client.api.avatars import update_avatar_look as api
    from heygen_api_client.models import UpdateAvatarLookRequest

    model = UpdateAvatarLookRequest(name=name)
    return Operation(
        "update avatar look",
        lambda: api._get_kwargs(look_id, body=model),
        _data(parse.look),
    )


def delete_look(look_id: str) -> Operation[str]:
    from heygen_api_client.api.avatars import delete_avatar_look as api

    return Operation(
        "delete avatar look",
        lambda: api._get_kwargs(look_id),
        _data(parse.deleted),
    )
