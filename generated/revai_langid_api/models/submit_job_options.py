from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notification_config_type_0 import NotificationConfigType0


T = TypeVar("T", bound="SubmitJobOptions")


@_attrs_define
class SubmitJobOptions:
    """Options shared by both ways of submitting a job. At most one of `notification_config` and `callback_url` may be
    given.

        Attributes:
            notification_config (None | NotificationConfigType0 | Unset): Where Rev posts the job when it completes or
                fails. Not echoed back.
            callback_url (None | str | Unset): Deprecated; use notification_config. An absolute http or https URL. Cannot be
                combined with notification_config.
            metadata (None | str | Unset): Text stored with the job and echoed back.
            delete_after_seconds (int | None | Unset): Seconds after completion when the job is deleted automatically.
    """

    notification_config: None | NotificationConfigType0 | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    metadata: None | str | Unset = UNSET
    delete_after_seconds: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notification_config_type_0 import NotificationConfigType0

        notification_config: dict[str, Any] | None | Unset
        if isinstance(self.notification_config, Unset):
            notification_config = UNSET
        elif isinstance(self.notification_config, NotificationConfigType0):
            notification_config = self.notification_config.to_dict()
        else:
            notification_config = self.notification_config

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        metadata: None | str | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        else:
            metadata = self.metadata

        delete_after_seconds: int | None | Unset
        if isinstance(self.delete_after_seconds, Unset):
            delete_after_seconds = UNSET
        else:
            delete_after_seconds = self.delete_after_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if notification_config is not UNSET:
            field_dict["notification_config"] = notification_config
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if delete_after_seconds is not UNSET:
            field_dict["delete_after_seconds"] = delete_after_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.notification_config_type_0 import NotificationConfigType0

        d = dict(src_dict)

        def _parse_notification_config(
            data: object,
        ) -> None | NotificationConfigType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_notification_config_type_0 = (
                    NotificationConfigType0.from_dict(data)
                )

                return componentsschemas_notification_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotificationConfigType0 | Unset, data)

        notification_config = _parse_notification_config(
            d.pop("notification_config", UNSET)
        )

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_metadata(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_delete_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        delete_after_seconds = _parse_delete_after_seconds(
            d.pop("delete_after_seconds", UNSET)
        )

        submit_job_options = cls(
            notification_config=notification_config,
            callback_url=callback_url,
            metadata=metadata,
            delete_after_seconds=delete_after_seconds,
        )

        submit_job_options.additional_properties = d
        return submit_job_options

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
