"""Whatever the API answers, a call returns a correct model or raises a RevAIError.

Answers are served through `httpx.MockTransport`: bodies generated from the
spec's own schemas (which must parse into models that match them field by
field), the same with unknown enum values and extra fields (which must be kept),
broken bodies of every kind, and every status from 100 to 599. Nothing but a
`RevAIError` may escape, and an error's text stays short whatever the body.

`REVAI_FUZZ_EXAMPLES` sets the examples per property (default 50; `make fuzz`
runs 2000).
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning
from hypothesis_jsonschema import from_schema
from support.rfc3339 import instant, timestamps
from support.spec import component, response_schema

from revai_langid import (
    APIError,
    AsyncLanguageIdClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Job,
    JobFailure,
    JobStatus,
    LanguageIdClient,
    LanguageIdResult,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseError,
    RevAIError,
    ServerError,
)

EXAMPLES = int(os.environ.get("REVAI_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)

pytestmark = pytest.mark.timeout(120 + EXAMPLES // 4)
"""pytest-timeout's limit per test, in seconds, grown for long `make fuzz` runs."""

MESSAGE_LIMIT = 2000
"""Most characters `str(error)` may hold, whatever the body."""

MEBIBYTE = 1024 * 1024
FORMATS = {"date-time": timestamps()}
ANY_JSON = from_schema({})
JOB_FIELDS = frozenset(component("LanguageIdJob")["properties"])
UNKNOWN_FIELDS = st.dictionaries(
    st.text().filter(lambda key: key not in JOB_FIELDS), ANY_JSON
)
STRING_FIELDS = ("id", "metadata", "failure_detail", "callback_url", "media_url")

STATUS_CLASSES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIError]:
    """The class an error status must raise."""
    return STATUS_CLASSES.get(status, ServerError if status >= 500 else APIError)


class Replay:
    """A MockTransport handler that serves the answer set last."""

    def __init__(self) -> None:
        self.status = 200
        self.content = b""
        self.headers: dict[str, str] = {"Content-Type": "application/json"}

    def serve(
        self, status: int, content: bytes, content_type: str = "application/json"
    ) -> None:
        self.status, self.content = status, content
        self.headers = {"Content-Type": content_type} if content_type else {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.content)


@dataclass(frozen=True)
class Operation:
    """One client method, the schema of its 200 body, and how to check a model."""

    name: str
    call: Callable[[Any], Any]
    schema: dict[str, Any] | None
    check: Callable[[Any, Any], None]
    model: type

    def __str__(self) -> str:
        return self.name


def check_job(job: Any, body: Any) -> None:
    assert isinstance(job, Job)
    assert job.id == body["id"]
    assert job.status == body["status"]
    assert job.created_on == instant(body["created_on"])
    assert job.created_on.tzinfo is UTC
    completed = body.get("completed_on")
    assert job.completed_on == (None if completed is None else instant(completed))
    for name in STRING_FIELDS:
        assert getattr(job, name) == body.get(name), name
    assert job.type == body.get("type")
    assert job.failure == body.get("failure")
    assert job.delete_after_seconds == body.get("delete_after_seconds")
    duration = body.get("processed_duration_seconds")
    expected = None if duration is None else float(duration)
    assert job.processed_duration_seconds == expected
    extra = {key: value for key, value in body.items() if key not in JOB_FIELDS}
    assert dict(job.extra) == extra


def check_jobs(jobs: Any, body: Any) -> None:
    assert isinstance(jobs, list)
    assert len(jobs) == len(body)
    for job, item in zip(jobs, body, strict=True):
        check_job(job, item)


def check_result(result: Any, body: Any) -> None:
    assert isinstance(result, LanguageIdResult)
    assert result.top_language == body["top_language"]
    got = [(item.language, item.confidence) for item in result.language_confidences]
    sent = [
        (item["language"], item["confidence"]) for item in body["language_confidences"]
    ]
    assert sorted(got) == sorted((code, float(value)) for code, value in sent)
    confidences = [confidence for _, confidence in got]
    assert confidences == sorted(confidences, reverse=True)


