"""The jobs and results the API returns, read leniently but checked.

Parsing follows three rules. A value the spec does not list (a new status, failure
reason or language code) is kept as the raw string. `null` in an optional field reads
as None, and a `null` list as empty. A missing required field, a wrong type or an
unreadable timestamp raises `MalformedBody`, which the client turns into a
`ResponseError`. Numbers outside their documented range (a confidence above 1, say)
are kept as sent: they are the API's to change, not ours to refuse.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Self

from attrs import field, frozen

from ._datetime import parse_datetime


class MalformedBody(ValueError):
    """A response body that does not follow the spec; says which field is wrong."""


class _OpenStrEnum(enum.StrEnum):
    """A string enum that accepts values it does not list, keeping the raw string."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __repr__(self) -> str:
        if self.is_known:
            return super().__repr__()
        return f"<{type(self).__name__} not in the spec: {self._value_!r}>"

    @property
    def is_known(self) -> bool:
        """Whether this value is one the spec lists."""
        return self._value_ in type(self)._value2member_map_


class JobStatus(_OpenStrEnum):
    """Where a job stands. Compares equal to its wire string, e.g. "completed".

    A status the spec does not list (say "queued") is kept as-is and treated as
    still running.
    """

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_finished(self) -> bool:
        """Whether the job has ended, successfully or not."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED)


class JobFailure(_OpenStrEnum):
    """Short reason of a failed job; see `Job.failure_detail` for the explanation."""

    INTERNAL_PROCESSING = "internal_processing"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    INVOICING_LIMIT_EXCEEDED = "invoicing_limit_exceeded"


class _Fields:
    """Typed access to the fields of one JSON object, naming the field on error."""

    def __init__(self, data: object, what: str) -> None:
        if not isinstance(data, Mapping):
            raise MalformedBody(f"expected a JSON object for {what}")
        self._data = data
        self._what = what

    def _wrong(self, name: str, expected: str) -> MalformedBody:
        return MalformedBody(f"field {name!r} of {self._what} is not {expected}")

    def required_str(self, name: str) -> str:
        value = self._data.get(name)
        if not isinstance(value, str):
            raise self._wrong(name, "a string")
        return value

    def optional_str(self, name: str) -> str | None:
        value = self._data.get(name)
        if value is not None and not isinstance(value, str):
            raise self._wrong(name, "a string or null")
        return value

    def optional_int(self, name: str) -> int | None:
        value = self._data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(name, "an integer or null")
        return value

    def optional_number(self, name: str) -> float | None:
        value = self._data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(name, "a number or null")
        try:
            number = float(value)
        except OverflowError:
            raise self._wrong(name, "a number in the floating-point range") from None
        if not math.isfinite(number):
            raise self._wrong(name, "a finite number")
        return number

    def optional_datetime(self, name: str) -> datetime | None:
        text = self.optional_str(name)
        if text is None:
            return None
        try:
            return parse_datetime(text)
        except (ValueError, OverflowError):
            raise self._wrong(name, "an ISO-8601 timestamp") from None

    def list_of_objects(self, name: str) -> list[object]:
        value = self._data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._wrong(name, "a list or null")
        return value

    def extra(self, known: frozenset[str]) -> dict[str, Any]:
        return {key: value for key, value in self._data.items() if key not in known}


_JOB_FIELDS = frozenset(
    {
        "id",
        "created_on",
        "completed_on",
        "metadata",
        "failure_detail",
        "delete_after_seconds",
        "status",
        "failure",
        "type",
        "processed_duration_seconds",
        "callback_url",
        "media_url",
    }
)


@frozen(kw_only=True)
class Job:
    """A language identification job, as the API last described it.

    Attributes:
        id: The job's id.
        status: Where the job stands; compares equal to the wire string.
        created_on: When the job was created (aware, UTC).
        completed_on: When the job completed or failed (aware, UTC), else None.
        metadata: The text given at submission, if any.
        failure: Short reason of a failure, if the job failed.
        failure_detail: Human-readable reason of a failure, if the job failed.
        delete_after_seconds: Seconds after completion when the job is deleted
            automatically, if that was asked for.
        type: The kind of job, "language_id".
        processed_duration_seconds: Seconds of audio processed, once completed.
        callback_url: Deprecated callback URL, if one was given.
        media_url: Deprecated media URL, if one was given.
        extra: Fields the spec does not describe, kept as sent.
    """

    id: str
    status: JobStatus
    created_on: datetime
    completed_on: datetime | None = None
    metadata: str | None = None
    failure: JobFailure | None = None
    failure_detail: str | None = None
    delete_after_seconds: int | None = None
    type: str | None = None
    processed_duration_seconds: float | None = None
    callback_url: str | None = None
    media_url: str | None = None
    extra: Mapping[str, Any] = field(factory=dict, repr=False, hash=False)

    @classmethod
    def from_json(cls, data: object) -> Job:
        """Build a job from decoded JSON; raises `MalformedBody` if it is not one."""
        fields = _Fields(data, "the job")
        failure = fields.optional_str("failure")
        created_on = fields.optional_datetime("created_on")
        if created_on is None:
            raise MalformedBody("field 'created_on' of the job is missing")
        return cls(
            id=fields.required_str("id"),
            status=JobStatus(fields.required_str("status")),
            created_on=created_on,
            completed_on=fields.optional_datetime("completed_on"),
            metadata=fields.optional_str("metadata"),
            failure=None if failure is None else JobFailure(failure),
            failure_detail=fields.optional_str("failure_detail"),
            delete_after_seconds=fields.optional_int("delete_after_seconds"),
            type=fields.optional_str("type"),
            processed_duration_seconds=fields.optional_number(
                "processed_duration_seconds"
            ),
            callback_url=fields.optional_str("callback_url"),
            media_url=fields.optional_str("media_url"),
            extra=fields.extra(_JOB_FIELDS),
        )


@frozen
class LanguageConfidence:
    """How confident the model is that one language is spoken.

    Attributes:
        language: Language code, e.g. "en" or "cmn"; new codes are kept as sent.
        confidence: Between 0 and 1.
    """

    language: str
    confidence: float

    @classmethod
    def from_json(cls, data: object) -> LanguageConfidence:
        """Build one entry from its decoded JSON; raises `MalformedBody` if wrong."""
        fields = _Fields(data, "a language confidence")
        confidence = fields.optional_number("confidence")
        if confidence is None:
            raise MalformedBody("a language confidence has no 'confidence' number")
        return cls(language=fields.required_str("language"), confidence=confidence)


@frozen
class LanguageIdResult:
    """The languages identified in a job's media.

    Attributes:
        top_language: The most likely language code.
        language_confidences: Every candidate, highest confidence first.
        job_id: The job the result belongs to, when read through a client.
    """

    top_language: str
    language_confidences: list[LanguageConfidence] = field(hash=False)
    job_id: str | None = None

    @property
    def top_confidence(self) -> float | None:
        """Confidence of `top_language`, if the API listed it among the candidates."""
        for candidate in self.language_confidences:
            if candidate.language == self.top_language:
                return candidate.confidence
        return None

    @classmethod
    def from_json(cls, data: object, job_id: str | None = None) -> LanguageIdResult:
        """Build a result from its decoded JSON; raises `MalformedBody` if wrong."""
        fields = _Fields(data, "the result")
        candidates = [
            LanguageConfidence.from_json(item)
            for item in fields.list_of_objects("language_confidences")
        ]
        candidates.sort(key=lambda candidate: candidate.confidence, reverse=True)
        return cls(
            top_language=fields.required_str("top_language"),
            language_confidences=candidates,
            job_id=job_id,
        )


def jobs_from_json(data: object) -> list[Job]:
    """Read the list operation's answer, a JSON array of jobs (`null` reads as [])."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise MalformedBody("expected a JSON array of jobs")
    return [Job.from_json(item) for item in data]
