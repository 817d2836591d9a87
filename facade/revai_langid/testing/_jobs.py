"""The fake's job store: submission, the way to completion, results, listing."""

from __future__ import annotations

import copy
import json
import secrets
import string
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ._languages import Ranking, directive, ranking_for, result_document
from ._submission import Submission

_ID_ALPHABET = string.ascii_letters + string.digits
_ID_LENGTH = 12
_FAILURE_DETAILS = {
    "internal_processing": "Internal server error.",
    "insufficient_balance": "Your account balance is too low to process this job.",
    "invoicing_limit_exceeded": "Your account has reached its invoicing limit.",
}


class JobNotFound(KeyError):
    """No job with the id exists."""


class WrongJobState(Exception):
    """The job's status does not allow the operation (a 409).

    Attributes:
        current: The job's status.
        allowed: The statuses that would allow the operation.
        detail: The problem's ``detail`` text.
    """

    def __init__(self, current: str, allowed: Sequence[str], detail: str) -> None:
        super().__init__(detail)
        self.current = current
        self.allowed = tuple(allowed)
        self.detail = detail


@dataclass(frozen=True)
class Timing:
    """When submitted jobs complete.

    Attributes:
        polls: ``GET /jobs/{id}`` answers that say ``in_progress`` first.
        seconds: Seconds from submission to completion; overrides ``polls``.
    """

    polls: int
    seconds: float | None


@dataclass
class _Job:
    doc: dict[str, Any]
    seeded: bool
    submitted: float = 0.0
    polls_left: int = 0
    media_seconds: float | None = None
    language: str | None = None
    failure: str | None = None
    result: dict[str, Any] | None = None


def utc_stamp(moment: datetime) -> str:
    """Format an aware datetime like Rev: ``2018-05-05T23:23:22.29Z``."""
    moment = moment.astimezone(UTC)
    hundredths = moment.microsecond // 10_000
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{hundredths:02d}Z"


