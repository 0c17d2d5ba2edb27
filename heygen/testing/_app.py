"""The fake's one request handler, shared by the httpx transport and the HTTP server.

``App.handle`` turns ``(method, path, headers, body)`` into ``(status, headers, body)`` and says
whether that response conforms to the spec. It never does I/O, so both front ends behave
identically by construction. A request goes through, in order:

1. routing: an unknown path is a 404, a known path with the wrong method a 405;
2. a queued error (``FakeHeyGen.queue_error``), if one matches the operation;
3. the API key: missing or unknown is a 401;
4. the spec: path parameters (decoded exactly once) and JSON body against their schemas; a
   violation is a 400 ``invalid_parameter`` naming what is wrong;
5. the operation itself, against the accounts' state.

Error bodies use HeyGen's v2 shape, ``{"error": {"code", "message"}, "data": null}``, the
``ApiErrorEnvelope`` of the corrected spec (observed in HeyGen forum reports; HeyGen's own
document shows no error body). Codes and messages follow the spec's examples where it has
them; the others are marked unverified where they are made.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from heygen.testing._clock import SystemClock
from heygen.testing._contract import Contract, Operation, Problem
from heygen.testing._state import Accounts, GroupNotFoundError, PhotosProcessingError, TrainingInProgressError
from heygen.testing._v3 import Store, V3Api
from heygen.testing._v3._render import error_reply

__all__ = ["App", "DroppedResponse", "Exchange", "FakeResponse", "QueuedError", "request_error"]

TRAIN = "train-photo-avatar-group"
V3_PREFIX = "/v3/"
TRAINING_STATUS = "get-training-job-status"

# Default code and message per status for queued errors: the spec's examples for the train
# operation (404 is about groups, the only thing either operation looks up).
DEFAULT_ERRORS: Mapping[int, tuple[str, str]] = {
    400: ("invalid_parameter", "Invalid parameter value"),
    401: ("unauthorized", "Invalid API key"),
    402: ("insufficient_credit", "Insufficient credit"),
    403: ("forbidden", "Access forbidden"),
    404: ("photar_not_found", "Photo avatar group not found"),
    429: ("rate_limit_exceeded", "Too many requests"),
    500: ("internal_error", "Internal server error"),
}


class DroppedResponse(Exception):
    """The fake did the request but loses its answer, as a dropped connection would."""


class FakeResponse(NamedTuple):
    """What the fake answers: an HTTP status, headers and the exact body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Exchange:
    """A response, which operation it answered (None outside the spec) and how it breaks the spec."""

    response: FakeResponse
    operation_id: str | None
    spec_problems: list[str]
    dropped: bool = False  # the operation ran, but its answer is to be lost (``drop_response``)


@dataclass
class QueuedError:
    """An error to answer instead of the next ``times`` requests for an operation (or any)."""

    status: int
    code: str
    message: str
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    operation_id: str | None = None


