from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_id_type import AssetIdType, check_asset_id_type

T = TypeVar("T", bound="AssetId")


@_attrs_define
class AssetId:
    """A file already uploaded with upload-asset."""

    type_: AssetIdType
    """ Says which kind of input this is. """
    asset_id: str
    """ The id upload-asset answered. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        asset_id = self.asset_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "asset_id": asset_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_asset_id_type(d.pop("type"))

        asset_id = d.pop("asset_id")

        asset_id = cls(
            type_=type_,
            asset_id=asset_id,
        )

        asset_id.additional_properties = d
        return asset_id

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
