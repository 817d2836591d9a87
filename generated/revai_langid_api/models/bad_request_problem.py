from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bad_request_problem_parameters import BadRequestProblemParameters


T = TypeVar("T", bound="BadRequestProblem")


@_attrs_define
class BadRequestProblem:
    """A problem for an invalid request, naming the parameters at fault.

    Attributes:
        type_ (str | Unset): URI that identifies the problem.
        title (str | Unset): Short, human-readable summary of the problem type.
        status (int | Unset): HTTP status code of the error.
        detail (str | Unset): Human-readable explanation of this occurrence of the problem.
        parameters (BadRequestProblemParameters | Unset): Messages for each invalid parameter, by parameter name.
    """

    type_: str | Unset = UNSET
    title: str | Unset = UNSET
    status: int | Unset = UNSET
    detail: str | Unset = UNSET
    parameters: BadRequestProblemParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

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
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bad_request_problem_parameters import BadRequestProblemParameters

        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        title = d.pop("title", UNSET)

        status = d.pop("status", UNSET)

        detail = d.pop("detail", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: BadRequestProblemParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = BadRequestProblemParameters.from_dict(_parameters)

        bad_request_problem = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            parameters=parameters,
        )

        bad_request_problem.additional_properties = d
        return bad_request_problem

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
