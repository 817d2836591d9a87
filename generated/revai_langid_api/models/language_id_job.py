from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_failure import JobFailure
from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

T = TypeVar("T", bound="LanguageIdJob")


@_attrs_define
class LanguageIdJob:
    """A language identification job.

    Attributes:
        id (str): Id of the job. Example: Umx5c6F7pH7r.
        created_on (datetime.datetime): The date and time the job was created in ISO-8601 UTC form. Example:
            2018-05-05T23:23:22.29Z.
        status (JobStatus): Current status of the job.
        completed_on (datetime.datetime | None | Unset): The date and time the job was completed, whether successfully
            or failing, in ISO-8601 UTC form. Example: 2018-05-05T23:28:22.29Z.
        metadata (None | str | Unset): Optional metadata that was provided during job submission.
        failure_detail (None | str | Unset): Human-readable reason why the job failed. Example: Internal server error..
        delete_after_seconds (int | None | Unset): Amount of time after job completion when job is auto-deleted. Present
            only when preference set in job request.
        failure (JobFailure | Unset): Simple reason of why the job failed. Check failure_detail for specific details and
            solutions.
        type_ (JobType | Unset): The type of action performed, in this case language_id.
        processed_duration_seconds (float | None | Unset): Duration of the processed audio in seconds. Null if the job
            has not completed. Example: 107.
        callback_url (None | str | Unset): Deprecated. Use notification_config instead. Optional callback url to invoke
            when processing is complete; visible in the response when used. Example: https://www.example.com/callback.
        media_url (str | Unset): [HIPAA unsupported] Deprecated. Use source_config instead. Direct download media url;
            visible in the response when used.
    """

    id: str
    created_on: datetime.datetime
    status: JobStatus
    completed_on: datetime.datetime | None | Unset = UNSET
    metadata: None | str | Unset = UNSET
    failure_detail: None | str | Unset = UNSET
    delete_after_seconds: int | None | Unset = UNSET
    failure: JobFailure | Unset = UNSET
    type_: JobType | Unset = UNSET
    processed_duration_seconds: float | None | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    media_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_on = self.created_on.isoformat()

        status = self.status.value

        completed_on: None | str | Unset
        if isinstance(self.completed_on, Unset):
            completed_on = UNSET
        elif isinstance(self.completed_on, datetime.datetime):
            completed_on = self.completed_on.isoformat()
        else:
            completed_on = self.completed_on

        metadata: None | str | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        else:
            metadata = self.metadata

        failure_detail: None | str | Unset
        if isinstance(self.failure_detail, Unset):
            failure_detail = UNSET
        else:
            failure_detail = self.failure_detail

        delete_after_seconds: int | None | Unset
        if isinstance(self.delete_after_seconds, Unset):
            delete_after_seconds = UNSET
        else:
            delete_after_seconds = self.delete_after_seconds

        failure: str | Unset = UNSET
        if not isinstance(self.failure, Unset):
            failure = self.failure.value

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        processed_duration_seconds: float | None | Unset
        if isinstance(self.processed_duration_seconds, Unset):
            processed_duration_seconds = UNSET
        else:
            processed_duration_seconds = self.processed_duration_seconds

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        media_url = self.media_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_on": created_on,
                "status": status,
            }
        )
        if completed_on is not UNSET:
            field_dict["completed_on"] = completed_on
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if failure_detail is not UNSET:
            field_dict["failure_detail"] = failure_detail
        if delete_after_seconds is not UNSET:
            field_dict["delete_after_seconds"] = delete_after_seconds
        if failure is not UNSET:
            field_dict["failure"] = failure
        if type_ is not UNSET:
            field_dict["type"] = type_
        if processed_duration_seconds is not UNSET:
            field_dict["processed_duration_seconds"] = processed_duration_seconds
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if media_url is not UNSET:
            field_dict["media_url"] = media_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        created_on = datetime.datetime.fromisoformat(d.pop("created_on"))
        if created_on.tzinfo is None:
            created_on = created_on.replace(tzinfo=datetime.UTC)
        else:
            created_on = created_on.astimezone(datetime.UTC)

        status = JobStatus(d.pop("status"))

        def _parse_completed_on(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_on_type_0 = datetime.datetime.fromisoformat(data)
                if completed_on_type_0.tzinfo is None:
                    completed_on_type_0 = completed_on_type_0.replace(
                        tzinfo=datetime.UTC
                    )
                else:
                    completed_on_type_0 = completed_on_type_0.astimezone(datetime.UTC)

                return completed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_on = _parse_completed_on(d.pop("completed_on", UNSET))

        def _parse_metadata(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_failure_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        failure_detail = _parse_failure_detail(d.pop("failure_detail", UNSET))

        def _parse_delete_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        delete_after_seconds = _parse_delete_after_seconds(
            d.pop("delete_after_seconds", UNSET)
        )

        _failure = d.pop("failure", UNSET)
        failure: JobFailure | Unset
        if isinstance(_failure, Unset):
            failure = UNSET
        else:
            failure = JobFailure(_failure)

        _type_ = d.pop("type", UNSET)
        type_: JobType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = JobType(_type_)

        def _parse_processed_duration_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        processed_duration_seconds = _parse_processed_duration_seconds(
            d.pop("processed_duration_seconds", UNSET)
        )

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        media_url = d.pop("media_url", UNSET)

        language_id_job = cls(
            id=id,
            created_on=created_on,
            status=status,
            completed_on=completed_on,
            metadata=metadata,
            failure_detail=failure_detail,
            delete_after_seconds=delete_after_seconds,
            failure=failure,
            type_=type_,
            processed_duration_seconds=processed_duration_seconds,
            callback_url=callback_url,
            media_url=media_url,
        )

        language_id_job.additional_properties = d
        return language_id_job

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
