from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_error_detail import ApiErrorDetail
    from ..models.legacy_warning import LegacyWarning
    from ..models.training_status_data import TrainingStatusData


T = TypeVar("T", bound="TrainingStatusResponse")


@_attrs_define
class TrainingStatusResponse:
    """v2 envelope around the training status. [DOC] the Ready example starts {"error": null, "data": {"status": ..."""

    error: ApiErrorDetail | None | str | Unset = UNSET
    data: None | TrainingStatusData | Unset = UNSET
    warning: LegacyWarning | None | str | Unset = UNSET
    """ Present only while HeyGen deprecates the endpoint. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.api_error_detail import ApiErrorDetail
        from ..models.legacy_warning import LegacyWarning
        from ..models.training_status_data import TrainingStatusData

        error: dict[str, Any] | None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ApiErrorDetail):
            error = self.error.to_dict()
        else:
            error = self.error

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, TrainingStatusData):
            data = self.data.to_dict()
        else:
            data = self.data

        warning: dict[str, Any] | None | str | Unset
        if isinstance(self.warning, Unset):
            warning = UNSET
        elif isinstance(self.warning, LegacyWarning):
            warning = self.warning.to_dict()
        else:
            warning = self.warning

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if data is not UNSET:
            field_dict["data"] = data
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.api_error_detail import ApiErrorDetail
        from ..models.legacy_warning import LegacyWarning
        from ..models.training_status_data import TrainingStatusData

        d = dict(src_dict)

        def _parse_error(data: object) -> ApiErrorDetail | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ApiErrorDetail.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApiErrorDetail | None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_data(data: object) -> None | TrainingStatusData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = TrainingStatusData.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrainingStatusData | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_warning(data: object) -> LegacyWarning | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                warning_type_0 = LegacyWarning.from_dict(data)

                return warning_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LegacyWarning | None | str | Unset, data)

        warning = _parse_warning(d.pop("warning", UNSET))

        training_status_response = cls(
            error=error,
            data=data,
            warning=warning,
        )

        training_status_response.additional_properties = d
        return training_status_response

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
