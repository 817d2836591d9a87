from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

if TYPE_CHECKING:
    from ..models.submit_job_options import SubmitJobOptions


T = TypeVar("T", bound="SubmitJobFileRequest")


@_attrs_define
class SubmitJobFileRequest:
    """Submit a job by uploading the media (at most 2 GB). The options cannot name another source (`source_config` or
    `media_url`).

        Attributes:
            media (File): The media file.
            options (SubmitJobOptions | Unset): Options shared by both ways of submitting a job. At most one of
                `notification_config` and `callback_url` may be given.
    """

    media: File
    options: SubmitJobOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media.to_tuple()

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("media", self.media.to_tuple()))

        if not isinstance(self.options, Unset):
            files.append(
                (
                    "options",
                    (
                        None,
                        json.dumps(self.options.to_dict()).encode(),
                        "application/json",
                    ),
                )
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.submit_job_options import SubmitJobOptions

        d = dict(src_dict)
        media = File(payload=BytesIO(d.pop("media")))

        _options = d.pop("options", UNSET)
        options: SubmitJobOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = SubmitJobOptions.from_dict(_options)

        submit_job_file_request = cls(
            media=media,
            options=options,
        )

        submit_job_file_request.additional_properties = d
        return submit_job_file_request

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
