"""Both clients end to end against the fake API over loopback HTTP.

Every scenario runs through the sync and the async client (the `api` fixture).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

import revai_langid as rl
from revai_langid.testing import FakeRevAI

if TYPE_CHECKING:
    from conftest import Api

JOBS = "/languageid/v1/jobs"
WAV = Path(__file__).parent / "data" / "hello-en.wav"
MEDIA_URL = "https://media.example.com/interview.mp3"
HOOK_URL = "https://hooks.example.com/revai"
CREATED = "2018-05-05T23:23:22.29Z"
VENDOR_TYPE = "application/vnd.rev.languageid.v1.0+json"
CLIENTS = [rl.LanguageIdClient, rl.AsyncLanguageIdClient]


def seed(
    fake: FakeRevAI,
    job_id: str,
    status: str = "completed",
    result: dict[str, Any] | None = None,
    **fields: Any,
) -> str:
    """Store a job the fake serves verbatim and never advances."""
    job = {"id": job_id, "status": status, "created_on": CREATED, **fields}
    return fake.add_job({"type": "language_id", **job}, result=result)


# Submitting


def test_submit_url_sends_the_source_and_its_auth_in_the_json_body(
    api: Api, fake: FakeRevAI
) -> None:
    job = api.call(
        "submit_url",
        MEDIA_URL,
        source_auth="Bearer source-secret",
        notification_url=HOOK_URL,
        notification_auth={"Authorization": "Bearer hook-secret"},
        metadata="interview 7",
        delete_after_seconds=0,
    )

    (request,) = fake.requests
    assert (request.method, request.target) == ("POST", JOBS)
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "source_config": {
            "url": MEDIA_URL,
            "auth_headers": {"Authorization": "Bearer source-secret"},
        },
        "notification_config": {
            "url": HOOK_URL,
            "auth_headers": {"Authorization": "Bearer hook-secret"},
        },
        "metadata": "interview 7",
        "delete_after_seconds": 0,
    }
    assert request.headers["authorization"] == f"Bearer {fake.token}"
    assert job.status == "in_progress"
    assert (job.metadata, job.delete_after_seconds) == ("interview 7", 0)
    assert job.extra == {}
    assert "secret" not in repr(job)


def test_submit_file_by_path_sends_media_and_one_options_document(
    api: Api, fake: FakeRevAI
) -> None:
    job = api.call("submit_file", WAV, metadata="m", delete_after_seconds=0)

    (request,) = fake.requests
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert [part.name for part in request.parts] == ["media", "options"]
    media, options = request.parts
    assert media.filename == "hello-en.wav"
    assert media.data == WAV.read_bytes()
    assert json.loads(options.data) == {"metadata": "m", "delete_after_seconds": 0}
    assert job.delete_after_seconds == 0


def test_submit_file_from_a_binary_file_object_uploads_its_bytes(
    api: Api, fake: FakeRevAI
) -> None:
    data = WAV.read_bytes()

    api.call(
        "submit_file", io.BytesIO(data), filename="clip.wav", delete_after_seconds=0
    )

    (request,) = fake.requests
    media = request.part("media")
    options = [part for part in request.parts if part.name == "options"]
    assert media is not None
    assert (media.filename, media.data) == ("clip.wav", data)
    assert len(options) == 1
    assert json.loads(options[0].data) == {"delete_after_seconds": 0}


# Reading jobs and results


def test_get_job_shows_the_job_completing_after_one_poll(
    api: Api, fake: FakeRevAI
) -> None:
    submitted = api.call("submit_url", MEDIA_URL)

    first = api.call("get_job", submitted.id)
    second = api.call("get_job", submitted.id)

    assert (first.id, first.status, first.completed_on) == (
        submitted.id,
        "in_progress",
        None,
    )
    assert second.status == rl.JobStatus.COMPLETED
    assert second.completed_on is not None
    assert second.completed_on.tzinfo is UTC
    assert second.created_on == submitted.created_on


def test_get_job_parses_timestamps_as_aware_utc(api: Api, fake: FakeRevAI) -> None:
    seed(fake, "j1", completed_on="2018-05-05T23:24:00.1234567Z")

    job = api.call("get_job", "j1")

    assert job.created_on == datetime(2018, 5, 5, 23, 23, 22, 290000, tzinfo=UTC)
    assert job.completed_on == datetime(2018, 5, 5, 23, 24, 0, 123456, tzinfo=UTC)


def test_list_jobs_sends_limit_and_starting_after_as_query_values(
    api: Api, fake: FakeRevAI
) -> None:
    for number in range(5):
        seed(fake, f"job{number}")

    jobs = api.call("list_jobs", limit=2, starting_after="job3")

    assert fake.requests[-1].query == {"limit": ["2"], "starting_after": ["job3"]}
    assert [job.id for job in jobs] == ["job2", "job1"]


def test_iter_jobs_follows_pages_until_a_short_one(api: Api, fake: FakeRevAI) -> None:
    for number in range(5):
        seed(fake, f"job{number}")

    jobs = api.call("iter_jobs", page_size=2)

    assert [job.id for job in jobs] == ["job4", "job3", "job2", "job1", "job0"]
    assert [request.query for request in fake.requests] == [
        {"limit": ["2"]},
        {"limit": ["2"], "starting_after": ["job3"]},
        {"limit": ["2"], "starting_after": ["job1"]},
    ]


def test_get_result_asks_for_the_vendor_type_and_ranks_highest_first(
    api: Api, fake: FakeRevAI
) -> None:
    confidences = [("en", 0.1), ("fr", 0.8), ("de", 0.1)]
    seed(
        fake,
        "j1",
        result={
            "top_language": "fr",
            "language_confidences": [
                {"language": code, "confidence": value} for code, value in confidences
            ],
        },
    )

    result = api.call("get_result", "j1")

    assert VENDOR_TYPE in fake.requests[-1].headers["accept"]
    assert result.top_language == "fr"
    assert result.top_confidence == 0.8
    assert result.language_confidences[0].language == "fr"
    values = [c.confidence for c in result.language_confidences]
    assert values == sorted(values, reverse=True)


def test_delete_job_removes_a_finished_job(api: Api, fake: FakeRevAI) -> None:
    seed(fake, "j1")

    assert api.call("delete_job", "j1") is None

    assert fake.requests[-1].method == "DELETE"
    assert fake.jobs == []


def test_delete_job_of_a_running_job_is_a_conflict(api: Api, fake: FakeRevAI) -> None:
    job = api.call("submit_url", MEDIA_URL)

    with pytest.raises(rl.ConflictError) as caught:
        api.call("delete_job", job.id)

    assert caught.value.current_value == "in_progress"
    assert len(fake.jobs) == 1


def test_wait_for_job_polls_until_the_job_completes(api: Api, fake: FakeRevAI) -> None:
    job = api.call("submit_url", MEDIA_URL)

    finished = api.call("wait_for_job", job.id, poll_interval=0.01)

    assert finished.status == "completed"
    assert [r.method for r in fake.requests] == ["POST", "GET", "GET"]
    assert api.sleeps == [0.01]


def test_wait_for_job_returns_a_failed_job_without_raising(
    api: Api, fake: FakeRevAI
) -> None:
    job = api.call("submit_url", MEDIA_URL, metadata="fake-fail=internal_processing")

    finished = api.call("wait_for_job", job.id, poll_interval=0.01)

    assert (finished.status, finished.failure) == ("failed", "internal_processing")


# identify


@pytest.fixture(params=["path", "file object", "url"])
def source(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "url":
        yield MEDIA_URL
    elif request.param == "path":
        yield WAV
    else:
        with WAV.open("rb") as stream:
            yield stream


def test_identify_submits_waits_and_returns_the_result(
    api: Api, fake: FakeRevAI, source: Any
) -> None:
    result = api.call(
        "identify", source, metadata="fake-language=de", poll_interval=0.01
    )

    assert result.top_language == "de"
    submit, *polls, fetch = fake.requests
    by_url = source == MEDIA_URL
    assert (submit.method, submit.target) == ("POST", JOBS)
    assert submit.headers["content-type"].startswith(
        "application/json" if by_url else "multipart/form-data"
    )
    if by_url:
        assert submit.json()["source_config"]["url"] == MEDIA_URL
    else:
        assert submit.part("media").length == WAV.stat().st_size
    assert len(polls) == 2
    assert fetch.target.endswith("/result")


def test_identify_of_a_failing_job_raises_job_failed_with_the_reason(
    api: Api, fake: FakeRevAI
) -> None:
    with pytest.raises(rl.JobFailedError) as caught:
        api.call(
            "identify",
            MEDIA_URL,
            metadata="fake-fail=insufficient_balance",
            poll_interval=0.01,
        )

    error = caught.value
    assert error.failure == rl.JobFailure.INSUFFICIENT_BALANCE
    assert error.job.status == "failed"
    assert error.failure_detail
    assert "insufficient_balance" in str(error)
    assert not any(r.target.endswith("/result") for r in fake.requests)


def test_identify_of_a_missing_file_is_refused_without_a_request(
    api: Api, fake: FakeRevAI, tmp_path: Path
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match=r"missing\.wav"):
        api.call("identify", str(tmp_path / "missing.wav"))

    assert fake.requests == []


# Lenient parsing


def test_get_job_keeps_unknown_status_and_failure_as_raw_strings(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake, "j1", status="queued", failure="download_failure")

    job = api.call("get_job", "j1")

    assert isinstance(job.status, rl.JobStatus)
    assert (job.status, job.failure) == ("queued", "download_failure")
    assert not job.status.is_known
    assert not job.status.is_finished


def test_get_job_reads_every_null_optional_field_as_none(
    api: Api, fake: FakeRevAI
) -> None:
    optional = [
        "completed_on",
        "metadata",
        "failure",
        "failure_detail",
        "delete_after_seconds",
        "type",
        "processed_duration_seconds",
        "callback_url",
        "media_url",
    ]
    fake.add_job(
        {"id": "j1", "status": "completed", "created_on": CREATED}
        | dict.fromkeys(optional)
    )

    job = api.call("get_job", "j1")

    assert {name: getattr(job, name) for name in optional} == dict.fromkeys(optional)
    assert job.extra == {}


# Job ids


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get_job", ""), ("get_result", "/result"), ("delete_job", "")],
)
def test_job_id_with_reserved_characters_travels_as_one_segment(
    api: Api, fake: FakeRevAI, method: str, suffix: str
) -> None:
    with pytest.raises(rl.NotFoundError):
        api.call(method, "ab/../x?y#z")

    (request,) = fake.requests
    assert request.target == f"{JOBS}/ab%2F..%2Fx%3Fy%23z{suffix}"


@pytest.mark.parametrize("method", ["get_job", "get_result", "delete_job"])
def test_job_id_with_reserved_characters_finds_its_job(
    api: Api, fake: FakeRevAI, method: str
) -> None:
    seed(fake, "ab/../x?y#z")

    api.call(method, "ab/../x?y#z")

    assert fake.requests[-1].target.startswith(f"{JOBS}/ab%2F..%2Fx%3Fy%23z")


@pytest.mark.parametrize(
    "method", ["get_job", "get_result", "delete_job", "wait_for_job"]
)
def test_empty_job_id_is_refused_without_a_request(
    api: Api, fake: FakeRevAI, method: str
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="empty"):
        api.call(method, "")

    assert fake.requests == []


# Error statuses


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (403, {"title": "Forbidden", "status": 403}, rl.PermissionDeniedError),
        (413, {"title": "Too large", "status": 413}, rl.PayloadTooLargeError),
        (429, {"title": "Too many", "status": 429}, rl.RateLimitError),
        (500, {"title": "Oops", "status": 500}, rl.ServerError),
        (503, b"", rl.ServerError),
        (404, b"", rl.NotFoundError),
        (418, {"title": "I'm a teapot", "status": 418}, rl.APIError),
    ],
)
def test_error_status_raises_its_class(
    api: Api, fake: FakeRevAI, status: int, body: Any, cls: type[rl.APIError]
) -> None:
    seed(fake, "j1")
    fake.inject("GET", JOBS, status=status, body=body)

    with pytest.raises(rl.APIError) as caught:
        api.call("get_job", "j1", max_retries=0)

    error = caught.value
    assert type(error) is cls
    assert (error.status_code, error.method, error.path) == (
        status,
        "GET",
        f"{JOBS}/j1",
    )
    assert len(fake.requests) == 1


def test_error_status_reads_title_and_detail_of_a_problem(
    api: Api, fake: FakeRevAI
) -> None:
    problem = {
        "type": "https://www.rev.ai/api/v1/errors/forbidden",
        "title": "Forbidden",
        "status": 403,
        "detail": "no permission to access this deployment",
    }
    fake.inject("GET", JOBS, status=403, body=problem)

    with pytest.raises(rl.PermissionDeniedError) as caught:
        api.call("get_job", "j1")

    error = caught.value
    assert (error.title, error.detail, error.type) == (
        "Forbidden",
        "no permission to access this deployment",
        problem["type"],
    )
    assert error.body == problem
    assert "no permission to access this deployment" in str(error)


def test_bad_request_carries_the_refused_parameters(api: Api, fake: FakeRevAI) -> None:
    problem = {
        "title": "Your request parameters didn't pass validation",
        "status": 400,
        "parameters": {"source_config.url": ["The media could not be reached."]},
    }
    fake.inject("POST", "/languageid/v1/jobs", status=400, body=problem)

    with pytest.raises(rl.BadRequestError) as caught:
        api.call("submit_url", "https://media.example/a.mp3")

    assert caught.value.status_code == 400
    assert caught.value.parameters == {
        "source_config.url": ["The media could not be reached."]
    }
    assert "source_config.url: The media could not be reached" in str(caught.value)


def test_wrong_token_is_an_authentication_error(api: Api, fake: FakeRevAI) -> None:
    api.settings["token"] = "not-the-token"

    with pytest.raises(rl.AuthenticationError) as caught:
        api.call("list_jobs")

    assert caught.value.status_code == 401
    assert fake.requests[0].headers["authorization"] == "Bearer not-the-token"


def test_unknown_job_is_not_found(api: Api, fake: FakeRevAI) -> None:
    with pytest.raises(rl.NotFoundError) as caught:
        api.call("get_job", "nosuchjob")

    assert caught.value.status_code == 404
    assert caught.value.detail


def test_result_before_completion_is_a_conflict_naming_the_state(
    api: Api, fake: FakeRevAI
) -> None:
    job = api.call("submit_url", MEDIA_URL)

    with pytest.raises(rl.ConflictError) as caught:
        api.call("get_result", job.id)

    assert caught.value.current_value == "in_progress"
    assert caught.value.allowed_values == ["completed"]


def test_empty_404_is_not_found_with_the_status_phrase(
    api: Api, fake: FakeRevAI
) -> None:
    fake.inject("GET", JOBS, status=404, body=b"")

    with pytest.raises(rl.NotFoundError) as caught:
        api.call("get_job", "j1")

    assert (caught.value.title, caught.value.detail) == ("Not Found", None)


def test_502_with_an_html_page_is_a_server_error_with_a_bounded_message(
    api: Api, fake: FakeRevAI
) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1>" + "<p>nginx</p>" * 1000
    fake.inject("GET", JOBS, status=502, body=page, content_type="text/html")

    with pytest.raises(rl.ServerError) as caught:
        api.call("get_job", "j1", max_retries=0)

    error = caught.value
    assert (error.status_code, error.title) == (502, "Bad Gateway")
    assert "502 Bad Gateway" in str(error)
    assert len(str(error)) < 1000
    assert isinstance(error.body, str)
    assert error.body.startswith("<html>")


@pytest.mark.parametrize(
    "body",
    [
        "<html><body>Welcome to nginx!</body></html>",
        b"",
        b'{"id": "j1", "status": "compl',
        [{"id": "j1", "status": "completed", "created_on": CREATED}],
    ],
    ids=["html", "empty", "truncated", "array"],
)
def test_get_job_answered_200_with_a_non_job_body_is_a_response_error(
    api: Api, fake: FakeRevAI, body: Any
) -> None:
    fake.inject("GET", JOBS, status=200, body=body)

    with pytest.raises(rl.ResponseError) as caught:
        api.call("get_job", "j1")

    assert (caught.value.status_code, caught.value.method) == (200, "GET")
    assert len(fake.requests) == 1


# Configuration


@pytest.mark.parametrize("cls", CLIENTS)
def test_missing_token_names_the_environment_variable(
    cls: type[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVAI_ACCESS_TOKEN", raising=False)

    with pytest.raises(rl.ConfigurationError, match="REVAI_ACCESS_TOKEN"):
        cls()


def test_token_and_base_url_come_from_the_environment(
    api: Api, fake: FakeRevAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVAI_ACCESS_TOKEN", fake.token)
    monkeypatch.setenv("REVAI_BASE_URL", fake.url)
    api.settings.clear()

    assert api.call("list_jobs") == []

    assert len(fake.requests) == 1


@pytest.mark.parametrize("cls", CLIENTS)
def test_region_eu_selects_the_frankfurt_host(
    cls: type[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVAI_BASE_URL", raising=False)

    assert cls("tok", region="eu").base_url == httpx.URL("https://ec1.api.rev.ai")
    assert cls("tok").base_url == httpx.URL("https://api.rev.ai")


@pytest.mark.parametrize("cls", CLIENTS)
def test_plain_http_to_a_remote_host_needs_allow_insecure_http(cls: type[Any]) -> None:
    with pytest.raises(rl.ConfigurationError, match="allow_insecure_http"):
        cls("tok", base_url="http://example.com")

    allowed = cls("tok", base_url="http://example.com", allow_insecure_http=True)
    assert allowed.base_url.host == "example.com"


NON_ASCII_TOKEN = pytest.param("tok-\u00e9", id="non-ascii")


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "token", ["tok\r\nX-Evil: 1", " tok", "tok ", "to k", NON_ASCII_TOKEN]
)
def test_token_that_could_break_the_header_is_refused(
    cls: type[Any], token: str
) -> None:
    with pytest.raises(rl.ConfigurationError):
        cls(token, base_url="https://api.rev.ai")


def test_non_positive_timeout_of_one_call_is_an_invalid_argument(
    api: Api, fake: FakeRevAI
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        api.call("get_job", "j1", timeout=0)

    assert fake.requests == []


def test_negative_max_retries_of_one_call_is_an_invalid_argument(
    api: Api, fake: FakeRevAI
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="max_retries"):
        api.call("get_job", "j1", max_retries=-1)

    assert fake.requests == []


# Webhooks


@pytest.mark.parametrize("kind", [bytes, str, dict])
def test_parse_notification_reads_the_job(kind: type[Any]) -> None:
    document = {
        "job": {
            "id": "j1",
            "status": "completed",
            "created_on": CREATED,
            "processed_duration_seconds": 11.2,
        }
    }
    text = json.dumps(document)
    body = {bytes: text.encode(), str: text, dict: document}[kind]

    job = rl.parse_notification(body)

    assert (job.id, job.status, job.processed_duration_seconds) == (
        "j1",
        "completed",
        11.2,
    )


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe",
        b"<html></html>",
        b'{"job": ',
        "[1, 2]",
        {"id": "j1"},
        {"job": {"id": 1}},
        {"job": {"id": "j1", "status": "completed", "created_on": "yesterday"}},
    ],
)
def test_parse_notification_of_garbage_is_a_response_error(body: Any) -> None:
    with pytest.raises(rl.ResponseError):
        rl.parse_notification(body)
