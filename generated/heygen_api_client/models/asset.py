from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """An asset as stored in the account."""

    id: str
    """ The asset's id. """
    name: str
    """ Its display name. """
    type_: str
    """ The kind of file, e.g. `image`, `video`, `audio`, `font`. """
    owner: str
    """ The user name of whoever uploaded it. """
    space_id: str
    """ The space the asset belongs to. """
    uploaded_at: int
    """ When it was uploaded, Unix seconds. """
    folder_id: None | str | Unset = UNSET
    """ The folder holding it; null at the top of the space. """
    url: None | str | Unset = UNSET
    """ Where it can be fetched; null when HeyGen cannot make a URL. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        owner = self.owner

        space_id = self.space_id

        uploaded_at = self.uploaded_at

        folder_id: None | str | Unset
        if isinstance(self.folder_id, Unset):
            folder_id = UNSET
        else:
            folder_id = self.folder_id

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "owner": owner,
                "space_id": space_id,
                "uploaded_at": uploaded_at,
            }
        )
        if folder_id is not UNSET:
            field_dict["folder_id"] = folder_id
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type")

        owner = d.pop("owner")

        space_id = d.pop("space_id")

        uploaded_at = d.pop("uploaded_at")

        def _parse_folder_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        folder_id = _parse_folder_id(d.pop("folder_id", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        asset = cls(
            id=id,
            name=name,
            type_=type_,
            owner=owner,
            space_id=space_id,
            uploaded_at=uploaded_at,
            folder_id=folder_id,
            url=url,
        )

        asset.additional_properties = d
        return asset

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
