from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_auth_headers_type_0 import SourceAuthHeadersType0


T = TypeVar("T", bound="SourceConfigType0")


@_attrs_define
class SourceConfigType0:
    """Where Rev downloads the media from. Not echoed back in the job.

    Attributes:
        url (str): Direct download URL of the media, absolute http or https; pre-signed URLs should stay valid for two
            hours. Example: https://www.example.com/audio.mp3.
        auth_headers (None | SourceAuthHeadersType0 | Unset): Headers Rev sends when it downloads the media: an
            `Authorization` header, or the headers of an AWS Signature Version 4 request. Stored encrypted and never echoed
            back.
    """

    url: str
    auth_headers: None | SourceAuthHeadersType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_auth_headers_type_0 import SourceAuthHeadersType0

        url = self.url

        auth_headers: dict[str, Any] | None | Unset
        if isinstance(self.auth_headers, Unset):
            auth_headers = UNSET
        elif isinstance(self.auth_headers, SourceAuthHeadersType0):
            auth_headers = self.auth_headers.to_dict()
        else:
            auth_headers = self.auth_headers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if auth_headers is not UNSET:
            field_dict["auth_headers"] = auth_headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.source_auth_headers_type_0 import SourceAuthHeadersType0

        d = dict(src_dict)
        url = d.pop("url")

        def _parse_auth_headers(data: object) -> None | SourceAuthHeadersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_source_auth_headers_type_0 = (
                    SourceAuthHeadersType0.from_dict(data)
                )

                return componentsschemas_source_auth_headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SourceAuthHeadersType0 | Unset, data)

        auth_headers = _parse_auth_headers(d.pop("auth_headers", UNSET))

        source_config_type_0 = cls(
            url=url,
            auth_headers=auth_headers,
        )

        source_config_type_0.additional_properties = d
        return source_config_type_0

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
