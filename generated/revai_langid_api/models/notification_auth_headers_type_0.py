from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationAuthHeadersType0")


@_attrs_define
class NotificationAuthHeadersType0:
    """Headers Rev sends with the notification: only an `Authorization` header. Stored encrypted and never echoed back.

    Attributes:
        authorization (str | Unset): An `Authorization` header value of the form `<scheme> <token>`. Example: Bearer
            <token>.
    """

    authorization: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        authorization = self.authorization

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if authorization is not UNSET:
            field_dict["Authorization"] = authorization

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        authorization = d.pop("Authorization", UNSET)

        notification_auth_headers_type_0 = cls(
            authorization=authorization,
        )

        return notification_auth_headers_type_0
