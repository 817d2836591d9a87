"""Misuse and hostile answers found by trying to break the library.

Each case keeps the value that once escaped as a raw exception, hung, or leaked.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

import revai_langid as rl
from revai_langid.testing import FakeRevAI

if TYPE_CHECKING:
    from conftest import Api

JOBS = "/languageid/v1/jobs"
SURROGATE = "\ud800"


@pytest.fixture
def fake() -> Any:
    with FakeRevAI(polls_until_complete=1) as server:
        yield server


@pytest.fixture
def client(fake: FakeRevAI) -> Any:
    with rl.LanguageIdClient(fake.token, base_url=fake.url) as sync_client:
        yield sync_client


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), 1e308, -1, 0, "5"])
def test_unusable_client_timeouts_are_refused(timeout: Any) -> None:
    with pytest.raises(rl.ConfigurationError):
        rl.LanguageIdClient("tok", base_url="http://127.0.0.1:9", timeout=timeout)


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), 1e308])
def test_unusable_call_timeouts_are_refused_before_sending(
    client: rl.LanguageIdClient, fake: FakeRevAI, timeout: float
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        client.list_jobs(timeout=timeout)
    assert fake.requests == []


@pytest.mark.parametrize(
    "settings",
    [
        {"timeout": float("nan")},
        {"poll_interval": float("nan")},
        {"poll_interval": 1e300, "timeout": 1e300},
        {"max_poll_interval": float("inf")},
    ],
)
def test_unusable_wait_settings_are_refused(
    client: rl.LanguageIdClient, settings: dict[str, float]
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        client.wait_for_job("job", **settings)


@pytest.mark.parametrize(
    "settings",
    [
        {"token": 123},
        {"token": b"abc"},
        {"base_url": 123},
        {"base_url": b"http://127.0.0.1"},
        {"base_url": "http://[::1"},
        {"base_url": "http://127.0.0.1:abc"},
        {"base_url": "http://127.0.0.1\r\nX: y"},
        {"base_url": " http://127.0.0.1"},
        {"base_url": "http://127.0.0.1 "},
        {"base_url": "https://api.rev.ai?x=1"},
        {"base_url": "https://user:pw@api.rev.ai"},
        {"base_url": None, "region": 1},
        {"http_client": "x"},
        {"http_client": httpx.AsyncClient()},
    ],
)
def test_wrong_settings_raise_configuration_error(settings: dict[str, Any]) -> None:
    arguments = {"token": "tok", "base_url": "https://api.rev.ai", **settings}
    with pytest.raises(rl.ConfigurationError):
        rl.LanguageIdClient(**arguments)


def test_async_client_refuses_a_sync_http_client() -> None:
    with httpx.Client() as http, pytest.raises(rl.ConfigurationError):
        rl.AsyncLanguageIdClient("tok", http_client=http)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("get_job", (SURROGATE,), {}),
        ("list_jobs", (), {"starting_after": SURROGATE}),
        ("list_jobs", (), {"starting_after": b"x"}),
        ("submit_url", (f"https://e.com/{SURROGATE}",), {}),
        ("submit_url", ("https://e.com/a",), {"source_auth": f"Bearer {SURROGATE}"}),
        ("submit_url", ("https://e.com/a",), {"metadata": SURROGATE}),
        ("submit_url", ("https://e.com/a",), {"metadata": b"x"}),
        ("submit_url", ("https://e.com/a",), {"notification_url": b"https://x"}),
        ("submit_file", (io.BytesIO(b"RIFF"),), {"metadata": SURROGATE}),
        ("submit_file", (io.BytesIO(b"RIFF"),), {"filename": SURROGATE}),
        ("submit_file", (io.BytesIO(b"RIFF"),), {"filename": 123}),
        ("submit_file", (io.BytesIO(b"RIFF"),), {"on_progress": 5}),
        ("get_job", ("x",), {"timeout": 10**400}),
        ("list_jobs", (), {"limit": 10**5000}),
        (
            "submit_url",
            ("https://media.example/a",),
            {"delete_after_seconds": 10**5000},
        ),
        ("submit_file", (io.BytesIO(b"RIFF"),), {"delete_after_seconds": 10**5000}),
        ("submit_file", ("/tmp/a\x00b",), {}),
    ],
)
def test_unsendable_arguments_are_refused_before_sending(
    client: rl.LanguageIdClient,
    fake: FakeRevAI,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        getattr(client, method)(*args, **kwargs)
    assert fake.requests == []


class _BrokenStream(io.RawIOBase):
    def __init__(self, failure: str) -> None:
        self._failure = failure

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0 if whence == 0 else 10

    def tell(self) -> int:
        return 0

    def read(self, size: int = -1) -> Any:
        if size == 0:
            return b""
        if self._failure == "os":
            raise OSError(5, "Input/output error")
        return "text, not bytes"


@pytest.mark.parametrize("failure", ["os", "str"])
def test_media_that_fails_while_uploading_is_an_invalid_argument(
    client: rl.LanguageIdClient, failure: str
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="Could not read the media"):
        client.submit_file(_BrokenStream(failure), filename="a.wav")


def test_calls_on_a_closed_client_raise_configuration_error(fake: FakeRevAI) -> None:
    client = rl.LanguageIdClient(fake.token, base_url=fake.url)
    client.close()
    with pytest.raises(rl.ConfigurationError, match="closed"):
        client.list_jobs()


def test_calls_on_a_closed_async_client_raise_configuration_error(
    fake: FakeRevAI,
) -> None:
    async def scenario() -> None:
        client = rl.AsyncLanguageIdClient(fake.token, base_url=fake.url)
        await client.aclose()
        await client.list_jobs()

    with pytest.raises(rl.ConfigurationError, match="closed"):
        asyncio.run(scenario())


def test_parse_notification_reads_a_memoryview() -> None:
    body = b'{"job": {"id": "j", "created_on": "2018-05-05T23:23:22.29Z",'
    body += b' "status": "completed"}}'
    assert rl.parse_notification(memoryview(body)).id == "j"


def test_secrets_echoed_by_the_server_are_scrubbed_from_errors(
    fake: FakeRevAI,
) -> None:
    source_secret = "src-CANARY-777"
    notify_secret = "ntf-CANARY-888"
    detail = f"bad {fake.token} / Bearer {source_secret} / Basic {notify_secret}"
    fake.inject("POST", JOBS, status=400, body={"title": "Bad", "detail": detail})
    with (
        rl.LanguageIdClient(fake.token, base_url=fake.url) as client,
        pytest.raises(rl.BadRequestError) as caught,
    ):
        client.submit_url(
            "https://e.com/a.mp3",
            source_auth=f"Bearer {source_secret}",
            notification_url="https://e.com/hook",
            notification_auth=f"Basic {notify_secret}",
        )

    seen = f"{caught.value} {caught.value.body} {caught.value.detail!r}"
    for secret in (fake.token, source_secret, notify_secret):
        assert secret not in seen
    assert "[redacted]" in str(caught.value)


@pytest.mark.parametrize("status", [200, 500])
def test_a_body_that_is_not_the_gzip_it_claims_is_a_response_error(
    client: rl.LanguageIdClient, fake: FakeRevAI, status: int
) -> None:
    fake.inject(
        "GET", JOBS, status=status, body=b'{"not": "gzip"}',
        headers={"Content-Encoding": "gzip"}, times=3,
    )  # fmt: skip
    with pytest.raises(rl.ResponseError) as caught:
        client.list_jobs(max_retries=0)
    assert caught.value.status_code == status


def test_a_real_gzip_body_is_read(client: rl.LanguageIdClient, fake: FakeRevAI) -> None:
    fake.inject(
        "GET", JOBS, status=200, body=gzip.compress(b"[]"),
        headers={"Content-Encoding": "gzip"}, content_type="application/json",
    )  # fmt: skip
    assert client.list_jobs() == []


def test_an_enormous_job_id_gives_a_bounded_message(
    client: rl.LanguageIdClient,
) -> None:
    with pytest.raises(rl.RevAIError) as caught:
        client.get_job("a" * 1_000_000, max_retries=0)
    assert len(str(caught.value)) < 2000


def test_a_caller_client_with_its_own_auth_still_sends_the_token(
    fake: FakeRevAI,
) -> None:
    with (
        httpx.Client(auth=("user", "password")) as http,
        rl.LanguageIdClient(fake.token, base_url=fake.url, http_client=http) as client,
    ):
        client.list_jobs()
    assert fake.requests[0].headers["authorization"] == f"Bearer {fake.token}"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"source_auth": "bare-secret-value"},
        {"notification_url": "ftp://h.example/x"},
        {"notification_url": "hooks.example/x"},
        {"source_auth": {"Authorization": "Bearer"}},
        {"source_auth": {"authorization": "Bearer "}},
        {"notification_url": "https://h.example/x", "notification_auth": "nospace"},
        {
            "notification_url": "https://h.example/x",
            "notification_auth": {"X-Api-Key": "key-secret-value"},
        },
    ],
)
def test_auth_headers_rev_refuses_are_refused_before_sending(
    client: rl.LanguageIdClient, fake: FakeRevAI, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(rl.InvalidArgumentError) as caught:
        client.submit_url("https://media.example/a.mp3", **kwargs)

    assert fake.requests == []
    assert "secret-value" not in str(caught.value)
    assert "nospace" not in str(caught.value)


def test_auth_header_names_are_sent_in_the_specs_spelling(
    client: rl.LanguageIdClient, fake: FakeRevAI
) -> None:
    client.submit_url(
        "https://bucket.example/a.mp3",
        source_auth={"authorization": "AWS4-HMAC-SHA256 Sig=1", "x-amz-date": "1"},
        notification_url="https://h.example/x",
        notification_auth={"AUTHORIZATION": "Bearer hook"},
    )

    body = fake.requests[0].json()
    assert body["source_config"]["auth_headers"] == {
        "Authorization": "AWS4-HMAC-SHA256 Sig=1",
        "x-amz-date": "1",
    }
    assert body["notification_config"]["auth_headers"] == {
        "Authorization": "Bearer hook"
    }


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("submit_url", {"metadata": "m" * 513}),
        ("submit_url", {"delete_after_seconds": -1}),
        ("submit_url", {"delete_after_seconds": 2_592_001}),
        ("submit_url", {"delete_after_seconds": 1.5}),
        ("submit_file", {"metadata": "m" * 513}),
        ("submit_file", {"delete_after_seconds": 10**30}),
        ("list_jobs", {"limit": -1}),
        ("list_jobs", {"limit": 1001}),
        ("list_jobs", {"limit": "5"}),
    ],
)
def test_values_beyond_the_documented_limits_are_refused_before_sending(
    client: rl.LanguageIdClient, fake: FakeRevAI, method: str, kwargs: dict[str, Any]
) -> None:
    args: tuple[Any, ...] = {
        "submit_url": ("https://media.example/a.mp3",),
        "submit_file": (io.BytesIO(b"RIFF"),),
        "list_jobs": (),
    }[method]

    with pytest.raises(rl.InvalidArgumentError, match=r"must be|at most"):
        getattr(client, method)(*args, **kwargs)
    assert fake.requests == []


def test_values_at_the_documented_limits_are_sent(
    client: rl.LanguageIdClient, fake: FakeRevAI
) -> None:
    job = client.submit_url(
        "https://media.example/a.mp3",
        metadata="m" * 512,
        delete_after_seconds=2_592_000,
    )
    client.list_jobs(limit=1000)
    client.list_jobs(limit=0)

    assert job.metadata == "m" * 512
    assert job.delete_after_seconds == 2_592_000


# Found by a newcomer's session: each value below once escaped or cost a job.

WAV = Path(__file__).parent / "data" / "hello-en.wav"


@pytest.mark.parametrize(
    ("source", "options"),
    [
        (WAV, {"wait_timeout": 0}),
        (WAV, {"wait_timeout": float("inf")}),
        (WAV, {"poll_interval": -1}),
        (WAV, {"poll_interval": 1e-300}),
        ("https://media.example/a.mp3", {"on_progress": print}),
        ("https://media.example/a.mp3", {"filename": "a.mp3"}),
        (WAV, {"source_auth": "Bearer abcd"}),
        (WAV, {"no_such_option": 1}),
    ],
)
def test_identify_refuses_its_arguments_before_submitting(
    api: Api, fake: FakeRevAI, source: Any, options: dict[str, Any]
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        api.call("identify", source, **options)

    assert fake.requests == []


def test_identify_names_the_option_that_does_not_apply(
    client: rl.LanguageIdClient,
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="on_progress") as caught:
        client.identify("https://media.example/a.mp3", on_progress=print)

    assert "URL source" in str(caught.value)


@pytest.mark.parametrize("kwargs", [{"timeout": 10**400}, {"upload_timeout": 10**400}])
def test_huge_integer_timeouts_are_a_configuration_error(kwargs: Any) -> None:
    with pytest.raises(rl.ConfigurationError):
        rl.LanguageIdClient("tok", base_url="http://127.0.0.1:9", **kwargs)


def test_a_write_only_file_is_refused_as_not_readable(
    client: rl.LanguageIdClient, tmp_path: Path
) -> None:
    with (
        open(tmp_path / "out.wav", "wb") as write_only,
        pytest.raises(rl.InvalidArgumentError, match="not open for reading"),
    ):
        client.submit_file(write_only)


def test_a_text_mode_temporary_file_is_refused_as_text(
    client: rl.LanguageIdClient,
) -> None:
    with (
        tempfile.NamedTemporaryFile("w+") as text_file,
        pytest.raises(rl.InvalidArgumentError, match="text mode"),
    ):
        client.submit_file(text_file)


def test_a_read_failure_during_upload_names_its_cause(
    client: rl.LanguageIdClient,
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="Input/output error"):
        client.submit_file(_BrokenStream("os"))


def _circular() -> dict[str, Any]:
    body: dict[str, Any] = {}
    body["job"] = body
    return body


class _FailingMapping(dict[str, Any]):
    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)


@pytest.mark.parametrize(
    "body",
    [{(1, 2): 3}, {"job": {(1,): 2}}, _circular(), _FailingMapping(job={})],
    ids=["tuple key", "tuple key in job", "circular", "failing mapping"],
)
def test_odd_notification_mappings_are_response_errors(body: Any) -> None:
    with pytest.raises(rl.ResponseError):
        rl.parse_notification(body)


def test_an_async_client_used_in_a_second_event_loop_says_so(fake: FakeRevAI) -> None:
    client = rl.AsyncLanguageIdClient(fake.token, base_url=fake.url)

    asyncio.run(client.list_jobs())
    with pytest.raises(rl.ConfigurationError, match="event loop"):
        asyncio.run(client.list_jobs())


def test_an_empty_base_url_variable_is_refused_not_replaced_by_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REVAI_BASE_URL", "")

    with pytest.raises(rl.ConfigurationError, match="REVAI_BASE_URL"):
        rl.LanguageIdClient("tok")


@pytest.mark.parametrize(
    "url",
    ["https://", "ftp://media.example/a.mp3", "media.example/a.mp3", "https:// x"],
)
def test_a_media_url_rev_cannot_fetch_is_refused_before_sending(
    client: rl.LanguageIdClient, fake: FakeRevAI, url: str
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="absolute http or https"):
        client.submit_url(url)
    assert fake.requests == []


# Found by a review of the fixes above


def test_a_binary_stream_whose_mode_says_r_is_uploaded(
    client: rl.LanguageIdClient, fake: FakeRevAI, tmp_path: Path
) -> None:
    archive = tmp_path / "media.zip"
    with zipfile.ZipFile(archive, "w") as writer:
        writer.write(WAV, "hello.wav")

    with zipfile.ZipFile(archive) as reader, reader.open("hello.wav") as member:
        job = client.submit_file(member, filename="hello.wav")

    assert job.status == "in_progress"
    assert fake.requests[0].body.count(WAV.read_bytes()) == 1


@pytest.mark.parametrize("url", ["HTTPS://media.example/a.mp3", "Http://m.example/a"])
def test_an_upper_case_scheme_is_a_url(
    client: rl.LanguageIdClient, fake: FakeRevAI, url: str
) -> None:
    job = client.submit_url(url, notification_url=url.replace("a", "hook"))

    assert job.status == "in_progress"
    assert fake.requests[0].json()["source_config"]["url"] == url


@pytest.mark.parametrize(
    "source_auth",
    [
        {"Authorization": "Bearer abc\r\nX-Evil: 1"},
        {"X-Amz-Date": "1\n2"},
        {"": "value"},
        {"Bad Name": "value"},
        {"Authorization": "Bearer a", "authorization": "Bearer b"},
    ],
    ids=["crlf in value", "newline in value", "empty name", "space in name", "twice"],
)
def test_auth_headers_that_could_not_be_sent_as_given_are_refused(
    client: rl.LanguageIdClient, fake: FakeRevAI, source_auth: dict[str, str]
) -> None:
    with pytest.raises(rl.InvalidArgumentError):
        client.submit_url("https://media.example/a.mp3", source_auth=source_auth)
    assert fake.requests == []


def test_a_client_closed_around_a_caller_http_client_refuses_calls(
    fake: FakeRevAI,
) -> None:
    with httpx.Client() as http:
        client = rl.LanguageIdClient(fake.token, base_url=fake.url, http_client=http)
        client.close()

        with pytest.raises(rl.ConfigurationError, match="closed"):
            client.get_job("j1")
    assert fake.requests == []


def test_an_unparsable_answer_echoing_the_token_keeps_no_raw_cause(
    client: rl.LanguageIdClient, fake: FakeRevAI
) -> None:
    fake.inject("GET", JOBS, status=200, body=f"<html>{fake.token}</html>")

    with pytest.raises(rl.ResponseError) as caught:
        client.list_jobs()

    assert caught.value.__cause__ is None
    assert fake.token not in str(caught.value) + str(caught.value.body)


@pytest.mark.parametrize(
    "url",
    [
        "https://exa mple.com/a.mp3",
        "https://example.com/a.mp3\nfoo",
        "https://example.com/\x00",
        "https://example.com/\x85",
        "https://example.com:99999/a",
        "https://example.com:abc/a",
        "https://@/a",
        "https://:80/a",
    ],
)
def test_a_malformed_url_is_refused_before_sending(
    client: rl.LanguageIdClient, fake: FakeRevAI, url: str
) -> None:
    with pytest.raises(rl.InvalidArgumentError, match="absolute http or https"):
        client.submit_url(url)
    assert fake.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]:8080/a.mp3",
        "https://user:pw@media.example/a.mp3",
        "https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Signature=" + "ab" * 1000,
        "https://media.example/über.mp3",
    ],
)
def test_real_world_urls_are_sent(
    client: rl.LanguageIdClient, fake: FakeRevAI, url: str
) -> None:
    client.submit_url(url)
    assert fake.requests[0].json()["source_config"]["url"] == url


def test_a_tab_in_an_auth_header_value_is_allowed(
    client: rl.LanguageIdClient, fake: FakeRevAI
) -> None:
    client.submit_url("https://media.example/a.mp3", source_auth={"X-Note": "a\tb"})
    auth = fake.requests[0].json()["source_config"]["auth_headers"]
    assert auth == {"X-Note": "a\tb"}


def test_an_async_client_closed_from_a_second_event_loop_closes_quietly(
    fake: FakeRevAI,
) -> None:
    client = rl.AsyncLanguageIdClient(fake.token, base_url=fake.url)
    asyncio.run(client.list_jobs())

    asyncio.run(client.aclose())

    with pytest.raises(rl.ConfigurationError, match="closed"):
        asyncio.run(client.list_jobs())
