"""The fake's v3 operations: from a routed request to a reply, through the checks HeyGen makes.

A v3 request goes through, in order:

1. a queued error (``FakeHeyGen.queue_error``), answered in the v3 error shape;
2. the API key: missing or unknown is a 401 ``authentication_failed``;
3. the spec: path, query and header parameters and the body; a violation is a 400
   ``invalid_parameter`` whose ``param`` names the field;
4. the ``Idempotency-Key``, where the operation takes one (see ``_idempotency``);
5. the operation itself, against the account's items (``_state``).

Routes are keyed by method and path template, not by operationId, so the fake follows the spec's
paths whatever the operations are called. Which status and code each refusal gets is HeyGen's
where its docs say (``[OD]``), ours where they do not (``[INF]``).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from heygen.testing._contract import Contract, Operation, Problem
from heygen.testing._v3._idempotency import IdempotencyStore, InProgress
from heygen.testing._v3._media import is_image, sniff_media_type
from heygen.testing._v3._multipart import MultipartError, parse_form
from heygen.testing._v3._render import (
    Reply,
    asset_json,
    error_reply,
    group_json,
    json_reply,
    look_json,
    page_reply,
    uploaded_json,
)
from heygen.testing._v3._state import (
    MAX_ASSET_BYTES,
    Conflict,
    Invalid,
    NotFound,
    Photo,
    Store,
    decode_base64_photo,
)

__all__ = ["OPERATIONS", "Drop", "V3Api"]

#: The names tests use for v3 operations (``queue_error(operation=...)``), by method and path.
OPERATIONS: Mapping[str, tuple[str, str]] = {
    "upload_asset": ("post", "/v3/assets"),
    "get_asset": ("get", "/v3/assets/{asset_id}"),
    "create_avatar": ("post", "/v3/avatars"),
    "list_avatar_groups": ("get", "/v3/avatars"),
    "get_avatar_group": ("get", "/v3/avatars/{group_id}"),
    "delete_avatar_group": ("delete", "/v3/avatars/{group_id}"),
    "create_avatar_consent": ("post", "/v3/avatars/{group_id}/consent"),
    "list_avatar_looks": ("get", "/v3/avatars/looks"),
    "get_avatar_look": ("get", "/v3/avatars/looks/{look_id}"),
    "update_avatar_look": ("patch", "/v3/avatars/looks/{look_id}"),
    "delete_avatar_look": ("delete", "/v3/avatars/looks/{look_id}"),
}
IDEMPOTENCY_HEADER = "idempotency-key"
_DEFAULT_PAGE_SIZE = 20  # [INF] when the spec gives no default


class _Queued(Protocol):
    status: int
    code: str
    message: str
    headers: dict[str, str]


@dataclass
class Drop:
    """Lose the answer to the next ``times`` requests of an operation, after doing them."""

    operation_id: str | None
    times: int = 1
    running_seconds: float = 0.0


@dataclass(frozen=True)
class _Request:
    api_key: str
    params: Mapping[str, str]
    query: Mapping[str, Any]
    headers: Mapping[str, str]
    body: Any
    raw_body: bytes


@dataclass
class V3Api:
    """Answers the v3 operations of ``contract`` from ``store``; ``accepts`` says which keys exist."""

    contract: Contract
    store: Store
    accepts: Callable[[str], bool]
    queued_drops: list[Drop] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.idempotency = IdempotencyStore(self.store.clock)
        handlers: dict[tuple[str, str], Callable[[_Request], Reply]] = {
            OPERATIONS["upload_asset"]: self._upload_asset,
            OPERATIONS["get_asset"]: self._get_asset,
            OPERATIONS["create_avatar"]: self._create_avatar,
            OPERATIONS["list_avatar_groups"]: self._list_groups,
            OPERATIONS["get_avatar_group"]: self._get_group,
            OPERATIONS["delete_avatar_group"]: self._delete_group,
            OPERATIONS["create_avatar_consent"]: self._consent,
            OPERATIONS["list_avatar_looks"]: self._list_looks,
            OPERATIONS["get_avatar_look"]: self._get_look,
            OPERATIONS["update_avatar_look"]: self._update_look,
            OPERATIONS["delete_avatar_look"]: self._delete_look,
        }
        self._handlers = {
            op.operation_id: handlers[(op.method, op.template)]
            for op in self.contract.operations
            if (op.method, op.template) in handlers
        }
        #: Test names of the operations the spec has, to their operationIds.
        self.operation_names = {
            name: op.operation_id
            for name, key in OPERATIONS.items()
            for op in self.contract.operations
            if (op.method, op.template) == key
        }

    def serves(self, operation: Operation) -> bool:
        return operation.operation_id in self._handlers

    def answer(
        self,
        operation: Operation,
        raw_params: Mapping[str, str],
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        queued: _Queued | None,
    ) -> tuple[Reply, bool]:
        """The reply to one request (``headers`` lower-cased), and whether it is to be lost."""
        if queued is not None:
            status, reply_headers, reply_body = error_reply(queued.status, queued.code, queued.message)
            return (status, {**reply_headers, **queued.headers}, reply_body), False
        request = self._checked(operation, raw_params, target, headers, body)
        if not isinstance(request, _Request):
            return request, False
        drop = self._take_drop(operation.operation_id)
        key = headers.get(IDEMPOTENCY_HEADER) if operation.takes_header(IDEMPOTENCY_HEADER) else None
        scope = (request.api_key, operation.operation_id, tuple(sorted(request.params.items())), key)
        if key is not None:
            try:
                replayed = self.idempotency.replay(scope)
            except InProgress:
                return error_reply(
                    409,
                    "request_in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly",
                ), False
            if replayed is not None:
                return replayed, False
        reply = self._run(operation, request)
        if key is not None:
            self.idempotency.remember(scope, *reply, running_seconds=drop.running_seconds if drop else 0.0)
        return reply, drop is not None

    def _checked(
        self,
        operation: Operation,
        raw_params: Mapping[str, str],
        target: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> _Request | Reply:
        api_key = ""
        if operation.api_key_header is not None:
            api_key = headers.get(operation.api_key_header, "")
            if not api_key:
                return error_reply(
                    401,
                    "authentication_failed",
                    f"No API key: send it in the {operation.api_key_header} header",
                )
            if not self.accepts(api_key):
                return error_reply(401, "authentication_failed", "The API key is invalid or expired")
        params, problem = operation.path_params(raw_params)
        if problem is not None:
            return _invalid(problem)
        query, problem = operation.query_problem(target.partition("?")[2].partition("#")[0])
        if problem is None:
            problem = operation.header_problem(headers)
        if problem is not None:
            return _invalid(problem)
        instance, problem = operation.body_problem(body, headers.get("content-type"))
        if problem is not None:
            return _invalid(problem)
        return _Request(api_key, params, query, headers, instance, body)

    def _run(self, operation: Operation, request: _Request) -> Reply:
        try:
            return self._handlers[operation.operation_id](request)
        except NotFound as missing:
            # [OD] avatar_not_found; [CM] asset_not_found.
            code = "asset_not_found" if missing.kind == "asset" else "avatar_not_found"
            message = f"{missing.kind.capitalize()} {missing.item_id} was not found"
            return error_reply(404, code, message, missing.param)
        except Invalid as invalid:
            return error_reply(400, "invalid_parameter", str(invalid), invalid.param)
        except Conflict as conflict:
            return error_reply(409, conflict.code, str(conflict))

    def _take_drop(self, operation_id: str) -> Drop | None:
        for drop in self.queued_drops:
            if drop.operation_id in (None, operation_id):
                drop.times -= 1
                if drop.times <= 0:
                    self.queued_drops.remove(drop)
                return drop
        return None

    # Assets

    def _upload_asset(self, request: _Request) -> Reply:
        try:
            parts = parse_form(request.headers.get("content-type"), request.raw_body)
        except MultipartError as malformed:
            return error_reply(
                400, "invalid_parameter", f"{malformed}; send the file as multipart/form-data", "file"
            )
        files = [part for part in parts if part.name == "file"]
        if len(files) != 1:
            return error_reply(
                400, "invalid_parameter", "Send exactly one multipart/form-data field named file", "file"
            )
        if len(files[0].data) > MAX_ASSET_BYTES:
            # [INF] HeyGen documents the 32 MB limit, not the answer past it.
            return error_reply(
                413, "payload_too_large", f"The file is larger than {MAX_ASSET_BYTES} bytes", "file"
            )
        asset = self.store.upload(request.api_key, files[0].data, files[0].filename, files[0].content_type)
        return json_reply(200, {"data": uploaded_json(asset)})

    def _get_asset(self, request: _Request) -> Reply:
        asset = self.store.asset(request.api_key, request.params["asset_id"])
        account = self.store.account(request.api_key)
        return json_reply(200, {"data": asset_json(asset, account.owner_id, account.space_id)})

    # Groups

    def _create_avatar(self, request: _Request) -> Reply:
        body: dict[str, Any] = request.body
        name, group_id = body["name"], body.get("avatar_group_id")
        if body["type"] == "prompt":
            references = body.get("reference_images") or []
            if len(references) > 3:
                raise Invalid("At most 3 reference_images are accepted", "reference_images")
            for index, reference in enumerate(references):
                image = self._file(request.api_key, reference, f"reference_images.{index}")
                if image.data is not None and not is_image(sniff_media_type(image.data, image.media_type)):
                    raise Invalid(f"reference_images.{index} must be an image", f"reference_images.{index}")
            look, group = self.store.create_prompt(request.api_key, name, group_id, body.get("avatar_id"))
        else:
            photo = self._file(request.api_key, body["file"], "file")
            look, group = self.store.create_photo(request.api_key, name, photo, group_id)
        data = {"avatar_item": look_json(look, self.store), "avatar_group": group_json(group, self.store)}
        return json_reply(200, {"data": data})

    def _file(self, api_key: str, source: Mapping[str, Any], param: str) -> Photo:
        """The file a request names (by asset id, inline or by URL); URLs are not fetched."""
        kind = source["type"]
        if kind == "asset_id":
            asset = self.store.asset(api_key, source["asset_id"], f"{param}.asset_id")
            return Photo(asset.data, asset.mime_type, None)
        if kind == "base64":
            return Photo(decode_base64_photo(source["data"], f"{param}.data"), source["media_type"], None)
        url = source["url"]
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise Invalid(f"{param}.url must be an http(s) URL", f"{param}.url")
        return Photo(None, None, url)

    def _list_groups(self, request: _Request) -> Reply:
        query = request.query
        page = self.store.list_groups(
            request.api_key, _limit(query), query.get("token"), ownership=query.get("ownership")
        )
        return page_reply(page, self.store)

    def _get_group(self, request: _Request) -> Reply:
        group = self.store.group(request.api_key, request.params["group_id"])
        return json_reply(200, {"data": group_json(group, self.store)})

    def _delete_group(self, request: _Request) -> Reply:
        group_id = request.params["group_id"]
        self.store.delete_group(request.api_key, group_id)
        return json_reply(200, {"data": {"id": group_id}})

    def _consent(self, request: _Request) -> Reply:
        body: dict[str, Any] = request.body or {}
        video = body.get("consent_video")
        if video is not None:
            self._file(request.api_key, video, "consent_video")
        group = self.store.consent(request.api_key, request.params["group_id"], video=video is not None)
        # The page where the person shown consents; none when a video was submitted instead.
        url = None if video is not None else f"https://app.fake-heygen.invalid/consent/{group.id}"
        return json_reply(200, {"data": {"avatar_group": group_json(group, self.store), "url": url}})

    # Looks

    def _list_looks(self, request: _Request) -> Reply:
        query = request.query
        page = self.store.list_looks(
            request.api_key,
            _limit(query),
            query.get("token"),
            group_id=query.get("group_id"),
            avatar_type=query.get("avatar_type"),
            ownership=query.get("ownership"),
        )
        return page_reply(page, self.store)

    def _get_look(self, request: _Request) -> Reply:
        look = self.store.look(request.api_key, request.params["look_id"])
        return json_reply(200, {"data": look_json(look, self.store)})

    def _update_look(self, request: _Request) -> Reply:
        body: dict[str, Any] = request.body or {}
        look = self.store.rename_look(request.api_key, request.params["look_id"], body.get("name"))
        return json_reply(200, {"data": look_json(look, self.store)})

    def _delete_look(self, request: _Request) -> Reply:
        look_id = request.params["look_id"]
        self.store.delete_look(request.api_key, look_id)
        return json_reply(200, {"data": {"id": look_id}})


def _limit(query: Mapping[str, Any]) -> int:
    limit = query.get("limit", _DEFAULT_PAGE_SIZE)
    if not isinstance(limit, int) or not 1 <= limit <= 50:
        raise Invalid("limit must be an integer from 1 to 50", "limit")
    return limit


def _invalid(problem: Problem) -> Reply:
    return error_reply(400, "invalid_parameter", problem.message, problem.param)
