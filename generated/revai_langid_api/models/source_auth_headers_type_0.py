from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceAuthHeadersType0")


@_attrs_define
class SourceAuthHeadersType0:
    """Headers Rev sends when it downloads the media: an `Authorization` header, or the headers of an AWS Signature Version
    4 request. Stored encrypted and never echoed back.

        Attributes:
            authorization (str | Unset): An `Authorization` header value of the form `<scheme> <token>`. Example: Bearer
                <token>.
    """

    authorization: str | Unset = UNSET
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authorization = self.authorization

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if authorization is not UNSET:
            field_dict["Authorization"] = authorization

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        authorization = d.pop("Authorization", UNSET)

        source_auth_headers_type_0 = cls(
            authorization=authorization,
        )

        source_auth_headers_type_0.additional_properties = d
        return source_auth_headers_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
