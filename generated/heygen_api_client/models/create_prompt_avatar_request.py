from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_prompt_avatar_request_type import (
    CreatePromptAvatarRequestType,
    check_create_prompt_avatar_request_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset_base_64 import AssetBase64
    from ..models.asset_id import AssetId
    from ..models.asset_url import AssetUrl


T = TypeVar("T", bound="CreatePromptAvatarRequest")


@_attrs_define
class CreatePromptAvatarRequest:
    """An avatar look generated from a text prompt."""

    type_: CreatePromptAvatarRequestType
    """ Says this avatar is generated from a prompt. """
    name: str
    """ The avatar's name. """
    prompt: str
    """ What to generate. """
    avatar_id: None | str | Unset = UNSET
    """ A look to use as the visual reference; the result joins its group (which must match `avatar_group_id` if
    both are given). """
    avatar_group_id: None | str | Unset = UNSET
    """ The group to save the result in; a new one by default. """
    reference_images: list[AssetBase64 | AssetId | AssetUrl] | None | Unset = UNSET
    """ Up to three images to guide the generation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_id import AssetId
        from ..models.asset_url import AssetUrl

        type_: str = self.type_

        name = self.name

        prompt = self.prompt

        avatar_id: None | str | Unset
        if isinstance(self.avatar_id, Unset):
            avatar_id = UNSET
        else:
            avatar_id = self.avatar_id

        avatar_group_id: None | str | Unset
        if isinstance(self.avatar_group_id, Unset):
            avatar_group_id = UNSET
        else:
            avatar_group_id = self.avatar_group_id

        reference_images: list[dict[str, Any]] | None | Unset
        if isinstance(self.reference_images, Unset):
            reference_images = UNSET
        elif isinstance(self.reference_images, list):
            reference_images = []
            for reference_images_type_0_item_data in self.reference_images:
                reference_images_type_0_item: dict[str, Any]
                if isinstance(
                    reference_images_type_0_item_data, AssetUrl
                ) or isinstance(reference_images_type_0_item_data, AssetId):
                    reference_images_type_0_item = (
                        reference_images_type_0_item_data.to_dict()
                    )
                else:
                    reference_images_type_0_item = (
                        reference_images_type_0_item_data.to_dict()
                    )

                reference_images.append(reference_images_type_0_item)

        else:
            reference_images = self.reference_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "prompt": prompt,
            }
        )
        if avatar_id is not UNSET:
            field_dict["avatar_id"] = avatar_id
        if avatar_group_id is not UNSET:
            field_dict["avatar_group_id"] = avatar_group_id
        if reference_images is not UNSET:
            field_dict["reference_images"] = reference_images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.asset_base_64 import AssetBase64
        from ..models.asset_id import AssetId
        from ..models.asset_url import AssetUrl

        d = dict(src_dict)
        type_ = check_create_prompt_avatar_request_type(d.pop("type"))

        name = d.pop("name")

        prompt = d.pop("prompt")

        def _parse_avatar_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar_id = _parse_avatar_id(d.pop("avatar_id", UNSET))

        def _parse_avatar_group_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar_group_id = _parse_avatar_group_id(d.pop("avatar_group_id", UNSET))

        def _parse_reference_images(
            data: object,
        ) -> list[AssetBase64 | AssetId | AssetUrl] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                reference_images_type_0 = []
                _reference_images_type_0 = data
                for reference_images_type_0_item_data in _reference_images_type_0:

                    def _parse_reference_images_type_0_item(
                        data: object,
                    ) -> AssetBase64 | AssetId | AssetUrl:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_asset_input_type_0 = AssetUrl.from_dict(
                                data
                            )

                            return componentsschemas_asset_input_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_asset_input_type_1 = AssetId.from_dict(
                                data
                            )

                            return componentsschemas_asset_input_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_asset_input_type_2 = AssetBase64.from_dict(
                            data
                        )

                        return componentsschemas_asset_input_type_2

                    reference_images_type_0_item = _parse_reference_images_type_0_item(
                        reference_images_type_0_item_data
                    )

                    reference_images_type_0.append(reference_images_type_0_item)

                return reference_images_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AssetBase64 | AssetId | AssetUrl] | None | Unset, data)

        reference_images = _parse_reference_images(d.pop("reference_images", UNSET))

        create_prompt_avatar_request = cls(
            type_=type_,
            name=name,
            prompt=prompt,
            avatar_id=avatar_id,
            avatar_group_id=avatar_group_id,
            reference_images=reference_images,
        )

        create_prompt_avatar_request.additional_properties = d
        return create_prompt_avatar_request

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
