"""The client against Prism, the mock server that reads `openapi.yaml` itself.

Three contracts: every request the client sends is one the spec allows; every
answer the spec allows (Prism generates them in `--dynamic` mode) is one the
client reads; every error status the spec documents reaches the caller as its
error class (Prism answers the status a `Prefer: code=NNN` header asks for).

Prism 5 gaps, worked around here rather than hidden:

- A multipart part is validated as the raw string it is, whatever the spec's
  `encoding.contentType` says, so the JSON `options` part of an upload is always
  "not an object" to Prism. The upload test accepts exactly that complaint and
  checks the part against the schema itself. Error statuses of the upload cannot
  be driven (Prism answers 400 before it looks at `Prefer`); the same operation's
  statuses are driven through `submit_url`.
- `--seed` makes every dynamic answer the same document (the generator is
  re-seeded per request), so the dynamic run is unseeded; a body the client
  refuses is printed whole in the failure message, which is what reproduces it.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import wave
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from support.prism import PRISM, PRISM_ERROR_TYPE, Prism, ViolationLog, start_prism
from support.spec import component, documented_statuses

from revai_langid import (
    APIError,
    AsyncLanguageIdClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Job,
    LanguageIdClient,
    LanguageIdResult,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseError,
    RevAIError,
)

pytestmark = [
    pytest.mark.prism,
    pytest.mark.skipif(
        not PRISM.exists(),
        reason=f"Prism is not installed at {PRISM}; run `npm ci` (make test does)",
    ),
]

TOKEN = "prism-contract-token"
ROUNDS = 100
"""Calls of each operation against the dynamic mock."""

PROBLEM_JSON = "application/problem+json"

ERROR_CLASSES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}

Call = Callable[[Any], Any]

CALLS: dict[str, Call] = {
    "submitJob": lambda client: client.submit_url(
        "https://media.example.com/interview.mp3",
        source_auth="Bearer source-secret",
        notification_url="https://hooks.example.com/done",
        notification_auth={"Authorization": "Bearer hook-secret"},
        metadata="contract test",
        delete_after_seconds=0,
    ),
    "getJobById": lambda client: client.get_job("abc"),
    "listJobs": lambda client: client.list_jobs(limit=5, starting_after="abc"),
    "getResultById": lambda client: client.get_result("abc"),
    "deleteJobById": lambda client: client.delete_job("abc"),
}
"""One call of each operation, by operationId, every optional argument used."""

RETURNS: dict[str, type] = {
    "submitJob": Job,
    "getJobById": Job,
    "listJobs": list,
    "getResultById": LanguageIdResult,
    "deleteJobById": type(None),
}


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    server = start_prism(tmp_path_factory.mktemp("prism") / "static.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dynamic_prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    log = tmp_path_factory.mktemp("prism") / "dynamic.log"
    server = start_prism(log, "--dynamic")
    yield server
    server.stop()


@pytest.fixture
def tiny_wav(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.wav"
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * 800)
    return path


def test_sync_client_requests_are_valid_for_the_spec(prism: Prism) -> None:
    log = ViolationLog()
    with (
        httpx.Client(event_hooks=log.hooks()) as http,
        LanguageIdClient(TOKEN, base_url=prism.url, http_client=http) as client,
    ):
        results = {name: call(client) for name, call in CALLS.items()}

    assert_valid(log, prism)
    assert_returns(results)


def test_async_client_requests_are_valid_for_the_spec(prism: Prism) -> None:
    log = ViolationLog()

    async def run() -> dict[str, Any]:
        hooks = {"response": [log.async_hook]}
        async with (
            httpx.AsyncClient(event_hooks=hooks) as http,
            AsyncLanguageIdClient(
                TOKEN, base_url=prism.url, http_client=http
            ) as client,
        ):
            return {name: await call(client) for name, call in CALLS.items()}

    results = asyncio.run(run())

    assert_valid(log, prism)
    assert_returns(results)


def test_upload_is_valid_apart_from_prisms_multipart_gap(
    prism: Prism, tiny_wav: Path
) -> None:
    log = ViolationLog()
    sent: list[httpx.Request] = []

    def keep(request: httpx.Request) -> None:
        request.read()
        sent.append(request)

    hooks = {"request": [keep], "response": [log]}
    with (
        httpx.Client(event_hooks=hooks) as http,
        LanguageIdClient(TOKEN, base_url=prism.url, http_client=http) as client,
        pytest.raises(BadRequestError),
    ):
        client.submit_file(tiny_wav, metadata="upload", delete_after_seconds=0)

    [(_, _, violations)] = log.seen
    assert [(v["location"], v["code"]) for v in violations] == [
        (["request", "body", "options"], "type")
    ], violations
    parts = multipart_parts(sent[0])
    assert set(parts) == {"media", "options"}
    assert parts["media"].get_filename() == "tiny.wav"
    assert parts["media"].get_payload(decode=True) == tiny_wav.read_bytes()
    assert parts["options"].get_content_type() == "application/json"
    options = json.loads(parts["options"].get_payload(decode=True))
    jsonschema.validate(options, component("SubmitJobOptions"))
    assert options == {"metadata": "upload", "delete_after_seconds": 0}


def test_every_generated_answer_is_read_or_refused_with_a_typed_error(
    dynamic_prism: Prism,
) -> None:
    refused: list[str] = []
    parsed: Counter[str] = Counter()
    with LanguageIdClient(TOKEN, base_url=dynamic_prism.url, max_retries=0) as client:
        for name, call in CALLS.items():
            for _ in range(ROUNDS):
                try:
                    call(client)
                except ResponseError as exc:
                    refused.append(f"{name}: {exc}\n  body: {exc.body}")
                except RevAIError:
                    continue
                else:
                    parsed[name] += 1

    assert not refused, "schema-valid answers refused:\n" + "\n".join(refused)
    assert set(parsed) == set(CALLS), parsed


def documented_errors() -> list[tuple[str, int]]:
    return [
        (operation_id, status)
        for operation_id in CALLS
        for status in documented_statuses(operation_id)
        if status >= 400
    ]


def test_documented_errors_reach_the_caller_with_the_clients_own_accept(
    prism: Prism,
) -> None:
    wrong = []
    for operation_id, status in documented_errors():
        outcome = call_with_prefer(prism, operation_id, status, widen_accept=False)
        if outcome is not ERROR_CLASSES[status]:
            wrong.append(f"{operation_id} {status}: got {outcome.__name__}")

    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("operation_id", "status"), documented_errors())
def test_documented_error_status_raises_its_class(
    prism: Prism, operation_id: str, status: int
) -> None:
    outcome = call_with_prefer(prism, operation_id, status, widen_accept=True)

    assert outcome is ERROR_CLASSES[status]


def call_with_prefer(
    prism: Prism, operation_id: str, status: int, *, widen_accept: bool
) -> type:
    """The class of what the call returned or raised when Prism is asked for
    `status`; asserts that it came from the spec, not from a Prism complaint."""
    hooks: dict[str, list[Any]] = {"request": [accept_problems]} if widen_accept else {}
    headers = {"Prefer": f"code={status}"}
    with (
        httpx.Client(headers=headers, event_hooks=hooks) as http,
        LanguageIdClient(
            TOKEN, base_url=prism.url, http_client=http, max_retries=0
        ) as client,
    ):
        try:
            result = CALLS[operation_id](client)
        except APIError as exc:
            result = exc
    if isinstance(result, APIError):
        assert not str(result.type).startswith(PRISM_ERROR_TYPE), result
        assert result.status_code == status, result
    return type(result)


def accept_problems(request: httpx.Request) -> None:
    """Add the problem media type to the Accept header the client chose."""
    request.headers["Accept"] += f", {PROBLEM_JSON}"


def assert_valid(log: ViolationLog, prism: Prism) -> None:
    assert len(log.seen) == len(CALLS)
    complaints = [entry for entry in log.seen if entry[2]]
    assert not complaints, f"{complaints}\n{prism.log_tail()}"


def assert_returns(results: dict[str, Any]) -> None:
    for name, result in results.items():
        assert isinstance(result, RETURNS[name]), (name, result)
    assert all(isinstance(job, Job) for job in results["listJobs"])


def multipart_parts(request: httpx.Request) -> dict[str, Any]:
    """The parts of a multipart request body, by form field name."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(head + request.content)
    return {
        part.get_param("name", header="content-disposition"): part
        for part in message.iter_parts()
    }
