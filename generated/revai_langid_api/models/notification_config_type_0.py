from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_auth_headers_type_0 import NotificationAuthHeadersType0


T = TypeVar("T", bound="NotificationConfigType0")


@_attrs_define
class NotificationConfigType0:
    """Where Rev posts the job when it completes or fails. Not echoed back.

    Attributes:
        url (str): The absolute http or https URL Rev calls with a POST request. Example:
            https://www.example.com/callback.
        auth_headers (None | NotificationAuthHeadersType0 | Unset): Headers Rev sends with the notification: only an
            `Authorization` header. Stored encrypted and never echoed back.
    """

    url: str
    auth_headers: None | NotificationAuthHeadersType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notification_auth_headers_type_0 import (
            NotificationAuthHeadersType0,
        )

        url = self.url

        auth_headers: dict[str, Any] | None | Unset
        if isinstance(self.auth_headers, Unset):
            auth_headers = UNSET
        elif isinstance(self.auth_headers, NotificationAuthHeadersType0):
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
        from ..models.notification_auth_headers_type_0 import (
            NotificationAuthHeadersType0,
        )

        d = dict(src_dict)
        url = d.pop("url")

        def _parse_auth_headers(
            data: object,
        ) -> None | NotificationAuthHeadersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_notification_auth_headers_type_0 = (
                    NotificationAuthHeadersType0.from_dict(data)
                )

                return componentsschemas_notification_auth_headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotificationAuthHeadersType0 | Unset, data)

        auth_headers = _parse_auth_headers(d.pop("auth_headers", UNSET))

        notification_config_type_0 = cls(
            url=url,
            auth_headers=auth_headers,
        )

        notification_config_type_0.additional_properties = d
        return notification_config_type_0

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
