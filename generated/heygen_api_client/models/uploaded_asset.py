from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UploadedAsset")


@_attrs_define
class UploadedAsset:
    """What an upload answers."""

    asset_id: str
    """ The new asset's id, for use in other calls. """
    url: str
    """ Where the stored file can be fetched. """
    mime_type: str
    """ The MIME type HeyGen detected. """
    size_bytes: int
    """ The file's size in bytes. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = self.asset_id

        url = self.url

        mime_type = self.mime_type

        size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "url": url,
                "mime_type": mime_type,
                "size_bytes": size_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        asset_id = d.pop("asset_id")

        url = d.pop("url")

        mime_type = d.pop("mime_type")

        size_bytes = d.pop("size_bytes")

        uploaded_asset = cls(
            asset_id=asset_id,
            url=url,
            mime_type=mime_type,
            size_bytes=size_bytes,
        )

        uploaded_asset.additional_properties = d
        return uploaded_asset

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