class App:
    """Routes, checks and answers requests; holds no lock (the caller serialises calls)."""

    def __init__(
        self, contract: Contract, accounts: Accounts, v2_era: str = "live", v3_store: Store | None = None
    ) -> None:
        self.contract = contract
        self.accounts = accounts
        self.v2_era = v2_era  # see _eras: "live", "sunset" or "retired"
        self.queued_errors: list[QueuedError] = []
        self.v3 = V3Api(contract, v3_store or Store(SystemClock(), 5.0), accounts.accepts)
        self._operations: dict[str, Callable[[str, Mapping[str, str], Any], FakeResponse]] = {
            TRAIN: self._train,
            TRAINING_STATUS: self._training_status,
        }
        # v3 operations the fake does not serve yet answer 501; any other gap is a bug in the fake.
        unserved = {
            op.operation_id
            for op in contract.operations
            if not self.v3.serves(op) and not op.template.startswith(V3_PREFIX)
        }
        unserved -= set(self._operations)
        if unserved:
            raise NotImplementedError(f"the fake does not implement {sorted(unserved)} from the spec")

    def handle(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> Exchange:
        """Answer one request. ``path`` is the request target as sent (percent-encoded, maybe a query).

        Every answer carries an ``X-Request-Id``, as HeyGen's do, so code that logs or shows it
        can be tested.
        """
        exchange = self._handle(method, path, headers, body)
        exchange.response.headers.setdefault("X-Request-Id", uuid.uuid4().hex)
        return exchange

    def _handle(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> Exchange:
        raw_path = path.split("?", 1)[0].split("#", 1)[0]
        if self.v2_era == "retired" and raw_path.startswith("/v2/photo_avatar/"):
            from heygen.testing._eras import retired_answer

            return Exchange(retired_answer(), None, [])  # outside the v2 spec by definition
        routed = self.contract.route(method, raw_path)
        if isinstance(routed, list):
            if routed:
                response = request_error(
                    raw_path, 405, "method_not_allowed", f"{method} is not allowed on {raw_path}"
                )
                response.headers["Allow"] = ", ".join(routed)
            else:
                response = request_error(raw_path, 404, "not_found", f"no such endpoint: {method} {raw_path}")
            v3 = raw_path.startswith(V3_PREFIX)
            return Exchange(response, None, self.contract.error_envelope_problems(response.body, v3=v3))
        operation, raw_params = routed
        if operation.template.startswith(V3_PREFIX) and not self.v3.serves(operation):
            response = request_error(
                raw_path, 501, "not_implemented", f"the fake does not serve {method} {raw_path}"
            )
            return Exchange(response, operation.operation_id, [])
        if self.v3.serves(operation):
            queued = self._take_queued_error(operation.operation_id)
            lowered = {k.lower(): v for k, v in headers.items()}
            reply, dropped = self.v3.answer(operation, raw_params, path, lowered, body, queued)
            response = FakeResponse(*reply)
            problems = operation.response_problems(response.status, response.headers, response.body)
            return Exchange(response, operation.operation_id, problems, dropped)
        response = self._answer(operation, raw_params, {k.lower(): v for k, v in headers.items()}, body)
        if self.v2_era == "sunset":
            from heygen.testing._eras import sunset_answer

            response = sunset_answer(response)
        problems = operation.response_problems(response.status, response.headers, response.body)
        return Exchange(response, operation.operation_id, problems)

    def _answer(
        self, operation: Operation, raw_params: Mapping[str, str], headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        queued = self._take_queued_error(operation.operation_id)
        if queued is not None:
            response = error(queued.status, queued.code, queued.message)
            response.headers.update(queued.headers)
            return response

        api_key = ""
        if operation.api_key_header is not None:
            api_key = headers.get(operation.api_key_header, "")
            if not api_key:
                return error(
                    401, "unauthorized", f"Missing API key: send it in the {operation.api_key_header} header"
                )
            if not self.accounts.accepts(api_key):
                return error(401, "unauthorized", "Invalid API key")

        params, problem = operation.path_params(raw_params)
        if problem is not None:
            return invalid(problem)
        instance, problem = operation.body_problem(body, headers.get("content-type"))
        if problem is not None:
            return invalid(problem)
        return self._operations[operation.operation_id](api_key, params, instance)

    def _take_queued_error(self, operation_id: str) -> QueuedError | None:
        for queued in self.queued_errors:
            if queued.operation_id in (None, operation_id):
                queued.times -= 1
                if queued.times <= 0:
                    self.queued_errors.remove(queued)
                return queued
        return None

    def _train(self, api_key: str, params: Mapping[str, str], body: Any) -> FakeResponse:
        group_id: str = body["group_id"]
        try:
            started = self.accounts.train(api_key, group_id)
        except GroupNotFoundError:
            return group_not_found(group_id)
        except (TrainingInProgressError, PhotosProcessingError):
            # [OBSERVED, not documented] People probing the live API report this same 400 both for
            # a group already training and for one whose photos are still being processed.
            return error(400, "invalid_parameter", f"No valid image for training found in group {group_id}")
        job = {
            "num_of_photar": started.num_of_photar,
            "num_of_instant_avatar": 0,
            "num_of_studio_avatar": 0,
            "flow_id": started.flow_id,
        }
        return ok({"code": 100, "data": job, "msg": None, "message": None})

    def _training_status(self, api_key: str, params: Mapping[str, str], body: Any) -> FakeResponse:
        group_id = params["group_id"]
        try:
            status = self.accounts.status(api_key, group_id)
        except GroupNotFoundError:
            return group_not_found(group_id)
        return ok(
            {
                "status": status.status,
                "error_msg": status.error_msg,
                "created_at": status.created_at,
                "updated_at": status.updated_at,
            }
        )


def ok(data: object) -> FakeResponse:
    return _json(200, {"error": None, "data": data})


def error(status: int, code: str, message: str, param: str | None = None) -> FakeResponse:
    detail = (
        {"code": code, "message": message}
        if param is None
        else {"code": code, "message": message, "param": param}
    )
    return _json(status, {"error": detail, "data": None})


def request_error(path: str, status: int, code: str, message: str) -> FakeResponse:
    """An error for a request refused before routing, in the error shape of its API version."""
    if path.startswith("/v3/"):
        return FakeResponse(*error_reply(status, code, message))
    return error(status, code, message)


def invalid(problem: Problem) -> FakeResponse:
    """400 for a request the spec does not allow; ``param`` as in HeyGen's v3 validation errors."""
    return error(400, "invalid_parameter", problem.message, problem.param)


def group_not_found(group_id: str) -> FakeResponse:
    # [DOC, forum] HeyGen answers photar_not_found for an unknown photo avatar (group).
    return error(404, "photar_not_found", f"Photo avatar group {group_id} not found")


def _json(status: int, document: object) -> FakeResponse:
    body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return FakeResponse(status, {"Content-Type": "application/json"}, body)
