from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.upload_asset_body import UploadAssetBody
from ...models.upload_asset_response import UploadAssetResponse
from ...models.v3_error_envelope import V3ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UploadAssetBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/assets",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> UploadAssetResponse | V3ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = UploadAssetResponse.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = V3ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = V3ErrorEnvelope.from_dict(response.json())

        return response_413

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
) -> Response[UploadAssetResponse | V3ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadAssetBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[UploadAssetResponse | V3ErrorEnvelope]:
    """Upload an asset

     Sends one file (an image, video, audio, PDF or subtitle file of at most 32 MB) as multipart form
    data and answers with the new asset's id, which avatar creation accepts as `{"type": "asset_id",
    "asset_id": ...}`.

    Args:
        idempotency_key (str | Unset):
        body (UploadAssetBody): The multipart form of an upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UploadAssetResponse | V3ErrorEnvelope]
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
    body: UploadAssetBody,
    idempotency_key: str | Unset = UNSET,
) -> UploadAssetResponse | V3ErrorEnvelope | None:
    """Upload an asset

     Sends one file (an image, video, audio, PDF or subtitle file of at most 32 MB) as multipart form
    data and answers with the new asset's id, which avatar creation accepts as `{"type": "asset_id",
    "asset_id": ...}`.

    Args:
        idempotency_key (str | Unset):
        body (UploadAssetBody): The multipart form of an upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UploadAssetResponse | V3ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadAssetBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[UploadAssetResponse | V3ErrorEnvelope]:
    """Upload an asset

     Sends one file (an image, video, audio, PDF or subtitle file of at most 32 MB) as multipart form
    data and answers with the new asset's id, which avatar creation accepts as `{"type": "asset_id",
    "asset_id": ...}`.

    Args:
        idempotency_key (str | Unset):
        body (UploadAssetBody): The multipart form of an upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UploadAssetResponse | V3ErrorEnvelope]
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
    body: UploadAssetBody,
    idempotency_key: str | Unset = UNSET,
) -> UploadAssetResponse | V3ErrorEnvelope | None:
    """Upload an asset

     Sends one file (an image, video, audio, PDF or subtitle file of at most 32 MB) as multipart form
    data and answers with the new asset's id, which avatar creation accepts as `{"type": "asset_id",
    "asset_id": ...}`.

    Args:
        idempotency_key (str | Unset):
        body (UploadAssetBody): The multipart form of an upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UploadAssetResponse | V3ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
