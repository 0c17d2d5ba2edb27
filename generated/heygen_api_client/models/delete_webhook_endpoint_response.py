from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delete_webhook_endpoint_response_data import (
        DeleteWebhookEndpointResponseData,
    )
    from ..models.delete_webhook_endpoint_response_error_type_0 import (
        DeleteWebhookEndpointResponseErrorType0,
    )


T = TypeVar("T", bound="DeleteWebhookEndpointResponse")


@_attrs_define
class DeleteWebhookEndpointResponse:
    """What deleting an endpoint answers (HeyGen's schema has an empty `data` and a nullable `error`)."""

    data: DeleteWebhookEndpointResponseData | Unset = UNSET
    """ Empty. """
    error: DeleteWebhookEndpointResponseErrorType0 | None | Unset = UNSET
    """ Always null on success. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.delete_webhook_endpoint_response_error_type_0 import (
            DeleteWebhookEndpointResponseErrorType0,
        )

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, DeleteWebhookEndpointResponseErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delete_webhook_endpoint_response_data import (
            DeleteWebhookEndpointResponseData,
        )
        from ..models.delete_webhook_endpoint_response_error_type_0 import (
            DeleteWebhookEndpointResponseErrorType0,
        )

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: DeleteWebhookEndpointResponseData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = DeleteWebhookEndpointResponseData.from_dict(_data)

        def _parse_error(
            data: object,
        ) -> DeleteWebhookEndpointResponseErrorType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = DeleteWebhookEndpointResponseErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeleteWebhookEndpointResponseErrorType0 | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        delete_webhook_endpoint_response = cls(
            data=data,
            error=error,
        )

        delete_webhook_endpoint_response.additional_properties = d
        return delete_webhook_endpoint_response

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
