from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_avatar_consent_request import CreateAvatarConsentRequest
from ...models.create_avatar_consent_response import CreateAvatarConsentResponse
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    group_id: str,
    *,
    body: CreateAvatarConsentRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/avatars/{group_id}/consent".format(
            group_id=quote(str(group_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateAvatarConsentResponse | V3ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CreateAvatarConsentResponse.from_dict(response.json())

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
) -> Response[CreateAvatarConsentResponse | V3ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    group_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateAvatarConsentRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreateAvatarConsentResponse | V3ErrorEnvelope]:
    """Start the consent flow of an avatar group

     For a group whose status is `pending_consent`: answers with a page where the person shown gives
    consent (or, for enterprise accounts, submits a recorded consent video directly). Photo avatars
    normally need none (their `consent_status` is null).

    Args:
        group_id (str):
        idempotency_key (str | Unset):
        body (CreateAvatarConsentRequest | Unset): Options of the consent flow; all optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAvatarConsentResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    group_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateAvatarConsentRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CreateAvatarConsentResponse | V3ErrorEnvelope | None:
    """Start the consent flow of an avatar group

     For a group whose status is `pending_consent`: answers with a page where the person shown gives
    consent (or, for enterprise accounts, submits a recorded consent video directly). Photo avatars
    normally need none (their `consent_status` is null).

    Args:
        group_id (str):
        idempotency_key (str | Unset):
        body (CreateAvatarConsentRequest | Unset): Options of the consent flow; all optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAvatarConsentResponse | V3ErrorEnvelope
    """

    return sync_detailed(
        group_id=group_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    group_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateAvatarConsentRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreateAvatarConsentResponse | V3ErrorEnvelope]:
    """Start the consent flow of an avatar group

     For a group whose status is `pending_consent`: answers with a page where the person shown gives
    consent (or, for enterprise accounts, submits a recorded consent video directly). Photo avatars
    normally need none (their `consent_status` is null).

    Args:
        group_id (str):
        idempotency_key (str | Unset):
        body (CreateAvatarConsentRequest | Unset): Options of the consent flow; all optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateAvatarConsentResponse | V3ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        group_id=group_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    group_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateAvatarConsentRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CreateAvatarConsentResponse | V3ErrorEnvelope | None:
    """Start the consent flow of an avatar group

     For a group whose status is `pending_consent`: answers with a page where the person shown gives
    consent (or, for enterprise accounts, submits a recorded consent video directly). Photo avatars
    normally need none (their `consent_status` is null).

    Args:
        group_id (str):
        idempotency_key (str | Unset):
        body (CreateAvatarConsentRequest | Unset): Options of the consent flow; all optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateAvatarConsentResponse | V3ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            group_id=group_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
