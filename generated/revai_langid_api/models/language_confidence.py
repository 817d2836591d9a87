from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LanguageConfidence")


@_attrs_define
class LanguageConfidence:
    """How confident the model is that one language is spoken.

    Attributes:
        language (str): Language code. Today's codes are ar, cmn, cs, de, el, en, es, fi, fr, hu, it, ja, lt, lv, nl,
            pl, pt, ro, ru, sl, sv and tr; the list will grow. Example: en.
        confidence (float): Confidence between 0 and 1. Example: 0.907.
    """

    language: str
    confidence: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "language": language,
                "confidence": confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        language = d.pop("language")

        confidence = d.pop("confidence")

        language_confidence = cls(
            language=language,
            confidence=confidence,
        )

        language_confidence.additional_properties = d
        return language_confidence

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
