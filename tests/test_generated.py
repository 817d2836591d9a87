"""generated/ is exactly what the pinned generator writes, and its fixes hold."""

from __future__ import annotations

import inspect
import pickle
import shutil
import subprocess
import sys
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
import pytest

import revai_langid as rl
from revai_langid_api import AuthenticatedClient, errors
from revai_langid_api.api.jobs import (
    delete_job_by_id,
    get_job_by_id,
    get_result_by_id,
    list_jobs,
    submit_job,
)
from revai_langid_api.models import (
    JobFailure,
    JobStatus,
    JobType,
    LanguageIdJob,
    SubmitJobFileRequest,
    SubmitJobOptions,
    SubmitJobUrlRequest,
)
from revai_langid_api.types import File

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PINNED_FILES = [
    "Makefile", "openapi.yaml", "generator-config.yaml", "pyproject.toml",
    "README.md", "requirements", "templates", "generated", "scripts",
]  # fmt: skip
JOB = {"id": "a", "created_on": "2018-05-05T23:23:22.29Z", "status": "completed"}
VENDOR_TYPE = "application/vnd.rev.languageid.v1.0+json"


def _check_generated(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "check-generated", "STAMP=", f"BIN={BIN}"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    for name in PINNED_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, tree / name)
    return tree


def test_check_generated_passes_on_the_committed_tree(tree_copy: Path) -> None:
    result = _check_generated(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_generated_names_a_hand_edited_file(tree_copy: Path) -> None:
    edited = tree_copy / "generated/revai_langid_api/api/jobs/get_job_by_id.py"
    original = edited.read_text()
    edited.write_text(original.replace("Keyword arguments", "Hand-edited arguments"))
    try:
        result = _check_generated(tree_copy)
    finally:
        edited.write_text(original)
    assert result.returncode != 0
    assert "get_job_by_id.py" in result.stdout + result.stderr


def test_check_generated_names_an_added_file(tree_copy: Path) -> None:
    extra = tree_copy / "generated/revai_langid_api/extra.py"
    extra.write_text("x = 1\n")
    try:
        result = _check_generated(tree_copy)
    finally:
        extra.unlink()
    assert result.returncode != 0
    assert "extra.py" in result.stdout + result.stderr


def test_multipart_submit_leaves_the_boundary_to_httpx() -> None:
    body = SubmitJobFileRequest(
        media=File(payload=open(__file__, "rb"), file_name="a.wav"),  # noqa: SIM115
        options=SubmitJobOptions(delete_after_seconds=0),
    )
    kwargs = submit_job.build_request_kwargs(body=body)
    body.media.payload.close()
    assert "Content-Type" not in kwargs["headers"]


@pytest.mark.parametrize(
    ("job_id", "segment"),
    [
        ("ab/../x?y#z", "ab%2F..%2Fx%3Fy%23z"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a b%", "a%20b%25"),
    ],
)
def test_path_parameters_stay_one_segment(job_id: str, segment: str) -> None:
    url = get_job_by_id.build_request_kwargs(job_id)["url"]
    assert url == f"/languageid/v1/jobs/{segment}"


def test_generated_package_ships_py_typed() -> None:
    assert (ROOT / "generated/revai_langid_api/py.typed").is_file()


def test_authenticated_client_keeps_the_token_out_of_repr() -> None:
    client = AuthenticatedClient("https://api.rev.ai", token="tok-CANARY-42")
    client = client.with_headers({"X-Trace": "1"})
    http = client.get_httpx_client()
    assert http.headers["Authorization"] == "Bearer tok-CANARY-42"
    assert http.headers["X-Trace"] == "1"
    assert "CANARY" not in repr(client)
    http.close()


def test_generated_functions_send_the_token_and_parse_the_job() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "id": "a",
                "created_on": "2018-05-05T23:23:22.29Z",
                "status": "completed",
            },
        )

    client = AuthenticatedClient("https://api.rev.ai", token="tok")
    client.set_httpx_client(
        httpx.Client(
            base_url="https://api.rev.ai",
            transport=httpx.MockTransport(answer),
            headers={"Authorization": "Bearer tok"},
        )
    )
    job = get_job_by_id.sync("a", client=client)
    assert isinstance(job, LanguageIdJob)
    assert job.id == "a"
    assert seen[0].url.path == "/languageid/v1/jobs/a"


def test_generator_tools_match_their_pins() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_pins.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_pin_check_names_a_drifted_tool(tmp_path: Path) -> None:
    pins = tmp_path / "generate.txt"
    pins.write_text("ruff==0.0.1  # not what is installed\n")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import check_pins
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    problems = check_pins.mismatches(check_pins.pinned(pins))
    assert problems == [f"ruff: pinned 0.0.1, installed {version('ruff')}"]