def check_nothing(result: Any, body: Any) -> None:
    assert result is None


OPERATIONS = [
    Operation(
        "submit_url",
        lambda client: client.submit_url("https://media.example.com/a.mp3"),
        response_schema("submitJob"),
        check_job,
        Job,
    ),
    Operation(
        "submit_file",
        lambda client: client.submit_file(io.BytesIO(b"RIFF"), filename="a.wav"),
        response_schema("submitJob"),
        check_job,
        Job,
    ),
    Operation(
        "get_job",
        lambda client: client.get_job("abc"),
        response_schema("getJobById"),
        check_job,
        Job,
    ),
    Operation(
        "list_jobs",
        lambda client: client.list_jobs(limit=5, starting_after="abc"),
        response_schema("listJobs"),
        check_jobs,
        list,
    ),
    Operation(
        "get_result",
        lambda client: client.get_result("abc"),
        response_schema("getResultById"),
        check_result,
        LanguageIdResult,
    ),
    Operation(
        "delete_job",
        lambda client: client.delete_job("abc"),
        None,
        check_nothing,
        type(None),
    ),
]
WITH_BODY = [operation for operation in OPERATIONS if operation.schema is not None]
JOB_OPERATIONS = [operation for operation in WITH_BODY if operation.check is check_job]


@pytest.fixture(scope="module")
def replay() -> Replay:
    return Replay()


@pytest.fixture(scope="module")
def mocked(replay: Replay) -> Iterator[LanguageIdClient]:
    http = httpx.Client(transport=httpx.MockTransport(replay))
    with (
        http,
        LanguageIdClient("fuzz-token", http_client=http, max_retries=0) as client,
    ):
        yield client


def outcome(operation: Operation, client: Any) -> Any:
    """What the call returned, or the RevAIError it raised, checked for length."""
    try:
        result = operation.call(client)
    except RevAIError as exc:
        result = exc
    if isinstance(result, RevAIError):
        text = str(result)
        assert len(text) < MESSAGE_LIMIT, f"{type(result).__name__}: {len(text)}"
    return result


# Schema-valid bodies -------------------------------------------------------------


