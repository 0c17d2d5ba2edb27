from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.avatar_look_page import AvatarLookPage
from ...models.avatar_type import AvatarType
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    group_id: str | Unset = UNSET,
    avatar_type: AvatarType | Unset = UNSET,
    ownership: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["group_id"] = group_id

    json_avatar_type: str | Unset = UNSET
    if not isinstance(avatar_type, Unset):
        json_avatar_type = avatar_type

    params["avatar_type"] = json_avatar_type

    params["ownership"] = ownership

    params["limit"] = limit

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/avatars/looks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AvatarLookPage | V3ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AvatarLookPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = V3ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V3ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V3ErrorEnvelope.from_dict(response.json())

        return response_403

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
) -> Response[AvatarLookPage | V3ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    group_id: str | Unset = UNSET,
    avatar_type: AvatarType | Unset = UNSET,
    ownership: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AvatarLookPage | V3ErrorEnvelope]:
    """List avatar looks

     One page of looks, optionally only those of one group, of one avatar type, or of one ownership.

    Args:
        group_id (str | Unset):
        avatar_type (AvatarType | Unset): The kind of avatar a look is; it decides which engines
            and options it supports.
        ownership (str | Unset):
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvatarLookPage | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        avatar_type=avatar_type,
        ownership=ownership,
        limit=limit,
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    group_id: str | Unset = UNSET,
    avatar_type: AvatarType | Unset = UNSET,
    ownership: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AvatarLookPage | V3ErrorEnvelope | None:
    """List avatar looks

     One page of looks, optionally only those of one group, of one avatar type, or of one ownership.

    Args:
        group_id (str | Unset):
        avatar_type (AvatarType | Unset): The kind of avatar a look is; it decides which engines
            and options it supports.
        ownership (str | Unset):
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvatarLookPage | V3ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        group_id=group_id,
        avatar_type=avatar_type,
        ownership=ownership,
        limit=limit,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    group_id: str | Unset = UNSET,
    avatar_type: AvatarType | Unset = UNSET,
    ownership: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AvatarLookPage | V3ErrorEnvelope]:
    """List avatar looks

     One page of looks, optionally only those of one group, of one avatar type, or of one ownership.

    Args:
        group_id (str | Unset):
        avatar_type (AvatarType | Unset): The kind of avatar a look is; it decides which engines
            and options it supports.
        ownership (str | Unset):
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvatarLookPage | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        avatar_type=avatar_type,
        ownership=ownership,
        limit=limit,
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    group_id: str | Unset = UNSET,
    avatar_type: AvatarType | Unset = UNSET,
    ownership: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AvatarLookPage | V3ErrorEnvelope | None:
    """List avatar looks

     One page of looks, optionally only those of one group, of one avatar type, or of one ownership.

    Args:
        group_id (str | Unset):
        avatar_type (AvatarType | Unset): The kind of avatar a look is; it decides which engines
            and options it supports.
        ownership (str | Unset):
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvatarLookPage | V3ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            group_id=group_id,
            avatar_type=avatar_type,
            ownership=ownership,
            limit=limit,
            token=token,
        )
    ).parsed
