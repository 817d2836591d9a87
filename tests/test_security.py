"""The client keeps its secrets and sends only what it means to send.

- A token that could inject a header, and plain http to another machine, are
  refused when the client is built.
- A redirect to another origin never carries the token there.
- Job ids and `starting_after` reach the API as one path segment or one query
  value, whatever characters they hold.
- The token and the auth headers given for the source and the notification never
  appear in a repr, an error, a traceback, a log record (DEBUG included, httpx
  and httpcore too) or the console script's output, in any failure.
"""

from __future__ import annotations

import io
import logging
import pickle
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.clients import KINDS, call
from support.raw_server import RawServer, response, send_then_close, send_then_hold

from revai_langid import (
    APIError,
    AsyncLanguageIdClient,
    ConfigurationError,
    InvalidArgumentError,
    Job,
    LanguageIdClient,
    RevAIError,
)
from revai_langid.testing import FakeRevAI

TOKEN = "tok-SECRET-3f9a2c71"
SOURCE_SECRET = "src-SECRET-81b4e0"
HOOK_SECRET = "hook-SECRET-5d2c9a"
SECRETS = (TOKEN, SOURCE_SECRET, HOOK_SECRET)

TIMEOUT = 0.2
"""Seconds of every timeout phase, and of each wait, in the secrets tests."""

MEDIA_URL = "https://media.example.com/interview.mp3"
HOOK_URL = "https://hooks.example.com/done"
JOBS = "/languageid/v1/jobs/"
CREATED = "2018-05-05T23:23:22.29Z"
JOB_BODY = f'{{"id": "abc", "created_on": "{CREATED}", "status": "completed"}}'.encode()

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CLIENTS = [LanguageIdClient, AsyncLanguageIdClient]


@pytest.fixture(autouse=True)
def no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVAI_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("REVAI_BASE_URL", raising=False)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# Settings ------------------------------------------------------------------------

