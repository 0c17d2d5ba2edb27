from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_envelope import ApiErrorEnvelope
from ...models.train_photo_avatar_group_body import TrainPhotoAvatarGroupBody
from ...models.train_photo_avatar_group_response_200 import (
    TrainPhotoAvatarGroupResponse200,
)
from ...types import Response


def _get_kwargs(
    *,
    body: TrainPhotoAvatarGroupBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/photo_avatar/train",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200 | None:
    if response.status_code == 200:
        response_200 = TrainPhotoAvatarGroupResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ApiErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ApiErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ApiErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ApiErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ApiErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TrainPhotoAvatarGroupBody,
) -> Response[ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200]:
    """Train photo avatar group

     Train a photo avatar group.

    Args:
        body (TrainPhotoAvatarGroupBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TrainPhotoAvatarGroupBody,
) -> ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200 | None:
    """Train photo avatar group

     Train a photo avatar group.

    Args:
        body (TrainPhotoAvatarGroupBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TrainPhotoAvatarGroupBody,
) -> Response[ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200]:
    """Train photo avatar group

     Train a photo avatar group.

    Args:
        body (TrainPhotoAvatarGroupBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TrainPhotoAvatarGroupBody,
) -> ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200 | None:
    """Train photo avatar group

     Train a photo avatar group.

    Args:
        body (TrainPhotoAvatarGroupBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorEnvelope | TrainPhotoAvatarGroupResponse200
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