class JobStore:
    """Jobs by id in submission order; every method is thread-safe."""

    def __init__(
        self,
        timing: Timing,
        languages: Ranking,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._timing = timing
        self._languages = languages
        self._clock = clock
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}

    def submit(self, submission: Submission) -> dict[str, Any]:
        """Create an ``in_progress`` job and return its document."""
        with self._lock:
            job_id = self._new_id()
            job = _Job(
                doc=_new_document(job_id, submission),
                seeded=False,
                submitted=self._clock(),
                polls_left=self._timing.polls,
                media_seconds=submission.media_seconds,
                language=directive(submission.metadata, "language"),
                failure=directive(submission.metadata, "fail"),
            )
            self._jobs[job_id] = job
            return copy.deepcopy(job.doc)

    def seed(
        self,
        doc: Mapping[str, Any],
        *,
        job_id: str | None,
        result: Mapping[str, Any] | None,
    ) -> str:
        """Store a job served verbatim; it replaces any job with the same id."""
        stored = _json_copy(doc)
        stored_result = None if result is None else _json_copy(result)
        with self._lock:
            if job_id is None:
                given = stored.get("id")
                job_id = given if isinstance(given, str) and given else self._new_id()
            self._jobs.pop(job_id, None)
            language = directive(stored.get("metadata"), "language")
            job = _Job(stored, seeded=True, language=language, result=stored_result)
            self._jobs[job_id] = job
        return job_id

    def poll(self, job_id: str) -> dict[str, Any]:
        """The job's document, as ``GET /jobs/{id}`` sees it (counts as a poll)."""
        with self._lock:
            job = self._find(job_id)
            self._advance(job, poll=True)
            return copy.deepcopy(job.doc)

    def peek(self, job_id: str) -> dict[str, Any]:
        """The job's document, without counting a poll."""
        with self._lock:
            job = self._find(job_id)
            self._advance(job, poll=False)
            return copy.deepcopy(job.doc)

    def result(self, job_id: str) -> dict[str, Any]:
        """The job's result document.

        Raises:
            JobNotFound: No such job.
            WrongJobState: The job has not completed.
        """
        with self._lock:
            job = self._find(job_id)
            self._advance(job, poll=False)
            if job.result is not None:
                return copy.deepcopy(job.result)
            status = job.doc.get("status")
            if status != "completed":
                detail = "The job must be completed before its result can be read."
                raise WrongJobState(str(status), ("completed",), detail)
            return result_document(ranking_for(self._languages, job.language))

    def delete(self, job_id: str) -> None:
        """Delete a completed or failed job.

        Raises:
            JobNotFound: No such job.
            WrongJobState: The job is still in progress.
        """
        with self._lock:
            job = self._find(job_id)
            self._advance(job, poll=False)
            status = job.doc.get("status")
            if status not in ("completed", "failed"):
                detail = "A job can be deleted only once it has completed or failed."
                raise WrongJobState(str(status), ("completed", "failed"), detail)
            del self._jobs[job_id]

    def page(self, limit: int, starting_after: str | None) -> list[dict[str, Any]]:
        """Up to ``limit`` jobs, newest first, submitted before ``starting_after``."""
        with self._lock:
            ids = list(reversed(self._jobs))
            if starting_after is not None:
                if starting_after not in self._jobs:
                    return []
                ids = ids[ids.index(starting_after) + 1 :]
            return [self._shown(self._jobs[job_id]) for job_id in ids[:limit]]

    def all(self) -> list[dict[str, Any]]:
        """Every job's document, newest first (no poll counted)."""
        with self._lock:
            return [self._shown(job) for job in reversed(self._jobs.values())]

    def complete(self, job_id: str) -> None:
        """Finish a submitted job now, whatever its timing.

        Raises:
            JobNotFound: No such job.
            ValueError: The job was seeded with ``add_job``.
        """
        with self._lock:
            job = self._find(job_id)
            if job.seeded:
                raise ValueError("a seeded job is served as given; seed it again")
            if job.doc.get("status") == "in_progress":
                self._finish(job)

    def _find(self, job_id: str) -> _Job:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise JobNotFound(job_id) from None

    def _shown(self, job: _Job) -> dict[str, Any]:
        self._advance(job, poll=False)
        return copy.deepcopy(job.doc)

    def _new_id(self) -> str:
        while True:
            job_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
            if job_id not in self._jobs:
                return job_id

    def _advance(self, job: _Job, *, poll: bool) -> None:
        if job.seeded or job.doc.get("status") != "in_progress":
            return
        if self._is_due(job):
            self._finish(job)
        elif poll:
            job.polls_left -= 1

    def _is_due(self, job: _Job) -> bool:
        if self._timing.seconds is not None:
            return self._clock() - job.submitted >= self._timing.seconds
        return job.polls_left <= 0

    def _finish(self, job: _Job) -> None:
        job.doc["completed_on"] = utc_stamp(datetime.now(UTC))
        if job.failure is None:
            job.doc["status"] = "completed"
            job.doc["processed_duration_seconds"] = job.media_seconds
            return
        job.doc["status"] = "failed"
        job.doc["failure"] = job.failure
        job.doc["failure_detail"] = _FAILURE_DETAILS.get(
            job.failure, f"The fake failed this job as asked (fake-fail={job.failure})."
        )


def _new_document(job_id: str, submission: Submission) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": job_id,
        "created_on": utc_stamp(datetime.now(UTC)),
        "status": "in_progress",
        "type": "language_id",
    }
    optional = {
        "metadata": submission.metadata,
        "media_url": submission.media_url,
        "callback_url": submission.callback_url,
        "delete_after_seconds": submission.delete_after_seconds,
    }
    doc.update((key, value) for key, value in optional.items() if value is not None)
    return doc


def _json_copy(document: Mapping[str, Any]) -> dict[str, Any]:
    try:
        copied = json.loads(json.dumps(dict(document)))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the document is not JSON-serialisable: {exc}") from exc
    assert isinstance(copied, dict)
    return copied
