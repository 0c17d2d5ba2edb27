"""`client.assets`: upload a file to HeyGen (`POST /v3/assets`) and look one up."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Unpack

from . import _v3_adapters as ops
from ._avatar_args import validate_id
from ._avatar_types import Asset, UploadedAsset
from ._idempotency import resolve_key
from ._response import RawResponse
from ._uploads import UploadFile, open_upload

if TYPE_CHECKING:
    from ._client import AsyncHeyGen, HeyGen


class Assets:
    """Files on HeyGen, on a `HeyGen` client.

    Both methods also take `timeout=`, `max_retries=` and `extra_headers=`, for that call only.
    """

    def __init__(self, client: HeyGen) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AssetsWithRawResponse:
        """The same methods, returning `RawResponse` (status, headers, idempotency key, result)."""
        return AssetsWithRawResponse(self)

    def _upload_file(
        self,
        file: UploadFile,
        key: str,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[UploadedAsset]:
        try:
            return ops.run_sync(self._client, ops.upload_asset(file), key=key, **options)
        finally:
            file.close()

    def upload(
        self,
        file: object,
        *,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> UploadedAsset:
        """Upload a file to HeyGen (`POST /v3/assets`, multipart), to use as a photo.

        The file is streamed from disk (or from the file object, from its current position),
        never read whole into memory; a file over 32 MB is refused before anything is sent.
        Every upload carries an `Idempotency-Key` (yours, or a fresh UUID), the same on each
        retry, so a retry after a lost answer cannot store the file twice.

        Args:
            file: A `pathlib.Path`, bytes, or a file object opened in binary mode. (A str is
                refused: pass `Path("face.jpg")`.)
            content_type: The file's type; default: from the file name, else from its first bytes.
            idempotency_key: Your own key (1-255 of A-Z a-z 0-9 _ : . -), to retry across runs.
                Reusing a key within 24 hours replays the first answer, even for another file.
            options: `timeout=`, `max_retries=`, `extra_headers=` for this call only.

        Returns:
            The `UploadedAsset`: pass it as `photo=` to `client.avatars.create_photo`.

        Raises:
            TypeError, ValueError: the file is missing, empty, too large or not binary.
            heygen.APIError: as any call (the `idempotency_key` is on the error).
        """
        key = resolve_key(idempotency_key)
        upload = open_upload(file, content_type=content_type)
        return self._upload_file(upload, key, **options).parsed

    def retrieve(
        self,
        asset_id: str,
        **options: Unpack[ops.RequestOptions],
    ) -> Asset:
        """An asset's record (`GET /v3/assets/{asset_id}`)."""
        operation = ops.get_asset(validate_id(asset_id, "asset_id"))
        return ops.run_sync(self._client, operation, **options).parsed


class AssetsWithRawResponse:
    """`client.assets.with_raw_response`: each method returns a `RawResponse`."""

    def __init__(self, resource: Assets) -> None:
        self._resource = resource

    def upload(
        self,
        file: object,
        *,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[UploadedAsset]:
        """`upload`, returning the raw response (its `idempotency_key` included)."""
        key = resolve_key(idempotency_key)
        return self._resource._upload_file(open_upload(file, content_type=content_type), key, **options)

    def retrieve(self, asset_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[Asset]:
        """`retrieve`, returning the raw response."""
        return ops.run_sync(
            self._resource._client, ops.get_asset(validate_id(asset_id, "asset_id")), **options
        )


class AsyncAssets:
    """Files on HeyGen, on an `AsyncHeyGen` client. Same methods as `Assets`, awaited."""

    def __init__(self, client: AsyncHeyGen) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAssetsWithRawResponse:
        """The same methods, returning `RawResponse` (status, headers, idempotency key, result)."""
        return AsyncAssetsWithRawResponse(self)

    async def _upload_file(
        self,
        file: UploadFile,
        key: str,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[UploadedAsset]:
        try:
            return await ops.run_async(self._client, ops.upload_asset(file), key=key, **options)
        finally:
            file.close()

    async def upload(
        self,
        file: object,
        *,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> UploadedAsset:
        """Upload a file to HeyGen, streamed, with an idempotency key. See `Assets.upload`."""
        key = resolve_key(idempotency_key)
        upload = open_upload(file, content_type=content_type)
        return (await self._upload_file(upload, key, **options)).parsed

    async def retrieve(
        self,
        asset_id: str,
        **options: Unpack[ops.RequestOptions],
    ) -> Asset:
        """An asset's record (`GET /v3/assets/{asset_id}`)."""
        operation = ops.get_asset(validate_id(asset_id, "asset_id"))
        raw = await ops.run_async(self._client, operation, **options)
        return raw.parsed


class AsyncAssetsWithRawResponse:
    """`client.assets.with_raw_response` on an `AsyncHeyGen`."""

    def __init__(self, resource: AsyncAssets) -> None:
        self._resource = resource

    async def upload(
        self,
        file: object,
        *,
        content_type: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[ops.RequestOptions],
    ) -> RawResponse[UploadedAsset]:
        """`upload`, returning the raw response (its `idempotency_key` included)."""
        key = resolve_key(idempotency_key)
        return await self._resource._upload_file(open_upload(file, content_type=content_type), key, **options)

    async def retrieve(self, asset_id: str, **options: Unpack[ops.RequestOptions]) -> RawResponse[Asset]:
        """`retrieve`, returning the raw response."""
        return await ops.run_async(
            self._resource._client, ops.get_asset(validate_id(asset_id, "asset_id")), **options
        )
