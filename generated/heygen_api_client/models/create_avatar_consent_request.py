from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset_base_64 import AssetBase64
    from ..models.asset_id import AssetId
    from ..models.asset_url import AssetUrl


T = TypeVar("T", bound="CreateAvatarConsentRequest")


@_attrs_define
class CreateAvatarConsentRequest:
    """Options of the consent flow; all optional."""

    reroute_url: None | str | Unset = UNSET
    """ Where to send the person after they consent; HeyGen's own page by default. """
    consent_text: None | str | Unset = UNSET
    """ Consent wording to show instead of HeyGen's (plain text, no `<` or `>`; an enterprise option). """
    consent_video: AssetBase64 | AssetId | AssetUrl | None | Unset = UNSET
    """ A recorded consent video, submitted at once instead of the consent page (an enterprise option; not with
    reroute_url or consent_text). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_base_64 import AssetBase64
        from ..models.asset_id import AssetId
        from ..models.asset_url import AssetUrl

        reroute_url: None | str | Unset
        if isinstance(self.reroute_url, Unset):
            reroute_url = UNSET
        else:
            reroute_url = self.reroute_url

        consent_text: None | str | Unset
        if isinstance(self.consent_text, Unset):
            consent_text = UNSET
        else:
            consent_text = self.consent_text

        consent_video: dict[str, Any] | None | Unset
        if isinstance(self.consent_video, Unset):
            consent_video = UNSET
        elif (
            isinstance(self.consent_video, AssetUrl)
            or isinstance(self.consent_video, AssetId)
            or isinstance(self.consent_video, AssetBase64)
        ):
            consent_video = self.consent_video.to_dict()
        else:
            consent_video = self.consent_video

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reroute_url is not UNSET:
            field_dict["reroute_url"] = reroute_url
        if consent_text is not UNSET:
            field_dict["consent_text"] = consent_text
        if consent_video is not UNSET:
            field_dict["consent_video"] = consent_video

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.asset_base_64 import AssetBase64
        from ..models.asset_id import AssetId
        from ..models.asset_url import AssetUrl

        d = dict(src_dict)

        def _parse_reroute_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reroute_url = _parse_reroute_url(d.pop("reroute_url", UNSET))

        def _parse_consent_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consent_text = _parse_consent_text(d.pop("consent_text", UNSET))

        def _parse_consent_video(
            data: object,
        ) -> AssetBase64 | AssetId | AssetUrl | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_asset_input_type_0 = AssetUrl.from_dict(data)

                return componentsschemas_asset_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_asset_input_type_1 = AssetId.from_dict(data)

                return componentsschemas_asset_input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_asset_input_type_2 = AssetBase64.from_dict(data)

                return componentsschemas_asset_input_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssetBase64 | AssetId | AssetUrl | None | Unset, data)

        consent_video = _parse_consent_video(d.pop("consent_video", UNSET))

        create_avatar_consent_request = cls(
            reroute_url=reroute_url,
            consent_text=consent_text,
            consent_video=consent_video,
        )

        create_avatar_consent_request.additional_properties = d
        return create_avatar_consent_request

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
