"""The boundary with the generated client: the only module that imports `heygen_api_client`.

Each operation runs through the generated `*_detailed` function, with a `SyncCall`/`AsyncCall`
standing in for the httpx client, then turns the generated models into the facade's results.
Generated names (`...Response200`, `UNSET`) stop here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, cast

import httpx
from heygen_api_client.api.photo_avatar import get_training_job_status, train_photo_avatar_group
from heygen_api_client.client import Client
from heygen_api_client.models.api_error_detail import ApiErrorDetail
from heygen_api_client.models.train_photo_avatar_group_body import TrainPhotoAvatarGroupBody
from heygen_api_client.models.train_photo_avatar_group_job import TrainPhotoAvatarGroupJob
from heygen_api_client.models.train_photo_avatar_group_response_200 import TrainPhotoAvatarGroupResponse200
from heygen_api_client.models.train_photo_avatar_group_result import TrainPhotoAvatarGroupResult
from heygen_api_client.models.training_status_data import TrainingStatusData
from heygen_api_client.models.training_status_response import TrainingStatusResponse
from heygen_api_client.types import Unset

from ._constants import TRAIN_SUCCESS_CODE
from ._envelope import body_preview, decode_json, error_details, request_id
from ._exceptions import APIResponseValidationError, EnvelopeError, HeyGenError
from ._http import AsyncCall, SyncCall
from ._train_advice import explained
from .types import TrainingJob, TrainingState, TrainingStatus

logger = logging.getLogger("heygen")

# What the generated parsers raise on a body that is not the documented shape.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
_KNOWN_STATES = {state.value: state for state in TrainingState if state is not TrainingState.UNKNOWN}
_unknown_states_logged: set[str] = set()


def _generated_client(call: SyncCall | AsyncCall) -> Client:
    client = Client(base_url="")
    if isinstance(call, SyncCall):
        client.set_httpx_client(cast(httpx.Client, call))
    else:
        client.set_async_httpx_client(cast(httpx.AsyncClient, call))
    return client


def _response(call: SyncCall | AsyncCall) -> httpx.Response:
    assert call.response is not None, "the call returned without a response"
    return call.response


def _invalid(call: SyncCall | AsyncCall, what: str) -> APIResponseValidationError:
    response = _response(call)
    return APIResponseValidationError(
        f"{what}; body: {body_preview(response)}",
        response=response,
        request_id=request_id(response),
    )


def _envelope_error(
    call: SyncCall | AsyncCall, error: object, code: object, message: str | None
) -> EnvelopeError:
    response = _response(call)
    if isinstance(error, ApiErrorDetail):
        code = error.code if not isinstance(error.code, Unset) else code
        message = error.message if isinstance(error.message, str) else message
    elif isinstance(error, str) and error:
        message = error
    return EnvelopeError(
        message or "HeyGen reported a failure without a message",
        response=response,
        body=decode_json(response),
        code=code if isinstance(code, str | int) and not isinstance(code, bool) else None,
        request_id=request_id(response),
    )


def _raise_if_v1_failure(call: SyncCall | AsyncCall) -> None:
    """A 2xx carrying HeyGen's v1 failure shape, `{"code": 40009, "message": ...}`, is a failure."""
    code, message = error_details(decode_json(_response(call)))
    if isinstance(code, int) and code != TRAIN_SUCCESS_CODE:
        raise _envelope_error(call, None, code, message)


@contextmanager
def _documented_json(call: SyncCall | AsyncCall, operation: str) -> Iterator[None]:
    """Turns what the generated parser raises on an undocumented body into our validation error."""
    try:
        yield
    except HeyGenError:
        raise
    except _PARSE_ERRORS as error:
        if call.response is None:
            raise  # no answer: the request could not be built (a header httpx cannot encode)
        raise _invalid(
            call, f"The {operation} response is not the documented JSON ({type(error).__name__})"
        ) from None


def _has_error(error: object) -> bool:
    return not (error is None or isinstance(error, Unset))


def _optional_count(call: SyncCall | AsyncCall, value: object, name: str) -> int | None:
    if isinstance(value, Unset) or value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _invalid(call, f"data.data.{name} is {value!r}, not a count")


# --- train -----------------------------------------------------------------------------------


def train_body(group_id: str) -> TrainPhotoAvatarGroupBody:
    return TrainPhotoAvatarGroupBody(group_id=group_id)


def train_sync(call: SyncCall, group_id: str) -> TrainingJob:
    with explained(group_id):
        with _documented_json(call, "train"):
            result = train_photo_avatar_group.sync_detailed(
                client=_generated_client(call), body=train_body(group_id)
            )
        return _training_job(call, result.parsed, group_id)


