from enum import StrEnum
from typing import Self


class JobStatus(StrEnum):
    COMPLETED = "completed"
    FAILED = "failed"
    IN_PROGRESS = "in_progress"

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        """A member for a value the spec does not list, holding the raw string."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
