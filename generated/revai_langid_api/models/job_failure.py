from enum import StrEnum


class JobFailure(StrEnum):
    INSUFFICIENT_BALANCE = "insufficient_balance"
    INTERNAL_PROCESSING = "internal_processing"
    INVOICING_LIMIT_EXCEEDED = "invoicing_limit_exceeded"

    def __str__(self) -> str:
        return str(self.value)