BAD_TOKENS = {
    "crlf_header": f"{TOKEN}\r\nX-Injected: 1",
    "trailing_lf": f"{TOKEN}\n",
    "leading_lf": f"\n{TOKEN}",
    "trailing_cr": f"{TOKEN}\r",
    "leading_space": f" {TOKEN}",
    "trailing_space": f"{TOKEN} ",
    "tab": f"\t{TOKEN}",
    "inner_space": f"{TOKEN[:8]} {TOKEN[8:]}",
    "nul": f"{TOKEN}\x00",
    "delete": f"{TOKEN}\x7f",
    "escape": f"{TOKEN}\x1b[2J",
    "line_separator": f"{TOKEN}\u2028",
    "next_line": f"{TOKEN}\x85",
    "non_ascii": f"{TOKEN}\u00e9",
    "empty": "",
    "blank": "   ",
}


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_token_that_could_break_the_header_is_refused(
    client_class: type, token: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        client_class(token, base_url="https://api.rev.ai")

    assert "SECRET" not in str(caught.value)


def test_token_from_the_environment_is_checked_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REVAI_ACCESS_TOKEN", f"{TOKEN}\r\nX-Injected: 1")

    with pytest.raises(ConfigurationError) as caught:
        LanguageIdClient(base_url="https://api.rev.ai")

    assert "SECRET" not in str(caught.value)


REMOTE_HTTP = [
    "http://api.rev.ai",
    "http://10.0.0.7:8080",
    "http://192.168.1.1",
    "http://0.0.0.0:8080",
    "http://127.0.0.1.nip.io",
    "http://localhost.example.com",
]
LOOPBACK_HTTP = [
    "http://127.0.0.1:8080",
    "http://127.9.9.9",
    "http://localhost:8080",
    "http://[::1]:8080",
]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("base_url", REMOTE_HTTP)
def test_plain_http_to_another_machine_is_refused(
    client_class: type, base_url: str
) -> None:
    with pytest.raises(ConfigurationError, match="http"):
        client_class(TOKEN, base_url=base_url)

    client = client_class(TOKEN, base_url=base_url, allow_insecure_http=True)
    assert client.base_url.host == base_url.split("//")[1].split(":")[0]


@pytest.mark.parametrize("base_url", REMOTE_HTTP[:2])
def test_plain_http_from_the_environment_is_refused(
    monkeypatch: pytest.MonkeyPatch, base_url: str
) -> None:
    monkeypatch.setenv("REVAI_BASE_URL", base_url)

    with pytest.raises(ConfigurationError):
        LanguageIdClient(TOKEN)


@pytest.mark.parametrize("base_url", LOOPBACK_HTTP)
def test_plain_http_to_this_machine_is_allowed(base_url: str) -> None:
    client = LanguageIdClient(TOKEN, base_url=base_url)

    assert client.base_url.scheme == "http"


@pytest.mark.parametrize(
    "base_url",
    [
        "ftp://api.rev.ai",
        "file:///etc/passwd",
        "api.rev.ai",
        "https://",
        "https://user:pa55word@api.rev.ai",
        "https://:pa55word@api.rev.ai",
    ],
)
def test_base_url_that_is_not_a_plain_origin_is_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        LanguageIdClient(TOKEN, base_url=base_url)

    assert "pa55word" not in str(caught.value)


# Redirects -----------------------------------------------------------------------

REDIRECTS = [
    "301 Moved Permanently",
    "302 Found",
    "303 See Other",
    "307 Temporary Redirect",
    "308 Permanent Redirect",
]


@pytest.mark.parametrize("status", REDIRECTS)
@pytest.mark.parametrize("follow", [False, True], ids=["own_http", "following_http"])
def test_redirect_to_another_origin_never_carries_the_token(
    kind: str, status: str, follow: bool
) -> None:
    answer = response("200 OK", JOB_BODY, "Content-Type: application/json")
    with RawServer(send_then_close(answer)) as elsewhere:
        location = f"Location: {elsewhere.url}/languageid/v1/jobs/abc"
        redirect = send_then_close(response(status, b"", location))
        with RawServer(redirect) as origin:
            http = {"follow_redirects": True} if follow else None
            outcome = call(kind, origin.url, token=TOKEN, http=http)

    assert not any(TOKEN.encode() in head for head in elsewhere.heads)
    assert isinstance(outcome, APIError | Job), repr(outcome)
    if isinstance(outcome, APIError):
        assert outcome.status_code == int(status[:3])
        assert TOKEN not in str(outcome)


# Ids and query values ------------------------------------------------------------

AWKWARD_IDS = [
    "a/b",
    "/",
    ".",
    "..",
    "../..",
    "a/../b",
    "a?b=c",
    "?",
    "a#b",
    "#",
    "100%",
    "%2F",
    "%2e%2e",
    "a&limit=1",
    "a;b",
    "+",
    " spaced out ",
    "ünïcødé 日本",
    "tab\tnew\nline\rend",
    "\x00",
    "\x7f\x1b",
    "\u2028",
]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRevAI]:
    with FakeRevAI(token=TOKEN) as server:
        yield server


@pytest.fixture(scope="module")
def to_fake(fake: FakeRevAI) -> Iterator[LanguageIdClient]:
    with LanguageIdClient(TOKEN, base_url=fake.url, max_retries=0) as client:
        yield client


def segment_of(target: str, suffix: str = "") -> str:
    """The decoded job id of a request target, checked to be one whole segment."""
    assert target.startswith(JOBS), target
    assert target.endswith(suffix), target
    segment = target[len(JOBS) : len(target) - len(suffix)]
    assert not set("/?#") & set(segment), target
    return unquote(segment, errors="strict")


@PROPERTY
@given(job_id=st.one_of(st.sampled_from(AWKWARD_IDS), st.text(min_size=1)))
def test_job_id_reaches_the_api_as_one_segment(
    job_id: str, fake: FakeRevAI, to_fake: LanguageIdClient
) -> None:
    document = {"id": job_id, "created_on": CREATED, "status": "completed"}
    fake.add_job(document, job_id=job_id)
    fake.clear_requests()

    job = to_fake.get_job(job_id)
    to_fake.get_result(job_id)
    to_fake.delete_job(job_id)

    assert job.id == job_id
    get, result, delete = fake.requests
    assert segment_of(get.target) == job_id
    assert segment_of(result.target, "/result") == job_id
    assert segment_of(delete.target) == job_id
    assert get.query == result.query == delete.query == {}


