from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.avatar_status import AvatarStatus, check_avatar_status
from ..models.avatar_type import AvatarType, check_avatar_type
from ..models.preferred_orientation import (
    PreferredOrientation,
    check_preferred_orientation,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.avatar_error import AvatarError


T = TypeVar("T", bound="AvatarLook")


@_attrs_define
class AvatarLook:
    """One look of an avatar (an outfit or style); its `id` is what video calls take as `avatar_id`."""

    id: str
    """ The look's id. """
    name: str
    """ Its display name. """
    avatar_type: AvatarType
    """ The kind of avatar a look is; it decides which engines and options it supports. """
    group_id: None | str | Unset = UNSET
    """ The group it belongs to. """
    status: AvatarStatus | None | Unset = UNSET
    """ Training status of this look; absent or null for public (stock) avatars. """
    error: AvatarError | None | Unset = UNSET
    """ Why training failed; only with status `failed`. """
    preview_image_url: None | str | Unset = UNSET
    """ A preview picture. """
    preview_video_url: None | str | Unset = UNSET
    """ A preview video. """
    gender: None | str | Unset = UNSET
    """ The avatar's gender, when known. """
    tags: list[str] | Unset = UNSET
    """ Labels attached to the look. """
    default_voice_id: None | str | Unset = UNSET
    """ The voice used when a video names none. """
    supported_api_engines: list[str] | Unset = UNSET
    """ The video engines this look works with (e.g. `avatar_iv`); other values may appear. """
    image_width: int | None | Unset = UNSET
    """ Native width in pixels. """
    image_height: int | None | Unset = UNSET
    """ Native height in pixels. """
    preferred_orientation: None | PreferredOrientation | Unset = UNSET
    """ The orientation the look suits best. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.avatar_error import AvatarError

        id = self.id

        name = self.name

        avatar_type: str = self.avatar_type

        group_id: None | str | Unset
        if isinstance(self.group_id, Unset):
            group_id = UNSET
        else:
            group_id = self.group_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, AvatarError):
            error = self.error.to_dict()
        else:
            error = self.error

        preview_image_url: None | str | Unset
        if isinstance(self.preview_image_url, Unset):
            preview_image_url = UNSET
        else:
            preview_image_url = self.preview_image_url

        preview_video_url: None | str | Unset
        if isinstance(self.preview_video_url, Unset):
            preview_video_url = UNSET
        else:
            preview_video_url = self.preview_video_url

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        else:
            gender = self.gender

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        default_voice_id: None | str | Unset
        if isinstance(self.default_voice_id, Unset):
            default_voice_id = UNSET
        else:
            default_voice_id = self.default_voice_id

        supported_api_engines: list[str] | Unset = UNSET
        if not isinstance(self.supported_api_engines, Unset):
            supported_api_engines = self.supported_api_engines

        image_width: int | None | Unset
        if isinstance(self.image_width, Unset):
            image_width = UNSET
        else:
            image_width = self.image_width

        image_height: int | None | Unset
        if isinstance(self.image_height, Unset):
            image_height = UNSET
        else:
            image_height = self.image_height

        preferred_orientation: None | str | Unset
        if isinstance(self.preferred_orientation, Unset):
            preferred_orientation = UNSET
        elif isinstance(self.preferred_orientation, str):
            preferred_orientation = self.preferred_orientation
        else:
            preferred_orientation = self.preferred_orientation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "avatar_type": avatar_type,
            }
        )
        if group_id is not UNSET:
            field_dict["group_id"] = group_id
        if status is not UNSET:
            field_dict["status"] = status
        if error is not UNSET:
            field_dict["error"] = error
        if preview_image_url is not UNSET:
            field_dict["preview_image_url"] = preview_image_url
        if preview_video_url is not UNSET:
            field_dict["preview_video_url"] = preview_video_url
        if gender is not UNSET:
            field_dict["gender"] = gender
        if tags is not UNSET:
            field_dict["tags"] = tags
        if default_voice_id is not UNSET:
            field_dict["default_voice_id"] = default_voice_id
        if supported_api_engines is not UNSET:
            field_dict["supported_api_engines"] = supported_api_engines
        if image_width is not UNSET:
            field_dict["image_width"] = image_width
        if image_height is not UNSET:
            field_dict["image_height"] = image_height
        if preferred_orientation is not UNSET:
            field_dict["preferred_orientation"] = preferred_orientation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.avatar_error import AvatarError

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        avatar_type = check_avatar_type(d.pop("avatar_type"))

        def _parse_group_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_id = _parse_group_id(d.pop("group_id", UNSET))

        def _parse_status(data: object) -> AvatarStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_avatar_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_error(data: object) -> AvatarError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = AvatarError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_preview_image_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_image_url = _parse_preview_image_url(d.pop("preview_image_url", UNSET))

        def _parse_preview_video_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_video_url = _parse_preview_video_url(d.pop("preview_video_url", UNSET))

        def _parse_gender(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_default_voice_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_voice_id = _parse_default_voice_id(d.pop("default_voice_id", UNSET))

        supported_api_engines = cast(list[str], d.pop("supported_api_engines", UNSET))

        def _parse_image_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        image_width = _parse_image_width(d.pop("image_width", UNSET))

        def _parse_image_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        image_height = _parse_image_height(d.pop("image_height", UNSET))

        def _parse_preferred_orientation(
            data: object,
        ) -> None | PreferredOrientation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_orientation_type_0 = check_preferred_orientation(data)

                return preferred_orientation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreferredOrientation | Unset, data)

        preferred_orientation = _parse_preferred_orientation(
            d.pop("preferred_orientation", UNSET)
        )

        avatar_look = cls(
            id=id,
            name=name,
            avatar_type=avatar_type,
            group_id=group_id,
            status=status,
            error=error,
            preview_image_url=preview_image_url,
            preview_video_url=preview_video_url,
            gender=gender,
            tags=tags,
            default_voice_id=default_voice_id,
            supported_api_engines=supported_api_engines,
            image_width=image_width,
            image_height=image_height,
            preferred_orientation=preferred_orientation,
        )

        avatar_look.additional_properties = d
        return avatar_look

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
