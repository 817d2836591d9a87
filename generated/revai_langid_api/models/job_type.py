from enum import StrEnum


class JobType(StrEnum):
    LANGUAGE_ID = "language_id"

    def __str__(self) -> str:
        return str(self.value)
