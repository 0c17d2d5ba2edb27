from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_avatar_response import CreateAvatarResponse
from ...models.create_photo_avatar_request import CreatePhotoAvatarRequest
from ...models.create_prompt_avatar_request import CreatePromptAvatarRequest
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreatePhotoAvatarRequest | CreatePromptAvatarRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/avatars",
    }

    if isinstance(body, CreatePhotoAvatarRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateAvatarResponse | V3ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CreateAvatarResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = V3ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V3ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = V3ErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = V3ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = V3ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = V3ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = V3ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = V3ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateAvatarResponse | V3ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePhotoAvatarRequest | CreatePromptAvatarRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreateAvatarResponse | V3ErrorEnvelope]:
    """Create an avatar

     Creates a photo avatar from one photo (`type: photo`), or generates one from a text prompt (`type:
    prompt`). Without `avatar_group_id` a new group is made; with it, the new look joins that group.
    Training runs after the call returns: poll the group (or the look) until its status is `completed`.
    A paid call: send an Idempotency-Key so a retry cannot create (and charge for) a second avatar.
    HeyGen's third kind, `digital_twin` (from video footage), is not described here: the SDK does not
    ship it.

    Args:
        idempotency_key (str | Unset):
        body (CreatePhotoAvatarRequest | CreatePromptAvatarRequest): The kind of avatar to create,
            told apart by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAvatarResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePhotoAvatarRequest | CreatePromptAvatarRequest,
    idempotency_key: str | Unset = UNSET,
) -> CreateAvatarResponse | V3ErrorEnvelope | None:
    """Create an avatar

     Creates a photo avatar from one photo (`type: photo`), or generates one from a text prompt (`type:
    prompt`). Without `avatar_group_id` a new group is made; with it, the new look joins that group.
    Training runs after the call returns: poll the group (or the look) until its status is `completed`.
    A paid call: send an Idempotency-Key so a retry cannot create (and charge for) a second avatar.
    HeyGen's third kind, `digital_twin` (from video footage), is not described here: the SDK does not
    ship it.

    Args:
        idempotency_key (str | Unset):
        body (CreatePhotoAvatarRequest | CreatePromptAvatarRequest): The kind of avatar to create,
            told apart by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAvatarResponse | V3ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePhotoAvatarRequest | CreatePromptAvatarRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreateAvatarResponse | V3ErrorEnvelope]:
    """Create an avatar

     Creates a photo avatar from one photo (`type: photo`), or generates one from a text prompt (`type:
    prompt`). Without `avatar_group_id` a new group is made; with it, the new look joins that group.
    Training runs after the call returns: poll the group (or the look) until its status is `completed`.
    A paid call: send an Idempotency-Key so a retry cannot create (and charge for) a second avatar.
    HeyGen's third kind, `digital_twin` (from video footage), is not described here: the SDK does not
    ship it.

    Args:
        idempotency_key (str | Unset):
        body (CreatePhotoAvatarRequest | CreatePromptAvatarRequest): The kind of avatar to create,
            told apart by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAvatarResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreatePhotoAvatarRequest | CreatePromptAvatarRequest,
    idempotency_key: str | Unset = UNSET,
) -> CreateAvatarResponse | V3ErrorEnvelope | None:
    """Create an avatar

     Creates a photo avatar from one photo (`type: photo`), or generates one from a text prompt (`type:
    prompt`). Without `avatar_group_id` a new group is made; with it, the new look joins that group.
    Training runs after the call returns: poll the group (or the look) until its status is `completed`.
    A paid call: send an Idempotency-Key so a retry cannot create (and charge for) a second avatar.
    HeyGen's third kind, `digital_twin` (from video footage), is not described here: the SDK does not
    ship it.

    Args:
        idempotency_key (str | Unset):
        body (CreatePhotoAvatarRequest | CreatePromptAvatarRequest): The kind of avatar to create,
            told apart by `type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAvatarResponse | V3ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
