from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.train_photo_avatar_group_job import TrainPhotoAvatarGroupJob


T = TypeVar("T", bound="TrainPhotoAvatarGroupResult")


@_attrs_define
class TrainPhotoAvatarGroupResult:
    """Contains information about the training process."""

    code: int
    """ Status code indicating the result of the API request. A 100 indicates a successful response. Other codes
    might indicate different types of errors. Refer to the <a href="https://docs.heygen.com/reference/errors"
    target="_blank">Error Responses</a> for more details.  """
    data: None | TrainPhotoAvatarGroupJob | Unset = UNSET
    """ Contains specific details about the photo avatar training job.  """
    msg: None | str | Unset = UNSET
    """ Legacy field for messages. This field is deprecated. """
    message: None | str | Unset = UNSET
    """ Human-readable message; in case of errors, an explanation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.train_photo_avatar_group_job import TrainPhotoAvatarGroupJob

        code = self.code

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, TrainPhotoAvatarGroupJob):
            data = self.data.to_dict()
        else:
            data = self.data

        msg: None | str | Unset
        if isinstance(self.msg, Unset):
            msg = UNSET
        else:
            msg = self.msg

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if msg is not UNSET:
            field_dict["msg"] = msg
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.train_photo_avatar_group_job import TrainPhotoAvatarGroupJob

        d = dict(src_dict)
        code = d.pop("code")

        def _parse_data(data: object) -> None | TrainPhotoAvatarGroupJob | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = TrainPhotoAvatarGroupJob.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrainPhotoAvatarGroupJob | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_msg(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        msg = _parse_msg(d.pop("msg", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        train_photo_avatar_group_result = cls(
            code=code,
            data=data,
            msg=msg,
            message=message,
        )

        train_photo_avatar_group_result.additional_properties = d
        return train_photo_avatar_group_result

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
