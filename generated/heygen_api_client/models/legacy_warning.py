from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyWarning")


@_attrs_define
class LegacyWarning:
    """HeyGen's notice, beside `error` and `data`, that this v2 endpoint is deprecated. Every field may be missing or null."""

    message: None | str | Unset = UNSET
    """ HeyGen's notice, in its own words. """
    v3_endpoint: None | str | Unset = UNSET
    """ The v3 endpoint HeyGen suggests instead (none was named for photo avatars). """
    docs_url: None | str | Unset = UNSET
    """ A page of HeyGen's documentation about the replacement. """
    sunset_date: None | str | Unset = UNSET
    """ The day the endpoint is removed, as YYYY-MM-DD. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        v3_endpoint: None | str | Unset
        if isinstance(self.v3_endpoint, Unset):
            v3_endpoint = UNSET
        else:
            v3_endpoint = self.v3_endpoint

        docs_url: None | str | Unset
        if isinstance(self.docs_url, Unset):
            docs_url = UNSET
        else:
            docs_url = self.docs_url

        sunset_date: None | str | Unset
        if isinstance(self.sunset_date, Unset):
            sunset_date = UNSET
        else:
            sunset_date = self.sunset_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if v3_endpoint is not UNSET:
            field_dict["v3_endpoint"] = v3_endpoint
        if docs_url is not UNSET:
            field_dict["docs_url"] = docs_url
        if sunset_date is not UNSET:
            field_dict["sunset_date"] = sunset_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_v3_endpoint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        v3_endpoint = _parse_v3_endpoint(d.pop("v3_endpoint", UNSET))

        def _parse_docs_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        docs_url = _parse_docs_url(d.pop("docs_url", UNSET))

        def _parse_sunset_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sunset_date = _parse_sunset_date(d.pop("sunset_date", UNSET))

        legacy_warning = cls(
            message=message,
            v3_endpoint=v3_endpoint,
            docs_url=docs_url,
            sunset_date=sunset_date,
        )

        legacy_warning.additional_properties = d
        return legacy_warning

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