@PROPERTY
@given(after=st.one_of(st.sampled_from(AWKWARD_IDS), st.text()))
def test_starting_after_reaches_the_api_as_one_value(
    after: str, fake: FakeRevAI, to_fake: LanguageIdClient
) -> None:
    fake.clear_requests()

    to_fake.list_jobs(limit=5, starting_after=after)

    [request] = fake.requests
    assert request.target.partition("?")[0] == JOBS.rstrip("/")
    assert request.query == {"limit": ["5"], "starting_after": [after]}


@pytest.mark.parametrize("method", ["get_job", "get_result", "delete_job", "list"])
def test_id_that_is_not_unicode_text_is_refused(
    method: str, to_fake: LanguageIdClient
) -> None:
    unencodable = "abc\ud800"
    if method == "list":
        with pytest.raises(InvalidArgumentError):
            to_fake.list_jobs(starting_after=unencodable)
    else:
        with pytest.raises(InvalidArgumentError):
            getattr(to_fake, method)(unencodable)


# Secrets in every output ---------------------------------------------------------

SUBMIT_OPTIONS = {
    "notification_url": HOOK_URL,
    "notification_auth": {"Authorization": f"Bearer {HOOK_SECRET}"},
    "metadata": "secrets test",
}

METHODS: dict[str, Callable[[Any], Any]] = {
    "submit_url": lambda client: client.submit_url(
        MEDIA_URL, source_auth=f"Bearer {SOURCE_SECRET}", **SUBMIT_OPTIONS
    ),
    "submit_file": lambda client: client.submit_file(
        io.BytesIO(b"RIFF0000WAVE"), filename="a.wav", **SUBMIT_OPTIONS
    ),
    "get_job": lambda client: client.get_job("abc"),
    "list_jobs": lambda client: client.list_jobs(limit=2, starting_after="abc"),
    "get_result": lambda client: client.get_result("abc"),
    "delete_job": lambda client: client.delete_job("abc"),
    "wait_for_job": lambda client: client.wait_for_job(
        "abc", timeout=TIMEOUT, poll_interval=0.05
    ),
    "identify": lambda client: client.identify(
        MEDIA_URL,
        wait_timeout=TIMEOUT,
        poll_interval=0.05,
        source_auth={"Authorization": f"Bearer {SOURCE_SECRET}"},
        **SUBMIT_OPTIONS,
    ),
}


def iter_jobs(client: Any) -> Any:
    if isinstance(client, LanguageIdClient):
        return list(client.iter_jobs(page_size=2))

    async def collect() -> list[Job]:
        return [job async for job in client.iter_jobs(page_size=2)]

    return collect()


METHODS["iter_jobs"] = iter_jobs


class Scenario:
    """A way for every call to fail: a base URL and what to stop afterwards."""

    def __init__(self, base_url: str, stop: Callable[[], None]) -> None:
        self.base_url = base_url
        self.stop = stop


def start_scenario(name: str) -> Scenario:
    if name == "refused":
        server = RawServer(send_then_close(b""))
        url = server.url
        server.stop()
        return Scenario(url, lambda: None)
    if name in ("silent", "html"):
        html = response("200 OK", b"<html>oops</html>", "Content-Type: text/html")
        script = send_then_hold(b"") if name == "silent" else send_then_close(html)
        raw = RawServer(script).start()
        return Scenario(raw.url, raw.stop)
    fake = FakeRevAI(token="not-the-clients-token" if name == "401" else TOKEN)
    fake.start()
    if name != "401":
        problem = {"title": "Failed", "detail": "It went wrong.", "parameters": {}}
        fake.inject("*", "/", status=int(name), body=problem, times=10_000)
    return Scenario(fake.url, fake.stop)


SCENARIOS = ["401", "400", "409", "500", "refused", "silent", "html"]
CLI_SCENARIOS = ["401", "500", "refused", "silent", "html"]


@pytest.fixture(params=SCENARIOS)
def scenario(request: pytest.FixtureRequest) -> Iterator[Scenario]:
    started = start_scenario(str(request.param))
    yield started
    started.stop()


def texts_of(value: object) -> list[str]:
    """Every way an object or error may end up shown: str, repr, traceback, pickle."""
    texts = [str(value), repr(value)]
    if isinstance(value, BaseException):
        texts.append("".join(traceback.format_exception(value)))
        texts.append(repr(vars(value)))
        texts.append(repr(pickle.dumps(value)))
    return texts


