from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_base_64_type import AssetBase64Type, check_asset_base_64_type

T = TypeVar("T", bound="AssetBase64")


@_attrs_define
class AssetBase64:
    """A file sent inline, base64-encoded."""

    type_: AssetBase64Type
    """ Says which kind of input this is. """
    media_type: str
    """ The MIME type of the content, e.g. `image/png`. """
    data: str
    """ The file's bytes, base64-encoded. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        media_type = self.media_type

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "media_type": media_type,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_asset_base_64_type(d.pop("type"))

        media_type = d.pop("media_type")

        data = d.pop("data")

        asset_base_64 = cls(
            type_=type_,
            media_type=media_type,
            data=data,
        )

        asset_base_64.additional_properties = d
        return asset_base_64

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