async def train_async(call: AsyncCall, group_id: str) -> TrainingJob:
    with explained(group_id):
        with _documented_json(call, "train"):
            result = await train_photo_avatar_group.asyncio_detailed(
                client=_generated_client(call), body=train_body(group_id)
            )
        return _training_job(call, result.parsed, group_id)


def _training_job(call: SyncCall | AsyncCall, parsed: object, group_id: str) -> TrainingJob:
    if not isinstance(parsed, TrainPhotoAvatarGroupResponse200):
        raise _invalid(call, f"HTTP {_response(call).status_code} is not the documented train answer")
    result = parsed.data
    if _has_error(parsed.error):
        code = result.code if isinstance(result, TrainPhotoAvatarGroupResult) else None
        message = result.message if isinstance(result, TrainPhotoAvatarGroupResult) else None
        raise _envelope_error(call, parsed.error, code, message if isinstance(message, str) else None)
    if not isinstance(result, TrainPhotoAvatarGroupResult):
        _raise_if_v1_failure(call)
        raise _invalid(call, "The train response has no `data` object with a `code`")
    result_code: Any = result.code
    if not isinstance(result_code, int) or isinstance(result_code, bool):
        raise _invalid(call, f"data.code is {result_code!r}, not a number")
    if result_code != TRAIN_SUCCESS_CODE:
        message = result.message if isinstance(result.message, str) else None
        legacy = result.msg if isinstance(result.msg, str) else None
        raise _envelope_error(
            call, None, result_code, message or legacy or f"HeyGen answered with code {result_code}"
        )
    job = result.data
    if not isinstance(job, TrainPhotoAvatarGroupJob):
        raise _invalid(call, "The train response has no data.data.flow_id")
    flow_id: Any = job.flow_id
    if not isinstance(flow_id, str) or not flow_id:
        raise _invalid(call, f"data.data.flow_id is {flow_id!r}, not a non-empty string")
    return TrainingJob(
        group_id=group_id,
        flow_id=flow_id,
        photo_avatar_count=_optional_count(call, job.num_of_photar, "num_of_photar"),
        instant_avatar_count=_optional_count(call, job.num_of_instant_avatar, "num_of_instant_avatar"),
        studio_avatar_count=_optional_count(call, job.num_of_studio_avatar, "num_of_studio_avatar"),
    )


# --- training status -------------------------------------------------------------------------


def status_sync(call: SyncCall, group_id: str) -> TrainingStatus:
    with _documented_json(call, "status"):
        result = get_training_job_status.sync_detailed(group_id, client=_generated_client(call))
    return _training_status(call, result.parsed, group_id)


async def status_async(call: AsyncCall, group_id: str) -> TrainingStatus:
    with _documented_json(call, "status"):
        result = await get_training_job_status.asyncio_detailed(group_id, client=_generated_client(call))
    return _training_status(call, result.parsed, group_id)


def _training_status(call: SyncCall | AsyncCall, parsed: object, group_id: str) -> TrainingStatus:
    if not isinstance(parsed, TrainingStatusResponse):
        raise _invalid(call, f"HTTP {_response(call).status_code} is not the documented status answer")
    if _has_error(parsed.error):
        raise _envelope_error(call, parsed.error, None, None)
    data = parsed.data
    if not isinstance(data, TrainingStatusData):
        _raise_if_v1_failure(call)
        raise _invalid(call, "The status response has no `data` object with a `status`")
    raw: Any = data.status
    if not isinstance(raw, str):
        raise _invalid(call, f"data.status is {raw!r}, not a string")
    state = _KNOWN_STATES.get(raw, TrainingState.UNKNOWN)
    if state is TrainingState.UNKNOWN and raw not in _unknown_states_logged:
        _unknown_states_logged.add(raw)
        logger.warning("HeyGen reported an unknown training status %r for group %r", raw, group_id)
    error_message: Any = data.error_msg
    if isinstance(error_message, Unset):
        error_message = None
    if error_message is not None and not isinstance(error_message, str):
        raise _invalid(call, f"data.error_msg is {error_message!r}, not text")
    return TrainingStatus(
        group_id=group_id,
        state=state,
        raw_status=raw,
        error_message=error_message or None,
        created_at=_timestamp(call, data.created_at, "created_at"),
        updated_at=_timestamp(call, data.updated_at, "updated_at"),
    )


def _timestamp(call: SyncCall | AsyncCall, value: object, name: str) -> datetime | None:
    if value is None or isinstance(value, Unset):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    raise _invalid(call, f"data.{name} is {value!r}, not Unix seconds")