def test_a_failed_generation_leaves_generated_untouched(tree_copy: Path) -> None:
    spec = tree_copy / "openapi.yaml"
    original = spec.read_text()
    before = sorted(
        (path.relative_to(tree_copy), path.read_bytes())
        for path in (tree_copy / "generated").rglob("*.py")
    )
    broken = original.replace(
        '"#/components/schemas/JobStatus"', '"#/components/schemas/JobStatuss"', 1
    )
    spec.write_text(broken)
    try:
        result = subprocess.run(
            ["make", "-s", "generate", "STAMP=", f"BIN={BIN}"],
            cwd=tree_copy,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    finally:
        spec.write_text(original)
    after = sorted(
        (path.relative_to(tree_copy), path.read_bytes())
        for path in (tree_copy / "generated").rglob("*.py")
    )
    assert result.returncode != 0
    assert after == before


def _client(
    answer: Callable[[httpx.Request], httpx.Response], *, raising: bool = False
) -> AuthenticatedClient:
    """A generated client whose requests `answer` serves, without a network."""
    client = AuthenticatedClient(
        "https://api.rev.ai", token="tok", raise_on_unexpected_status=raising
    )
    return client.set_httpx_client(
        httpx.Client(
            base_url="https://api.rev.ai", transport=httpx.MockTransport(answer)
        )
    )


@contextmanager
def _loopback(status: int, body: bytes, content_type: str) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that answers every GET the same way."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize(
    "function",
    [
        submit_job.build_request_kwargs,
        submit_job.sync,
        submit_job.sync_detailed,
        submit_job.asyncio,
        submit_job.asyncio_detailed,
    ],
)
def test_submit_job_body_is_required_as_the_spec_says(
    function: Callable[..., Any],
) -> None:
    parameter = inspect.signature(function).parameters["body"]
    body_type = typing.get_type_hints(function)["body"]
    assert parameter.default is inspect.Parameter.empty
    assert set(typing.get_args(body_type)) == {
        SubmitJobUrlRequest,
        SubmitJobFileRequest,
    }


def test_submit_job_without_a_body_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="body"):
        submit_job.build_request_kwargs()  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("field", "enum", "value"),
    [
        ("status", JobStatus, "queued"),
        ("failure", JobFailure, "media_unreachable"),
        ("type", JobType, "transcription"),
    ],
)
def test_enums_keep_a_value_the_spec_does_not_list(
    field: str, enum: type[StrEnum], value: str
) -> None:
    job = LanguageIdJob.from_dict({**JOB, field: value})
    member = getattr(job, "type_" if field == "type" else field)

    assert isinstance(member, enum)
    assert member == value
    assert (member.value, str(member), hash(member)) == (value, value, hash(value))
    assert member not in list(enum)
    assert job.to_dict()[field] == value
    assert pickle.loads(pickle.dumps(member)) == value


def test_enums_still_return_their_listed_members() -> None:
    job = LanguageIdJob.from_dict({**JOB, "failure": "insufficient_balance"})
    assert job.status is JobStatus.COMPLETED
    assert job.failure is JobFailure.INSUFFICIENT_BALANCE


def test_enums_refuse_a_value_that_is_not_a_string() -> None:
    with pytest.raises(ValueError, match="JobStatus"):
        LanguageIdJob.from_dict({**JOB, "status": 3})


@pytest.mark.parametrize(
    ("stamp", "instant"),
    [
        ("2018-09-15T05:14:38.13", datetime(2018, 9, 15, 5, 14, 38, 130000, UTC)),
        ("2018-05-05T23:23:22.29Z", datetime(2018, 5, 5, 23, 23, 22, 290000, UTC)),
        ("2018-09-15T07:14:38+02:00", datetime(2018, 9, 15, 5, 14, 38, tzinfo=UTC)),
        ("2018-09-15T05:14:38.1234567", datetime(2018, 9, 15, 5, 14, 38, 123456, UTC)),
    ],
)
def test_datetimes_read_as_aware_utc_even_without_a_zone(
    stamp: str, instant: datetime
) -> None:
    job = LanguageIdJob.from_dict({**JOB, "created_on": stamp, "completed_on": stamp})
    for value in (job.created_on, job.completed_on):
        assert isinstance(value, datetime)
        assert value == instant
        assert value.tzinfo is UTC


