"""The boundary of the v3 calls: each operation's request, sent through a `SyncCall`/`AsyncCall`,
and its answer read into the facade's results (`_v3_parse`).

An `Operation` is defined once and run by either shell, so the sync and async resources share
every request and every reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from . import _v3_parse as parse
from ._avatar_types import Asset, AvatarConsent, AvatarCreation, AvatarGroup, AvatarLook, UploadedAsset
from ._envelope import body_preview, decode_json, request_id
from ._exceptions import APIResponseValidationError
from ._http import AsyncCall, SyncCall
from ._uploads import UploadFile

T = TypeVar("T")
Send = Callable[[Any], Any]  # given a SyncCall: sends; given an AsyncCall: an awaitable that sends


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One v3 request and how to read its answer."""

    name: str
    send: Send
    read: Callable[[object], T]

    def run_sync(self, call: SyncCall) -> T:
        self.send(call)
        return self._read(call)

    async def run_async(self, call: AsyncCall) -> T:
        await self.send(call)
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


def _segment(value: str) -> str:
    return quote(value, safe="")


def _data(read: Callable[[object, str], T]) -> Callable[[object], T]:
    return lambda body: read(parse.data_of(body), "data")


ListAnswer = tuple[list[T], bool, str | None]


def _listing(read: Callable[[object, str], T]) -> Callable[[object], ListAnswer[T]]:
    return lambda body: parse.listing(body, read)


def _query(params: Mapping[str, object]) -> dict[str, Any]:
    return {key: value for key, value in params.items() if value is not None}


# --- assets ----------------------------------------------------------------------------------


def upload_asset(file: UploadFile) -> Operation[UploadedAsset]:
    files = {"file": (file.filename, file.content, file.content_type)}
    return Operation(
        "upload asset", lambda call: call.request("POST", "/v3/assets", files=files), _data(parse.uploaded)
    )


def get_asset(asset_id: str) -> Operation[Asset]:
    url = f"/v3/assets/{_segment(asset_id)}"
    return Operation("get asset", lambda call: call.request("GET", url), _data(parse.asset))


# --- avatar groups ---------------------------------------------------------------------------


def create_avatar(body: Mapping[str, object]) -> Operation[AvatarCreation]:
    payload = dict(body)
    return Operation(
        "create avatar", lambda call: call.request("POST", "/v3/avatars", json=payload), _data(parse.creation)
    )


def get_group(group_id: str) -> Operation[AvatarGroup]:
    url = f"/v3/avatars/{_segment(group_id)}"
    return Operation("get avatar group", lambda call: call.request("GET", url), _data(parse.group))


def list_groups(params: Mapping[str, object]) -> Operation[ListAnswer[AvatarGroup]]:
    query = _query(params)
    return Operation(
        "list avatar groups",
        lambda call: call.request("GET", "/v3/avatars", params=query),
        _listing(parse.group),
    )


def delete_group(group_id: str) -> Operation[str]:
    url = f"/v3/avatars/{_segment(group_id)}"
    return Operation("delete avatar group", lambda call: call.request("DELETE", url), _data(parse.deleted))


def consent(group_id: str, body: Mapping[str, object]) -> Operation[AvatarConsent]:
    url = f"/v3/avatars/{_segment(group_id)}/consent"
    payload = dict(body)
    return Operation(
        "avatar consent", lambda call: call.request("POST", url, json=payload), _data(parse.consent)
    )


# --- looks -----------------------------------------------------------------------------------


def get_look(look_id: str) -> Operation[AvatarLook]:
    url = f"/v3/avatars/looks/{_segment(look_id)}"
    return Operation("get avatar look", lambda call: call.request("GET", url), _data(parse.look))


def list_looks(params: Mapping[str, object]) -> Operation[ListAnswer[AvatarLook]]:
    query = _query(params)
    return Operation(
        "list avatar looks",
        lambda call: call.request("GET", "/v3/avatars/looks", params=query),
        _listing(parse.look),
    )


def update_look(look_id: str, body: Mapping[str, object]) -> Operation[AvatarLook]:
    url = f"/v3/avatars/looks/{_segment(look_id)}"
    payload = dict(body)
    return Operation(
        "update avatar look", lambda call: call.request("PATCH", url, json=payload), _data(parse.look)
    )


def delete_look(look_id: str) -> Operation[str]:
    url = f"/v3/avatars/looks/{_segment(look_id)}"
    return Operation("delete avatar look", lambda call: call.request("DELETE", url), _data(parse.deleted))
