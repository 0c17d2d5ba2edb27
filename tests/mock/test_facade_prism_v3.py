"""The v3 facade (`HeyGen` and `AsyncHeyGen`) against Prism on our v3 document, run with --errors:
a request the document forbids would be answered 400 and raised, so each call returning at all
shows Prism found nothing wrong with what the facade sent; the example answers come back typed.

The user's script of the v3 path, a photo to a ready avatar, runs as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import _prism
import pytest

import heygen
from tests.support.facade import KINDS, open_facade
from tests.support.v3 import JPEG, call, collect

pytestmark = pytest.mark.prism


def _photo(directory: Path, size: int) -> Path:
    path = directory / "face.jpg"
    path.write_bytes(JPEG + b"\x00" * size)
    return path


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size", [64, 2 * 1024 * 1024], ids=["inline", "uploaded-first"])
async def test_a_photo_becomes_a_ready_avatar(
    prism_v3: _prism.PrismServer, kind: str, size: int, tmp_path: Path
) -> None:
    async with open_facade(kind, base_url=prism_v3.base_url, max_retries=0) as facade:
        client = facade.client
        creation = await call(client, "avatars.create_photo", name="Anna", photo=_photo(tmp_path, size))
        assert isinstance(creation, heygen.AvatarCreation)
        assert isinstance(creation.look, heygen.AvatarLook) and creation.group_id
        assert creation.photo_sent_as == ("base64" if size == 64 else "asset_id")
        group = await call(client, "avatars.wait_until_ready", creation.group_id, timeout=30)
    assert isinstance(group, heygen.AvatarGroup)
    assert group.status is heygen.AvatarStatus.COMPLETED  # the document's first example


@pytest.mark.parametrize("kind", KINDS)
async def test_a_failed_example_raises_with_its_reason(prism_v3: _prism.PrismServer, kind: str) -> None:
    prefer = {"Prefer": "example=failed"}
    async with open_facade(kind, base_url=prism_v3.base_url, max_retries=0, default_headers=prefer) as facade:
        with pytest.raises(heygen.AvatarFailedError) as caught:
            await call(facade.client, "avatars.wait_until_ready", "ag_abc123", timeout=30)
    assert caught.value.error_code and caught.value.error_message


@pytest.mark.parametrize("kind", KINDS)
async def test_every_call_gets_a_typed_answer(
    prism_v3: _prism.PrismServer, kind: str, tmp_path: Path
) -> None:
    async with open_facade(kind, base_url=prism_v3.base_url, max_retries=0) as facade:
        client: Any = facade.client
        uploaded = await call(client, "assets.upload", _photo(tmp_path, 64))
        assert isinstance(uploaded, heygen.UploadedAsset)
        assert isinstance(await call(client, "assets.retrieve", uploaded.asset_id), heygen.Asset)
        prompt = await call(
            client,
            "avatars.create_from_prompt",
            name="Anna",
            prompt="A portrait",
            reference_images=[uploaded],
        )
        assert isinstance(prompt, heygen.AvatarCreation)
        consent = await call(client, "avatars.consent", "ag_abc123", consent_text="I agree")
        assert isinstance(consent, heygen.AvatarConsent) and isinstance(consent.group, heygen.AvatarGroup)
        # Prism answers every page with the same example, next_token included: one page each
        # (following it would be the endless loop the SDK refuses with PageLoopError).
        groups = (await call(client, "avatars.list", limit=10)).items
        assert groups and all(isinstance(group, heygen.AvatarGroup) for group in groups)
        looks = (await call(client, "avatars.looks.list", group_id="ag_abc123", limit=10)).items
        assert looks and all(isinstance(look, heygen.AvatarLook) for look in looks)
        with pytest.raises(heygen.PageLoopError):
            await collect(client, "avatars.list", limit=10)
        look = await call(client, "avatars.looks.retrieve", "look_abc123")
        assert isinstance(look, heygen.AvatarLook)
        assert isinstance(
            await call(client, "avatars.looks.update", look.id, name="Business"), heygen.AvatarLook
        )
        assert await call(client, "avatars.looks.delete", look.id) is None
        assert await call(client, "avatars.delete", "ag_abc123") is None
