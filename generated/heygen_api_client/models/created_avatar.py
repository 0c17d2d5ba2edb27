from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.avatar_group import AvatarGroup
    from ..models.avatar_look import AvatarLook


T = TypeVar("T", bound="CreatedAvatar")


@_attrs_define
class CreatedAvatar:
    """The new look and the group it is in."""

    avatar_item: AvatarLook | None | Unset = UNSET
    """ The new look. """
    avatar_group: AvatarGroup | None | Unset = UNSET
    """ The group holding the new look. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.avatar_group import AvatarGroup
        from ..models.avatar_look import AvatarLook

        avatar_item: dict[str, Any] | None | Unset
        if isinstance(self.avatar_item, Unset):
            avatar_item = UNSET
        elif isinstance(self.avatar_item, AvatarLook):
            avatar_item = self.avatar_item.to_dict()
        else:
            avatar_item = self.avatar_item

        avatar_group: dict[str, Any] | None | Unset
        if isinstance(self.avatar_group, Unset):
            avatar_group = UNSET
        elif isinstance(self.avatar_group, AvatarGroup):
            avatar_group = self.avatar_group.to_dict()
        else:
            avatar_group = self.avatar_group

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if avatar_item is not UNSET:
            field_dict["avatar_item"] = avatar_item
        if avatar_group is not UNSET:
            field_dict["avatar_group"] = avatar_group

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.avatar_group import AvatarGroup
        from ..models.avatar_look import AvatarLook

        d = dict(src_dict)

        def _parse_avatar_item(data: object) -> AvatarLook | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                avatar_item_type_0 = AvatarLook.from_dict(data)

                return avatar_item_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarLook | None | Unset, data)

        avatar_item = _parse_avatar_item(d.pop("avatar_item", UNSET))

        def _parse_avatar_group(data: object) -> AvatarGroup | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                avatar_group_type_0 = AvatarGroup.from_dict(data)

                return avatar_group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarGroup | None | Unset, data)

        avatar_group = _parse_avatar_group(d.pop("avatar_group", UNSET))

        created_avatar = cls(
            avatar_item=avatar_item,
            avatar_group=avatar_group,
        )

        created_avatar.additional_properties = d
        return created_avatar

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
