from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.avatar_status import AvatarStatus, check_avatar_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.avatar_error import AvatarError


T = TypeVar("T", bound="AvatarGroup")


@_attrs_define
class AvatarGroup:
    """An avatar group (an identity): a container of looks with one training status. Which kind of avatar it is shows on
    its looks.

    """

    id: str
    """ The group's id. """
    name: str
    """ Its display name. """
    created_at: int
    """ When it was created, Unix seconds. """
    looks_count: int
    """ How many looks it holds. """
    status: AvatarStatus | None | Unset = UNSET
    """ Training status; absent or null for public (stock) avatars. """
    consent_status: None | str | Unset = UNSET
    """ Where consent stands (e.g. `approved`); null when no consent is needed. Other values may appear. """
    error: AvatarError | None | Unset = UNSET
    """ Why training failed; only with status `failed`. """
    preview_image_url: None | str | Unset = UNSET
    """ A preview picture. """
    preview_video_url: None | str | Unset = UNSET
    """ A preview video. """
    gender: None | str | Unset = UNSET
    """ The avatar's gender, when known. """
    default_voice_id: None | str | Unset = UNSET
    """ The voice used when a video names none. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.avatar_error import AvatarError

        id = self.id

        name = self.name

        created_at = self.created_at

        looks_count = self.looks_count

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        consent_status: None | str | Unset
        if isinstance(self.consent_status, Unset):
            consent_status = UNSET
        else:
            consent_status = self.consent_status

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

        default_voice_id: None | str | Unset
        if isinstance(self.default_voice_id, Unset):
            default_voice_id = UNSET
        else:
            default_voice_id = self.default_voice_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created_at": created_at,
                "looks_count": looks_count,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if consent_status is not UNSET:
            field_dict["consent_status"] = consent_status
        if error is not UNSET:
            field_dict["error"] = error
        if preview_image_url is not UNSET:
            field_dict["preview_image_url"] = preview_image_url
        if preview_video_url is not UNSET:
            field_dict["preview_video_url"] = preview_video_url
        if gender is not UNSET:
            field_dict["gender"] = gender
        if default_voice_id is not UNSET:
            field_dict["default_voice_id"] = default_voice_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.avatar_error import AvatarError

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        created_at = d.pop("created_at")

        looks_count = d.pop("looks_count")

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

        def _parse_consent_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consent_status = _parse_consent_status(d.pop("consent_status", UNSET))

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

        def _parse_default_voice_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_voice_id = _parse_default_voice_id(d.pop("default_voice_id", UNSET))

        avatar_group = cls(
            id=id,
            name=name,
            created_at=created_at,
            looks_count=looks_count,
            status=status,
            consent_status=consent_status,
            error=error,
            preview_image_url=preview_image_url,
            preview_video_url=preview_video_url,
            gender=gender,
            default_voice_id=default_voice_id,
        )

        avatar_group.additional_properties = d
        return avatar_group

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
