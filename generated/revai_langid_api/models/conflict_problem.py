from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConflictProblem")


@_attrs_define
class ConflictProblem:
    """A problem for an operation the job's current state does not allow.

    Attributes:
        type_ (str | Unset): URI that identifies the problem.
        title (str | Unset): Short, human-readable summary of the problem type.
        status (int | Unset): HTTP status code of the error.
        detail (str | Unset): Human-readable explanation of this occurrence of the problem.
        current_value (str | Unset): The job's current state. Example: in_progress.
        allowed_values (list[str] | Unset): The states in which the operation is allowed. Example: ['completed'].
    """

    type_: str | Unset = UNSET
    title: str | Unset = UNSET
    status: int | Unset = UNSET
    detail: str | Unset = UNSET
    current_value: str | Unset = UNSET
    allowed_values: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        current_value = self.current_value

        allowed_values: list[str] | Unset = UNSET
        if not isinstance(self.allowed_values, Unset):
            allowed_values = self.allowed_values

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if status is not UNSET:
            field_dict["status"] = status
        if detail is not UNSET:
            field_dict["detail"] = detail
        if current_value is not UNSET:
            field_dict["current_value"] = current_value
        if allowed_values is not UNSET:
            field_dict["allowed_values"] = allowed_values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        title = d.pop("title", UNSET)

        status = d.pop("status", UNSET)

        detail = d.pop("detail", UNSET)

        current_value = d.pop("current_value", UNSET)

        allowed_values = cast(list[str], d.pop("allowed_values", UNSET))

        conflict_problem = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            current_value=current_value,
            allowed_values=allowed_values,
        )

        conflict_problem.additional_properties = d
        return conflict_problem

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
