from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_url_type import AssetUrlType, check_asset_url_type

T = TypeVar("T", bound="AssetUrl")


@_attrs_define
class AssetUrl:
    """A file HeyGen downloads from a public HTTPS URL."""

    type_: AssetUrlType
    """ Says which kind of input this is. """
    url: str
    """ A public HTTPS URL of the file. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_asset_url_type(d.pop("type"))

        url = d.pop("url")

        asset_url = cls(
            type_=type_,
            url=url,
        )

        asset_url.additional_properties = d
        return asset_url

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