def leaks(texts: list[str]) -> list[str]:
    """The texts that hold any secret, cut around it."""
    found = []
    for text in texts:
        for secret in SECRETS:
            where = text.find(secret)
            if where >= 0:
                found.append(text[max(0, where - 100) : where + 50])
    return found


@pytest.mark.parametrize("method", list(METHODS))
def test_no_secret_in_errors_logs_or_reprs(
    kind: str,
    method: str,
    scenario: Scenario,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen: list[str] = []

    def run(client: Any) -> Any:
        seen.extend([repr(client), repr(vars(client))])
        return METHODS[method](client)

    with caplog.at_level(logging.DEBUG):
        outcome = call(kind, scenario.base_url, run, token=TOKEN, timeout=TIMEOUT)

    assert isinstance(outcome, RevAIError), repr(outcome)
    seen += texts_of(outcome)
    seen += [record.getMessage() for record in caplog.records]
    seen += [repr(record.args) for record in caplog.records]
    seen += [caplog.text, *capsys.readouterr()]
    assert not leaks(seen)


@pytest.fixture
def tiny_wav(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.wav"
    path.write_bytes(b"RIFF0000WAVE")
    return path


def cli_commands(wav: Path) -> list[list[str]]:
    wait = ["--wait-timeout", str(TIMEOUT), "--poll-interval", "0.05"]
    source_auth = ["--source-auth", f"Bearer {SOURCE_SECRET}"]
    return [
        ["get", "abc"],
        ["result", "abc"],
        ["delete", "abc"],
        ["list", "--limit", "2", "--starting-after", "abc"],
        ["list", "--all"],
        ["wait", "abc", *wait],
        ["submit", MEDIA_URL, *source_auth, "--notification-url", HOOK_URL],
        ["submit", str(wav), "--metadata", "m"],
        ["identify", MEDIA_URL, str(wav), *source_auth, *wait],
    ]


@pytest.mark.parametrize("scenario", CLI_SCENARIOS, indirect=True)
@pytest.mark.parametrize(
    ("token_from", "output"),
    [("option", []), ("environment", ["--json"])],
    ids=["option-text", "environment-json"],
)
def test_no_secret_in_the_console_scripts_output(
    scenario: Scenario,
    tiny_wav: Path,
    output: list[str],
    token_from: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli = pytest.importorskip("revai_langid._cli", reason="the CLI is not there yet")
    settings = ["--base-url", scenario.base_url, "--timeout", str(TIMEOUT)]
    settings += ["--max-retries", "0", *output]
    if token_from == "option":
        settings += ["--token", TOKEN]
    else:
        monkeypatch.setenv("REVAI_ACCESS_TOKEN", TOKEN)

    statuses = []
    with caplog.at_level(logging.DEBUG):
        for command in cli_commands(tiny_wav):
            statuses.append(cli.main([*settings, *command]))

    assert set(statuses) == {1}, statuses
    out, err = capsys.readouterr()
    assert err
    assert not leaks([out, err, caplog.text])


USAGE_ERRORS = [
    ["--token", TOKEN, "--tokn", TOKEN, "get", "abc"],
    ["--token", TOKEN, "get"],
    ["--token", TOKEN, "list", "--limit", TOKEN],
    ["--token", TOKEN, "submit", MEDIA_URL, "--source-auth"],
    ["--token", TOKEN, "submit", MEDIA_URL, "--source-auth", SOURCE_SECRET, "x", "y"],
    ["--token", f"{TOKEN}\r\nX-Injected: 1", "get", "abc"],
    ["--token", f" {TOKEN}", "get", "abc"],
    [f"--token={TOKEN}", "--base-url", f"http://{TOKEN}.example.com", "get", "abc"],
    ["get", "abc", "--token", TOKEN, "--timeout", TOKEN],
]  # fmt: skip


@pytest.mark.parametrize("argv", USAGE_ERRORS)
def test_no_secret_in_the_console_scripts_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    cli = pytest.importorskip("revai_langid._cli", reason="the CLI is not there yet")

    try:
        status = cli.main(argv)
    except SystemExit as exc:
        status = exc.code

    assert status in (1, 2)
    out, err = capsys.readouterr()
    assert err
    assert not leaks([out, err])
