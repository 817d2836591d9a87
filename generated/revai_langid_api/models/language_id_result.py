from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.language_confidence import LanguageConfidence


T = TypeVar("T", bound="LanguageIdResult")


@_attrs_define
class LanguageIdResult:
    """The languages identified in the media.

    Attributes:
        top_language (str): The language with the highest confidence. Example: en.
        language_confidences (list[LanguageConfidence]): Every candidate language with its confidence.
    """

    top_language: str
    language_confidences: list[LanguageConfidence]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        top_language = self.top_language

        language_confidences = []
        for language_confidences_item_data in self.language_confidences:
            language_confidences_item = language_confidences_item_data.to_dict()
            language_confidences.append(language_confidences_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "top_language": top_language,
                "language_confidences": language_confidences,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.language_confidence import LanguageConfidence

        d = dict(src_dict)
        top_language = d.pop("top_language")

        language_confidences = []
        _language_confidences = d.pop("language_confidences")
        for language_confidences_item_data in _language_confidences:
            language_confidences_item = LanguageConfidence.from_dict(
                language_confidences_item_data
            )

            language_confidences.append(language_confidences_item)

        language_id_result = cls(
            top_language=top_language,
            language_confidences=language_confidences,
        )

        language_id_result.additional_properties = d
        return language_id_result

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
