"""What the clients log, and that no secret reaches a log, an error or a repr.

Every secret here contains "CANARY", so one substring check finds any of them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from support import clients
from support.raw_server import RawServer

import revai_langid as rl
from revai_langid.testing import FakeRevAI

if TYPE_CHECKING:
    from conftest import Api

CANARY = "CANARY"
TOKEN = "tok-CANARY-123"
WRONG_TOKEN = "tok-CANARY-wrong"
SOURCE_AUTH = "Bearer source-CANARY-456"
NOTIFY_AUTH = "Bearer notify-CANARY-789"
JOBS = "/languageid/v1/jobs"
WAV = Path(__file__).parent / "data" / "hello-en.wav"
MEDIA_URL = "https://media.example.com/interview.mp3"
HOOK_URL = "https://hooks.example.com/revai"
CREATED = "2018-05-05T23:23:22.29Z"
LOGGERS = ("revai_langid", "httpx", "httpcore")

NOTIFY = {"notification_url": HOOK_URL, "notification_auth": NOTIFY_AUTH}
WAIT = {"wait_timeout": 1.0, "poll_interval": 0.01}
EVERY_METHOD = [
    ("submit_url", (MEDIA_URL,), {"source_auth": SOURCE_AUTH, **NOTIFY}),
    ("submit_file", (WAV,), NOTIFY),
    ("identify", (MEDIA_URL,), {"source_auth": SOURCE_AUTH, **NOTIFY, **WAIT}),
    ("identify", (WAV,), {**NOTIFY, **WAIT}),
    ("get_job", ("j1",), {}),
    ("list_jobs", (), {}),
    ("iter_jobs", (), {}),
    ("get_result", ("j1",), {}),
    ("delete_job", ("j1",), {}),
    ("wait_for_job", ("j1",), {"timeout": 1.0, "poll_interval": 0.01}),
]


@pytest.fixture
def fake() -> Iterator[FakeRevAI]:
    with FakeRevAI(token=TOKEN, polls_until_complete=1) as server:
        server.add_job({"id": "j1", "status": "completed", "created_on": CREATED})
        yield server


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def ours(logs: pytest.LogCaptureFixture, level: int) -> list[str]:
    """Messages the client logged at `level` (the fake's own logger left out)."""
    return [
        record.getMessage()
        for record in logs.records
        if record.name == "revai_langid" and record.levelno == level
    ]


# One line per request, one warning per retry


def test_each_request_logs_one_debug_line_with_status_time_and_attempt(
    api: Api, fake: FakeRevAI, logs: pytest.LogCaptureFixture
) -> None:
    fake.inject("GET", JOBS, status=503)

    api.call("get_job", "j1")

    path = re.escape(f"{JOBS}/j1")
    first, second = ours(logs, logging.DEBUG)
    assert re.fullmatch(rf"GET {path} -> 503 in \d+ ms \(attempt 1\)", first)
    assert re.fullmatch(rf"GET {path} -> 200 in \d+ ms \(attempt 2\)", second)


def test_request_without_an_answer_logs_its_debug_line_too(
    api: Api, fake: FakeRevAI, logs: pytest.LogCaptureFixture
) -> None:
    fake.inject("GET", JOBS, action="close")

    api.call("get_job", "j1")

    first, second = ours(logs, logging.DEBUG)
    assert "GET" in first
    assert f"{JOBS}/j1" in first
    assert "no answer" in first
    assert "attempt 1" in first
    assert "200" in second
    assert "attempt 2" in second


def test_each_retry_logs_one_warning_with_reason_and_delay(
    api: Api, fake: FakeRevAI, logs: pytest.LogCaptureFixture
) -> None:
    fake.inject("GET", JOBS, status=503)
    fake.inject("GET", JOBS, action="close")

    api.call("get_job", "j1")

    after_503, after_close = ours(logs, logging.WARNING)
    first_delay, second_delay = api.sleeps
    assert "503" in after_503
    assert f"{first_delay:.2f} s" in after_503
    assert "RemoteProtocolError" in after_close
    assert f"{second_delay:.2f} s" in after_close


def test_calls_without_retries_log_no_warning(
    api: Api, fake: FakeRevAI, logs: pytest.LogCaptureFixture
) -> None:
    api.call("get_job", "j1")
    with pytest.raises(rl.NotFoundError):
        api.call("get_job", "nosuchjob")

    assert len(ours(logs, logging.DEBUG)) == 2
    assert ours(logs, logging.WARNING) == []
    assert ours(logs, logging.INFO) == []


# Secrets in failure modes


def break_api(api: Api, fake: FakeRevAI, mode: str, closed_port: int) -> None:
    if mode == "wrong token":
        api.settings["token"] = WRONG_TOKEN
    elif mode == "refused":
        api.settings["base_url"] = f"http://127.0.0.1:{closed_port}"
    else:
        status = int(mode)
        problem = {"title": "Failure", "status": status, "detail": "it failed"}
        fake.inject("*", "/", status=status, body=problem, times=10_000)


def failure_of(api: Api, method: str, args: Any, kwargs: Any) -> rl.RevAIError:
    with pytest.raises(rl.RevAIError) as caught:
        api.call(method, *args, **kwargs)
    return caught.value


def error_chain(error: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def sent_to_the_fake(fake: FakeRevAI) -> str:
    return " ".join(
        request.headers.get("authorization", "") + request.body.decode(errors="replace")
        for request in fake.requests
    )


@pytest.mark.parametrize("mode", ["wrong token", "404", "500", "refused"])
def test_no_secret_reaches_a_log_or_an_error(
    api: Api,
    fake: FakeRevAI,
    logs: pytest.LogCaptureFixture,
    closed_port: int,
    mode: str,
) -> None:
    break_api(api, fake, mode, closed_port)

    errors = [failure_of(api, *call) for call in EVERY_METHOD]

    assert {r.name for r in logs.records} >= {"revai_langid", "httpcore.connection"}
    for record in logs.records:
        assert CANARY not in record.getMessage(), record.getMessage()
        assert CANARY not in repr(record.args), record.args
    for error in errors:
        for link in error_chain(error):
            assert CANARY not in str(link), str(link)
            assert CANARY not in repr(link), repr(link)
        assert CANARY not in repr(vars(error)), vars(error)
    if mode != "refused":
        sent = sent_to_the_fake(fake)
        assert SOURCE_AUTH in sent
        assert NOTIFY_AUTH in sent
        assert (WRONG_TOKEN if mode == "wrong token" else TOKEN) in sent


@pytest.mark.parametrize("cls", [rl.LanguageIdClient, rl.AsyncLanguageIdClient])
def test_repr_of_a_client_shows_the_base_url_but_not_the_token(
    cls: type[Any], fake: FakeRevAI
) -> None:
    client = cls(TOKEN, base_url=fake.url)

    assert fake.url in repr(client)
    assert CANARY not in repr(client)
    assert CANARY not in str(client)


@pytest.mark.parametrize("cls", [rl.LanguageIdClient, rl.AsyncLanguageIdClient])
def test_base_url_with_a_password_is_refused(cls: type[Any]) -> None:
    with pytest.raises(rl.ConfigurationError):
        cls(TOKEN, base_url="https://user:pw-CANARY@api.rev.ai")


# Secrets a server echoes back, in other spellings or places


def _echo_detail(kind: str, secret: str) -> bytes:
    """A 400 problem whose detail echoes `secret` as a server of `kind` writes JSON."""
    document = json.dumps({"title": "Bad", "detail": f"header {secret} refused"})
    if kind == "escaped slash":
        document = document.replace("/", "\\/")
    return document.encode()


@pytest.mark.parametrize(
    ("kind", "token", "source_auth", "echoed"),
    [
        ("ascii escapes", TOKEN, "Bearer café-CANARY<&>", "Bearer café-CANARY<&>"),
        ("escaped slash", "tok/CANARY/slash", SOURCE_AUTH, "tok/CANARY/slash"),
        ("escaped slash", TOKEN, "Bearer a/CANARY/b", "a/CANARY/b"),
    ],
)
def test_a_secret_echoed_in_escaped_json_is_redacted(
    kind: str, token: str, source_auth: str, echoed: str
) -> None:
    body = _echo_detail(kind, echoed)
    assert echoed.encode() not in body
    with FakeRevAI(token=token) as fake:
        fake.inject("POST", JOBS, status=400, body=body)
        with (
            rl.LanguageIdClient(token, base_url=fake.url) as client,
            pytest.raises(rl.BadRequestError) as caught,
        ):
            client.submit_url(MEDIA_URL, source_auth=source_auth)

    seen = f"{caught.value} {caught.value.detail} {caught.value.body}"
    assert CANARY not in seen
    assert "[redacted]" in seen


def test_a_short_token_is_redacted_too() -> None:
    with FakeRevAI(token="ab1") as fake:
        body = {"title": "Unauthorized", "detail": "token ab1 is invalid"}
        fake.inject("GET", JOBS, status=401, body=body)
        with (
            rl.LanguageIdClient("ab1", base_url=fake.url) as client,
            pytest.raises(rl.AuthenticationError) as caught,
        ):
            client.list_jobs()

    assert "ab1" not in f"{caught.value} {caught.value.detail} {caught.value.body}"


def _echo_auth_in_a_bad_header(connection: Any) -> None:
    """Answer with an illegal header line that repeats the request's Authorization."""
    auth = re.search(rb"(?im)^authorization: *(.+?)\r$", connection.head)
    echoed = auth.group(1) if auth else b"none"
    connection.send(b"HTTP/1.1 200 OK\r\nbad header " + echoed + b"\r\n\r\n")


def _echo_auth_in_a_header(connection: Any) -> None:
    auth = re.search(rb"(?im)^authorization: *(.+?)\r$", connection.head)
    echoed = auth.group(1) if auth else b"none"
    connection.send(
        b"HTTP/1.1 503 Service Unavailable\r\nX-Echo: "
        + echoed
        + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )


@pytest.mark.parametrize("token", [TOKEN, "tok'CANARY\"x", "tok\\CANARY"])
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_protocol_error_echoing_the_token_leaks_nowhere(
    kind: str, token: str, logs: pytest.LogCaptureFixture
) -> None:
    with RawServer(_echo_auth_in_a_bad_header) as server:
        error = clients.call(kind, server.url, token=token, max_retries=1)

    assert isinstance(error, rl.APIConnectionError)
    assert error.__cause__ is None
    assert CANARY not in str(error)
    assert ours(logs, logging.WARNING), "the retry was not logged"
    for record in logs.records:
        assert CANARY not in record.getMessage(), record.name


def test_a_response_header_echoing_the_token_is_redacted_in_httpcore_logs(
    logs: pytest.LogCaptureFixture,
) -> None:
    with RawServer(_echo_auth_in_a_header) as server:
        error = clients.call("sync", server.url, token=TOKEN)

    assert isinstance(error, rl.ServerError)
    headers_logged = [r for r in logs.records if "X-Echo" in r.getMessage()]
    assert headers_logged, "httpcore logged no response headers"
    for record in logs.records:
        assert CANARY not in record.getMessage(), record.name


def _echo_source_auth_in_a_header(connection: Any) -> None:
    connection.send(
        "HTTP/1.1 503 Service Unavailable\r\nX-Echo: Bearer café-CANARY-ü\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
    )


def test_a_non_ascii_auth_value_echoed_in_a_header_is_redacted_in_logs(
    logs: pytest.LogCaptureFixture,
) -> None:
    def submit(client: Any) -> Any:
        return client.submit_url(MEDIA_URL, source_auth="Bearer café-CANARY-ü")

    with RawServer(_echo_source_auth_in_a_header) as server:
        error = clients.call("sync", server.url, submit)

    assert isinstance(error, rl.ServerError)
    assert [r for r in logs.records if "X-Echo" in r.getMessage()]
    for record in logs.records:
        assert CANARY not in record.getMessage(), record.name


def test_a_job_id_echoing_the_token_is_redacted_from_paths(
    fake: FakeRevAI, logs: pytest.LogCaptureFixture
) -> None:
    with rl.LanguageIdClient(TOKEN, base_url=fake.url) as client:
        with pytest.raises(rl.NotFoundError) as caught:
            client.get_job(TOKEN)
        with pytest.raises(rl.NotFoundError) as slashed:
            client.get_job(TOKEN.replace("-", "/"))

    assert CANARY not in f"{caught.value} {caught.value.path}"
    assert "[redacted]" in caught.value.path
    assert "CANARY" in str(slashed.value)  # another value: not a secret
    assert not any(TOKEN in message for message in ours(logs, logging.DEBUG))


def test_a_failed_job_echoing_the_auth_values_in_identify_is_redacted(
    fake: FakeRevAI,
) -> None:
    detail = f"cannot fetch with {SOURCE_AUTH}; will notify {NOTIFY_AUTH} ({TOKEN})"
    fake.inject(
        "GET",
        f"{JOBS}/",
        status=200,
        body={
            "id": "j9",
            "status": "failed",
            "created_on": CREATED,
            "failure": "download_failure",
            "failure_detail": detail,
        },
        times=5,
    )
    with (
        rl.LanguageIdClient(TOKEN, base_url=fake.url) as client,
        pytest.raises(rl.JobFailedError) as caught,
    ):
        client.identify(MEDIA_URL, source_auth=SOURCE_AUTH, **NOTIFY, **WAIT)

    assert "download_failure" in str(caught.value)
    assert CANARY not in str(caught.value)


def test_an_undecodable_answer_echoing_the_token_keeps_no_raw_cause(
    fake: FakeRevAI,
) -> None:
    body = b'{"id":"' + TOKEN.encode() + b'\xff"}'
    fake.inject("GET", JOBS, status=200, body=body)
    with (
        rl.LanguageIdClient(TOKEN, base_url=fake.url) as client,
        pytest.raises(rl.ResponseError) as caught,
    ):
        client.list_jobs()

    assert caught.value.__cause__ is None
    assert CANARY not in f"{caught.value} {caught.value.body}"
