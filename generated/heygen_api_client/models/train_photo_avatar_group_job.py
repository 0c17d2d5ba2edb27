from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainPhotoAvatarGroupJob")


@_attrs_define
class TrainPhotoAvatarGroupJob:
    """Contains specific details about the photo avatar training job."""

    flow_id: str
    """ Unique identifier of the training process.  """
    num_of_photar: int | Unset = UNSET
    """ Number of photo avatars included in the avatar group.  """
    num_of_instant_avatar: int | Unset = UNSET
    """ Number of instant avatars included in the avatar group.  """
    num_of_studio_avatar: int | Unset = UNSET
    """ Number of studio (both public and custom) avatars included in the avatar group.  """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        flow_id = self.flow_id

        num_of_photar = self.num_of_photar

        num_of_instant_avatar = self.num_of_instant_avatar

        num_of_studio_avatar = self.num_of_studio_avatar

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flow_id": flow_id,
            }
        )
        if num_of_photar is not UNSET:
            field_dict["num_of_photar"] = num_of_photar
        if num_of_instant_avatar is not UNSET:
            field_dict["num_of_instant_avatar"] = num_of_instant_avatar
        if num_of_studio_avatar is not UNSET:
            field_dict["num_of_studio_avatar"] = num_of_studio_avatar

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        flow_id = d.pop("flow_id")

        num_of_photar = d.pop("num_of_photar", UNSET)

        num_of_instant_avatar = d.pop("num_of_instant_avatar", UNSET)

        num_of_studio_avatar = d.pop("num_of_studio_avatar", UNSET)

        train_photo_avatar_group_job = cls(
            flow_id=flow_id,
            num_of_photar=num_of_photar,
            num_of_instant_avatar=num_of_instant_avatar,
            num_of_studio_avatar=num_of_studio_avatar,
        )

        train_photo_avatar_group_job.additional_properties = d
        return train_photo_avatar_group_job

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
