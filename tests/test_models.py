"""Jobs and results parse leniently where the API may grow, strictly elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from revai_langid import Job, JobFailure, JobStatus, LanguageIdResult
from revai_langid._models import MalformedBody, jobs_from_json

SEED_JOB: dict[str, Any] = {
    "id": "Umx5c6F7pH7r",
    "created_on": "2018-05-05T23:23:22.29Z",
    "completed_on": "2018-05-05T23:28:22.29Z",
    "metadata": "sample",
    "failure_detail": None,
    "delete_after_seconds": 0,
    "status": "completed",
    "type": "language_id",
    "processed_duration_seconds": 107,
    "callback_url": "https://www.example.com/callback",
    "media_url": "https://www.example.com/a.mp3",
}


def test_job_reads_every_seed_field() -> None:
    job = Job.from_json(SEED_JOB)
    assert job.id == "Umx5c6F7pH7r"
    assert job.status is JobStatus.COMPLETED
    assert job.created_on == datetime(2018, 5, 5, 23, 23, 22, 290000, UTC)
    assert job.completed_on == datetime(2018, 5, 5, 23, 28, 22, 290000, UTC)
    assert job.delete_after_seconds == 0
    assert job.processed_duration_seconds == 107.0
    assert job.type == "language_id"
    assert job.media_url == "https://www.example.com/a.mp3"


def test_unknown_status_and_failure_keep_the_raw_string() -> None:
    job = Job.from_json({**SEED_JOB, "status": "queued", "failure": "download_failure"})
    assert job.status == "queued"
    assert isinstance(job.status, JobStatus)
    assert not job.status.is_known
    assert not job.status.is_finished
    assert job.failure == "download_failure"
    assert isinstance(job.failure, JobFailure)


def test_known_values_compare_equal_to_wire_strings() -> None:
    assert JobStatus("in_progress") is JobStatus.IN_PROGRESS
    assert JobStatus.FAILED == "failed"
    assert str(JobStatus.COMPLETED) == "completed"
    assert JobStatus.COMPLETED.is_known


def test_null_optional_fields_read_as_none() -> None:
    nulls = {key: None for key in SEED_JOB if key not in ("id", "created_on", "status")}
    job = Job.from_json({**SEED_JOB, **nulls, "failure": None})
    assert job.completed_on is None
    assert job.metadata is None
    assert job.delete_after_seconds is None
    assert job.processed_duration_seconds is None
    assert job.media_url is None
    assert job.failure is None


def test_extra_fields_are_kept_aside() -> None:
    job = Job.from_json({**SEED_JOB, "language": "en", "priority": 3})
    assert job.extra == {"language": "en", "priority": 3}


@pytest.mark.parametrize(
    "broken",
    [
        [],
        "job",
        {**SEED_JOB, "id": 5},
        {key: value for key, value in SEED_JOB.items() if key != "id"},
        {key: value for key, value in SEED_JOB.items() if key != "created_on"},
        {**SEED_JOB, "status": None},
        {**SEED_JOB, "created_on": "yesterday"},
        {**SEED_JOB, "delete_after_seconds": "10"},
        {**SEED_JOB, "delete_after_seconds": True},
        {**SEED_JOB, "processed_duration_seconds": "1.5"},
        {**SEED_JOB, "metadata": ["a"]},
    ],
)
def test_wrong_shapes_raise_malformed_body(broken: object) -> None:
    with pytest.raises(MalformedBody):
        Job.from_json(broken)


def test_result_is_sorted_highest_confidence_first() -> None:
    result = LanguageIdResult.from_json(
        {
            "top_language": "en",
            "language_confidences": [
                {"language": "es", "confidence": 0.05},
                {"language": "en", "confidence": 0.9},
                {"language": "xx-new", "confidence": 0.05},
            ],
        }
    )
    assert result.language_confidences[0].language == "en"
    assert result.top_confidence == 0.9
    assert [c.confidence for c in result.language_confidences] == [0.9, 0.05, 0.05]


def test_result_with_null_list_reads_as_empty() -> None:
    result = LanguageIdResult.from_json(
        {"top_language": "en", "language_confidences": None}
    )
    assert result.language_confidences == []
    assert result.top_confidence is None


@pytest.mark.parametrize(
    "broken",
    [
        {"language_confidences": []},
        {"top_language": "en", "language_confidences": {"en": 1}},
        {"top_language": "en", "language_confidences": [{"language": "en"}]},
        {"top_language": "en", "language_confidences": [["en", 1]]},
        {
            "top_language": "en",
            "language_confidences": [{"language": "en", "confidence": float("nan")}],
        },
        {
            "top_language": "en",
            "language_confidences": [{"language": "en", "confidence": float("inf")}],
        },
    ],
)
def test_broken_results_raise_malformed_body(broken: object) -> None:
    with pytest.raises(MalformedBody):
        LanguageIdResult.from_json(broken)


def test_job_list_null_reads_as_empty_and_object_is_refused() -> None:
    assert jobs_from_json(None) == []
    with pytest.raises(MalformedBody):
        jobs_from_json({"jobs": []})


def test_jobs_and_results_can_be_hashed_and_kept_in_sets() -> None:
    job = {**SEED_JOB, "new_field": [1, {"a": 2}]}
    result = {
        "top_language": "en",
        "language_confidences": [{"language": "en", "confidence": 0.9}],
    }

    assert {Job.from_json(job), Job.from_json(job)} == {Job.from_json(job)}
    assert hash(LanguageIdResult.from_json(result)) == hash(
        LanguageIdResult.from_json(result)
    )


def test_an_unknown_value_does_not_pass_for_a_member_in_its_repr() -> None:
    shouting = JobStatus("COMPLETED")

    assert shouting != JobStatus.COMPLETED
    assert not shouting.is_known
    assert "not in the spec" in repr(shouting)
    assert repr(JobStatus.COMPLETED) == "<JobStatus.COMPLETED: 'completed'>"