def with_timestamps(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """`from_schema`, with our RFC 3339 strategy for the `date-time` format."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Overriding standard format", HypothesisWarning
        )
        return from_schema(schema, custom_formats=FORMATS)


VALID_BODIES = {
    operation.name: with_timestamps(operation.schema)
    for operation in WITH_BODY
    if operation.schema is not None
}


def valid_bodies(operation: Operation) -> st.SearchStrategy[Any]:
    return VALID_BODIES[operation.name]


@pytest.mark.parametrize("operation", WITH_BODY, ids=str)
@FUZZ
@given(data=st.data())
def test_schema_valid_body_parses_into_a_matching_model(
    operation: Operation, data: st.DataObject, replay: Replay, mocked: LanguageIdClient
) -> None:
    body = data.draw(valid_bodies(operation), label="body")
    replay.serve(200, json.dumps(body).encode())

    result = operation.call(mocked)

    operation.check(result, body)


@pytest.mark.parametrize("operation", JOB_OPERATIONS, ids=str)
@FUZZ
@given(
    data=st.data(),
    status=st.text(),
    failure=st.text(),
    extra=UNKNOWN_FIELDS,
)
def test_unknown_enum_values_and_extra_fields_are_kept(
    operation: Operation,
    data: st.DataObject,
    status: str,
    failure: str,
    extra: dict[str, Any],
    replay: Replay,
    mocked: LanguageIdClient,
) -> None:
    body = data.draw(valid_bodies(operation), label="body")
    body.update(extra, status=status, failure=failure, type=failure)
    replay.serve(200, json.dumps(body).encode())

    job = operation.call(mocked)

    check_job(job, body)
    assert job.status.is_known == (status in set(JobStatus))
    assert job.failure is not None
    assert job.failure.is_known == (failure in set(JobFailure))


@pytest.mark.parametrize("operation", WITH_BODY, ids=str)
def test_huge_string_fields_parse(
    operation: Operation, replay: Replay, mocked: LanguageIdClient
) -> None:
    body = data_example(operation)
    stuff_strings(body, "é" * MEBIBYTE)
    replay.serve(200, json.dumps(body, ensure_ascii=False).encode())

    operation.check(operation.call(mocked), body)


def data_example(operation: Operation) -> Any:
    """A fixed valid body of the operation, close to the spec's examples."""
    job = {
        "id": "Umx5c6F7pH7r",
        "created_on": "2018-05-05T23:23:22.29Z",
        "completed_on": "2018-05-05T23:28:22.29Z",
        "status": "completed",
        "metadata": "m",
        "failure_detail": "d",
        "callback_url": "https://www.example.com/callback",
        "media_url": "https://www.example.com/a.mp3",
    }
    if operation.check is check_job:
        return job
    if operation.check is check_jobs:
        return [job, dict(job, id="second")]
    return {
        "top_language": "en",
        "language_confidences": [{"language": "en", "confidence": 0.9}],
    }


def stuff_strings(body: Any, text: str) -> None:
    """Replace every string field of a job or result with `text`, in place."""
    for item in body if isinstance(body, list) else [body]:
        for name in (*STRING_FIELDS, "top_language"):
            if name in item:
                item[name] = text
        for candidate in item.get("language_confidences", []):
            candidate["language"] = text


# Broken bodies -------------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
JOB = data_example(OPERATIONS[0])
RESULT = data_example(OPERATIONS[4])


def encoded(value: Any) -> bytes:
    return json.dumps(value).encode()


BROKEN_JOBS = {
    "truncated": encoded(JOB)[:40],
    "html": HTML,
    "empty": b"",
    "blank": b" \r\n\t",
    "invalid_utf8": encoded(JOB).replace(b"Umx5c6F7pH7r", b"Umx5\xff\xfe"),
    "array": encoded([JOB]),
    "string": encoded("job"),
    "null": b"null",
    "missing_id": encoded({k: v for k, v in JOB.items() if k != "id"}),
    "missing_created_on": encoded({k: v for k, v in JOB.items() if k != "created_on"}),
    "missing_status": encoded({k: v for k, v in JOB.items() if k != "status"}),
    "id_is_a_number": encoded(dict(JOB, id=42)),
    "status_is_null": encoded(dict(JOB, status=None)),
    "created_on_is_words": encoded(dict(JOB, created_on="yesterday")),
    "completed_on_is_a_number": encoded(dict(JOB, completed_on=1525562602)),
    "delete_after_is_text": encoded(dict(JOB, delete_after_seconds="60")),
    "delete_after_is_a_bool": encoded(dict(JOB, delete_after_seconds=True)),
    "duration_is_text": encoded(dict(JOB, processed_duration_seconds="1.5")),
    "deep_nesting": b"[" * 100_000,
    "huge_integer": b'{"id": ' + b"7" * 5000 + b"}",
}
"""Bodies no job can be read from, by what is wrong with them."""

BROKEN_LISTS = {
    "truncated": encoded([JOB])[:40],
    "html": HTML,
    "object": encoded(JOB),
    "item_is_a_string": encoded(["abc"]),
    "item_without_id": encoded([{k: v for k, v in JOB.items() if k != "id"}]),
    "deep_nesting": b"[" * 100_000,
}

BROKEN_RESULTS = {
    "truncated": encoded(RESULT)[:20],
    "html": HTML,
    "empty": b"",
    "array": encoded([RESULT]),
    "missing_top_language": encoded({"language_confidences": []}),
    "confidences_is_an_object": encoded(dict(RESULT, language_confidences={})),
    "confidence_is_text": encoded(
        dict(RESULT, language_confidences=[{"language": "en", "confidence": "high"}])
    ),
    "confidence_missing": encoded(
        dict(RESULT, language_confidences=[{"language": "en"}])
    ),
    "language_is_a_number": encoded(
        dict(RESULT, language_confidences=[{"language": 7, "confidence": 0.5}])
    ),
}


def broken_cases() -> Iterator[Any]:
    by_check = {check_job: BROKEN_JOBS, check_jobs: BROKEN_LISTS}
    for operation in WITH_BODY:
        for kind, body in by_check.get(operation.check, BROKEN_RESULTS).items():
            yield pytest.param(operation, body, id=f"{operation}-{kind}")


@pytest.mark.parametrize(("operation", "body"), list(broken_cases()))
def test_broken_body_raises_response_error(
    operation: Operation, body: bytes, replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, body)

    with pytest.raises(ResponseError) as caught:
        operation.call(mocked)

    assert caught.value.status_code == 200
    assert len(str(caught.value)) < MESSAGE_LIMIT


@pytest.mark.parametrize("body", [b"", b"  \r\n"], ids=["empty", "blank"])
def test_list_jobs_refuses_an_empty_body(
    body: bytes, replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, body)

    with pytest.raises(ResponseError):
        mocked.list_jobs()


def test_body_over_the_size_limit_raises_response_error(
    replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, b" " * (33 * MEBIBYTE))

    with pytest.raises(ResponseError, match="bytes"):
        mocked.get_job("abc")


def test_bogus_gzip_raises_a_typed_error(
    replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, encoded(JOB))
    replay.headers["Content-Encoding"] = "gzip"

    with pytest.raises(RevAIError):
        mocked.get_job("abc")


# Every status --------------------------------------------------------------------

PROBLEM = encoded({"title": "Nope", "detail": "It went wrong.", "status": 0})


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_error_status_raises_its_class(
    operation: Operation, replay: Replay, mocked: LanguageIdClient
) -> None:
    wrong = []
    for status in error_statuses():
        replay.serve(status, PROBLEM, "application/problem+json")
        result = outcome(operation, mocked)
        if type(result) is not error_class(status) or result.status_code != status:
            wrong.append(f"{status}: {result!r}")

    assert not wrong


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_error_status_raises_its_class_async(
    operation: Operation, replay: Replay
) -> None:
    async def run() -> list[str]:
        wrong = []
        http = httpx.AsyncClient(transport=httpx.MockTransport(replay))
        async with (
            http,
            AsyncLanguageIdClient("t", http_client=http, max_retries=0) as client,
        ):
            for status in error_statuses():
                replay.serve(status, HTML, "text/html")
                try:
                    result = await operation.call(client)
                except APIError as exc:
                    result = exc
                if type(result) is not error_class(status) or (
                    result.status_code != status
                ):
                    wrong.append(f"{status}: {result!r}")
        return wrong

    assert not asyncio.run(run())


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_success_status_reads_the_body(
    operation: Operation, replay: Replay, mocked: LanguageIdClient
) -> None:
    body = None if operation.schema is None else data_example(operation)
    for status in range(200, 300):
        replay.serve(status, b"" if body is None else encoded(body))

        operation.check(operation.call(mocked), body)


def error_statuses() -> list[int]:
    return [status for status in range(100, 600) if not 200 <= status < 300]


PROBLEM_SCHEMAS = (
    "Problem",
    "BadRequestProblem",
    "ConflictProblem",
    "UnauthorizedProblem",
)
PROBLEMS = st.one_of(*(from_schema(component(name)) for name in PROBLEM_SCHEMAS))
BROKEN_BODIES = [
    *BROKEN_JOBS.values(),
    *BROKEN_LISTS.values(),
    *BROKEN_RESULTS.values(),
]
BIG = 64 * 1024
"""Length of the big strings the property puts in problems (1 MiB ones are
served once, in `test_error_text_stays_short_with_huge_problem_fields`)."""


@st.composite
def any_body(draw: st.DrawFn, operation: Operation) -> bytes:
    """A body of any kind: valid, broken, a problem, huge, or random bytes."""
    kinds = [
        st.sampled_from(BROKEN_BODIES),
        PROBLEMS.map(encoded),
        PROBLEMS.map(lambda problem: encoded(stuff_problem(problem, BIG))),
        ANY_JSON.map(encoded),
        st.binary(max_size=200),
    ]
    if operation.schema is not None:
        kinds.append(valid_bodies(operation).map(encoded))
    return draw(st.one_of(*kinds))


def stuff_problem(problem: Any, size: int) -> Any:
    """`problem` with every text field `size` characters long, lines included."""
    if not isinstance(problem, dict):
        return problem
    for name in ("type", "title", "detail", "current_value"):
        problem[name] = "x\n" * (size // 2)
    problem["parameters"] = {"x" * size: ["y" * size]}
    problem["allowed_values"] = ["z" * size]
    return problem


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
@FUZZ
@given(data=st.data(), status=st.integers(100, 599))
def test_any_status_with_any_body_gives_a_model_or_a_typed_error(
    operation: Operation,
    data: st.DataObject,
    status: int,
    replay: Replay,
    mocked: LanguageIdClient,
) -> None:
    body = data.draw(any_body(operation), label="body")
    content_type = data.draw(
        st.sampled_from(
            ["application/json", "application/problem+json", "text/html", ""]
        )
    )
    replay.serve(status, body, content_type)

    result = outcome(operation, mocked)

    if 200 <= status < 300:
        assert isinstance(result, operation.model | ResponseError)
    else:
        assert type(result) is error_class(status)
        assert result.status_code == status


@pytest.mark.parametrize("status", [400, 404, 409, 413, 429, 500, 418, 302, 101])
def test_error_text_stays_short_with_huge_problem_fields(
    status: int, replay: Replay, mocked: LanguageIdClient
) -> None:
    problem = stuff_problem({"status": status}, MEBIBYTE)
    replay.serve(status, encoded(problem), "application/problem+json")

    with pytest.raises(APIError) as caught:
        mocked.get_job("abc")

    assert len(str(caught.value)) < MESSAGE_LIMIT
    assert "\n" not in str(caught.value)


# Regressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "created_on",
    ["0001-01-01T00:00:00+13:19", "9999-12-31T23:59:59-05:00", "2016-12-31T23:59:60Z"],
)
def test_job_with_an_edge_timestamp_parses(
    created_on: str, replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, encoded(dict(JOB, created_on=created_on)))

    job = mocked.get_job("abc")

    assert job.created_on.tzinfo is UTC


HUGE_NUMBER = "1" + "0" * 400
"""An integer JSON number beyond the float range (still under Python's digit cap)."""


@pytest.mark.parametrize(
    ("operation", "body"),
    [
        pytest.param(
            OPERATIONS[2],
            encoded(JOB)[:-1]
            + f', "processed_duration_seconds": {HUGE_NUMBER}}}'.encode(),
            id="get_job-duration",
        ),
        pytest.param(
            OPERATIONS[4],
            f'{{"top_language": "en", "language_confidences": '
            f'[{{"language": "en", "confidence": {HUGE_NUMBER}}}]}}'.encode(),
            id="get_result-confidence",
        ),
    ],
)
def test_number_beyond_the_float_range_gives_a_typed_error(
    operation: Operation, body: bytes, replay: Replay, mocked: LanguageIdClient
) -> None:
    replay.serve(200, body)

    result = outcome(operation, mocked)

    assert isinstance(result, operation.model | ResponseError)
