from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...models.webhook_endpoint_page import WebhookEndpointPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/webhooks/endpoints",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> V3ErrorEnvelope | WebhookEndpointPage | None:
    if response.status_code == 200:
        response_200 = WebhookEndpointPage.from_dict(response.json())

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
) -> Response[V3ErrorEnvelope | WebhookEndpointPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[V3ErrorEnvelope | WebhookEndpointPage]:
    """List webhook endpoints

     One page of the registered endpoints (without their secrets).

    Args:
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V3ErrorEnvelope | WebhookEndpointPage]
    """

    kwargs = _get_kwargs(
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
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> V3ErrorEnvelope | WebhookEndpointPage | None:
    """List webhook endpoints

     One page of the registered endpoints (without their secrets).

    Args:
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V3ErrorEnvelope | WebhookEndpointPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[V3ErrorEnvelope | WebhookEndpointPage]:
    """List webhook endpoints

     One page of the registered endpoints (without their secrets).

    Args:
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V3ErrorEnvelope | WebhookEndpointPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    token: str | Unset = UNSET,
) -> V3ErrorEnvelope | WebhookEndpointPage | None:
    """List webhook endpoints

     One page of the registered endpoints (without their secrets).

    Args:
        limit (int | Unset):
        token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V3ErrorEnvelope | WebhookEndpointPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            token=token,
        )
    ).parsed
