from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.avatar_look_response import AvatarLookResponse
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...types import Response


def _get_kwargs(
    look_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/avatars/looks/{look_id}".format(
            look_id=quote(str(look_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AvatarLookResponse | V3ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AvatarLookResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = V3ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[AvatarLookResponse | V3ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    look_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AvatarLookResponse | V3ErrorEnvelope]:
    """Get an avatar look

     One look and its own training status; a look added to a group that is already complete is followed
    here.

    Args:
        look_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvatarLookResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        look_id=look_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    look_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AvatarLookResponse | V3ErrorEnvelope | None:
    """Get an avatar look

     One look and its own training status; a look added to a group that is already complete is followed
    here.

    Args:
        look_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvatarLookResponse | V3ErrorEnvelope
    """

    return sync_detailed(
        look_id=look_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    look_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AvatarLookResponse | V3ErrorEnvelope]:
    """Get an avatar look

     One look and its own training status; a look added to a group that is already complete is followed
    here.

    Args:
        look_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AvatarLookResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        look_id=look_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    look_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AvatarLookResponse | V3ErrorEnvelope | None:
    """Get an avatar look

     One look and its own training status; a look added to a group that is already complete is followed
    here.

    Args:
        look_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AvatarLookResponse | V3ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            look_id=look_id,
            client=client,
        )
    ).parsed