@pytest.mark.parametrize("status", [520, 499])
def test_a_status_httpstatus_lacks_is_kept_as_the_int(status: int) -> None:
    page = b"<html><body>Web server is returning an unknown error</body></html>"
    with (
        _loopback(status, page, "text/html") as url,
        AuthenticatedClient(url, token="tok") as client,
    ):
        answer = get_job_by_id.sync_detailed("a", client=client)
    assert answer.status_code == status
    assert (answer.content, answer.parsed) == (page, None)


def test_a_known_status_is_still_an_httpstatus() -> None:
    client = _client(lambda _: httpx.Response(200, json=JOB))
    answer = get_job_by_id.sync_detailed("a", client=client)
    assert answer.status_code is HTTPStatus.OK


@pytest.mark.parametrize(
    ("call", "status", "body"),
    [
        (lambda client: get_job_by_id.sync("a", client=client), 404, b""),
        (lambda client: get_job_by_id.sync("a", client=client), 200, b"<html>"),
        (lambda client: list_jobs.sync(client=client), 200, b"\xff\xfe"),
        (
            lambda client: submit_job.sync(
                client=client, body=SubmitJobUrlRequest(media_url="https://m.example")
            ),
            413,
            b"<html><h1>413 Request Entity Too Large</h1></html>",
        ),
        (
            lambda client: list_jobs.sync(client=client),
            200,
            b"[" * 100_000 + b"]" * 100_000,
        ),
    ],
    ids=[
        "empty-404",
        "html-200",
        "not-utf8-list-200",
        "html-413-submit",
        "nested-past-the-recursion-limit",
    ],
)
def test_a_body_that_is_not_json_is_an_unexpected_answer(
    call: Callable[[AuthenticatedClient], object], status: int, body: bytes
) -> None:
    def answer(_: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=body, headers={"Content-Type": "text/html"}
        )

    assert call(_client(answer)) is None
    with pytest.raises(errors.UnexpectedStatus) as caught:
        call(_client(answer, raising=True))
    assert (caught.value.status_code, caught.value.content) == (status, body)


def test_a_json_problem_on_a_documented_status_still_parses() -> None:
    problem = {"title": "Not Found", "status": 404, "detail": "no job a"}
    client = _client(lambda _: httpx.Response(404, json=problem), raising=True)
    answer = get_job_by_id.sync("a", client=client)
    assert answer is not None
    assert answer.to_dict() == problem


def test_unexpected_status_message_is_cut_but_content_is_whole() -> None:
    content = b"<html>" + b"x" * 100_000 + b"</html>"
    error = errors.UnexpectedStatus(502, content)
    assert len(str(error)) < errors.MAX_MESSAGE_CONTENT + 200
    assert "characters in all" in str(error)
    assert error.content == content


def test_unexpected_status_message_keeps_a_short_body_whole() -> None:
    error = errors.UnexpectedStatus(502, b"Bad gateway")
    assert str(error).endswith("Bad gateway")


def test_unexpected_status_survives_pickle() -> None:
    copy = pickle.loads(pickle.dumps(errors.UnexpectedStatus(502, b"Bad gateway")))
    assert (copy.status_code, copy.content) == (502, b"Bad gateway")
    assert str(copy) == str(errors.UnexpectedStatus(502, b"Bad gateway"))


def test_delete_204_parses_to_none_and_is_typed_none() -> None:
    for function in (delete_job_by_id.sync, delete_job_by_id.asyncio):
        returned = typing.get_args(typing.get_type_hints(function)["return"])
        assert Any not in returned
        assert type(None) in returned
    client = _client(lambda _: httpx.Response(204))
    answer = delete_job_by_id.sync_detailed("a", client=client)
    assert (answer.status_code, answer.parsed) == (204, None)


def test_result_request_accepts_the_success_media_types() -> None:
    kwargs = get_result_by_id.build_request_kwargs("a")
    assert kwargs["headers"]["Accept"] == f"{VENDOR_TYPE}, application/json"
    assert get_job_by_id.build_request_kwargs("a")["headers"]["Accept"] == (
        "application/json"
    )
    assert "headers" not in delete_job_by_id.build_request_kwargs("a")


def test_the_facade_accept_header_replaces_the_generated_one() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "top_language": "en",
                "language_confidences": [{"language": "en", "confidence": 0.9}],
            },
            headers={"Content-Type": VENDOR_TYPE},
        )

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with rl.LanguageIdClient("tok", http_client=http) as client:
        client.get_result("a")
    (accept,) = seen[0].headers.get_list("Accept")
    assert accept.startswith(VENDOR_TYPE)
    assert "application/problem+json" in accept
