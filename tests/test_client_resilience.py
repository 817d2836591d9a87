"""Retries, timeouts, lost answers and waiting, over real loopback HTTP.

Pauses are recorded by the `api` fixture instead of slept, except in the two
tests that check a `Retry-After: 1` is really waited for.
"""

from __future__ import annotations

import asyncio
import io
import os
import platform
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

import revai_langid as rl
from revai_langid._retry import RetryPolicy
from revai_langid.testing import FakeRevAI

if TYPE_CHECKING:
    from conftest import Api

JOBS = "/languageid/v1/jobs"
WAV = Path(__file__).parent / "data" / "hello-en.wav"
MEDIA_URL = "https://media.example.com/interview.mp3"
CREATED = "2018-05-05T23:23:22.29Z"
USER_AGENT = (
    f"revai-langid/{rl.__version__} python/{platform.python_version()} "
    f"httpx/{httpx.__version__}"
)


def seed(fake: FakeRevAI, job_id: str = "j1", status: str = "completed") -> str:
    """Store a job the fake serves verbatim and never advances."""
    return fake.add_job({"id": job_id, "status": status, "created_on": CREATED})


def methods(fake: FakeRevAI) -> list[str]:
    return [request.method for request in fake.requests]


def submit(api: Api, kind: str, **options: Any) -> Any:
    if kind == "url":
        return api.call("submit_url", MEDIA_URL, **options)
    return api.call("submit_file", WAV, **options)


# Reads are retried


def test_get_job_retries_after_503(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=503)

    job = api.call("get_job", "j1")

    assert job.id == "j1"
    assert methods(fake) == ["GET", "GET"]
    assert len(api.sleeps) == 1


def test_get_job_really_waits_for_retry_after(
    client: rl.LanguageIdClient, fake: FakeRevAI
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": "1"})

    started = time.monotonic()
    job = client.get_job("j1")

    assert time.monotonic() - started >= 1.0
    assert job.id == "j1"
    assert len(fake.requests) == 2


@pytest.mark.anyio
async def test_async_get_job_really_waits_for_retry_after(
    async_client: rl.AsyncLanguageIdClient, fake: FakeRevAI
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": "1"})

    started = time.monotonic()
    job = await async_client.get_job("j1")

    assert time.monotonic() - started >= 1.0
    assert job.id == "j1"
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    "retry_after",
    ["Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", "soon", "-5", ""],
)
def test_get_job_survives_odd_retry_after_with_a_bounded_pause(
    api: Api, fake: FakeRevAI, retry_after: str
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": retry_after})

    assert api.call("get_job", "j1").id == "j1"

    (pause,) = api.sleeps
    assert 0 < pause <= RetryPolicy().max_delay


def test_get_job_retries_after_a_stalled_answer(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject("GET", JOBS, delay=3)

    assert api.call("get_job", "j1", timeout=0.3).id == "j1"

    assert methods(fake) == ["GET", "GET"]


def test_get_job_retries_an_answer_cut_off_mid_body(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject(
        "GET", JOBS, status=200, body=b'{"id": "j1"', headers={"Content-Length": "500"}
    )

    assert api.call("get_job", "j1", timeout=0.3).id == "j1"

    assert methods(fake) == ["GET", "GET"]


def test_stalled_get_times_out_near_the_configured_timeout(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, delay=3)

    started = time.monotonic()
    with pytest.raises(rl.APITimeoutError) as caught:
        api.call("get_job", "j1", timeout=0.3, max_retries=0)

    assert 0.25 <= time.monotonic() - started < 2.0
    assert isinstance(caught.value, TimeoutError)
    assert (caught.value.method, caught.value.path) == ("GET", f"{JOBS}/j1")


def test_retries_exhausted_raise_the_last_status(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    for status in (503, 503, 502):
        fake.inject("GET", JOBS, status=status)

    with pytest.raises(rl.ServerError) as caught:
        api.call("get_job", "j1", max_retries=2)

    assert caught.value.status_code == 502
    assert len(fake.requests) == 3
    assert len(api.sleeps) == 2


def test_rate_limit_exhausted_carries_retry_after(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": "7"}, times=3)

    with pytest.raises(rl.RateLimitError) as caught:
        api.call("get_job", "j1")

    assert caught.value.retry_after == 7.0
    assert api.sleeps == [7.0, 7.0]
    assert len(fake.requests) == 3


def test_max_retries_zero_per_call_sends_one_request(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=503, times=2)

    with pytest.raises(rl.ServerError):
        api.call("get_job", "j1", max_retries=0)

    assert len(fake.requests) == 1
    assert api.sleeps == []


def test_max_retries_of_the_client_applies_to_every_call(
    api: Api, fake: FakeRevAI
) -> None:
    api.settings["max_retries"] = 4
    seed(fake)
    fake.inject("GET", JOBS, status=503, times=4)

    assert api.call("get_job", "j1").id == "j1"

    assert len(fake.requests) == 5


def test_delete_whose_answer_was_lost_succeeds_on_the_404_of_its_retry(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake)
    fake.inject("DELETE", JOBS, action="close", create_job=True)

    assert api.call("delete_job", "j1") is None

    assert methods(fake) == ["DELETE", "DELETE"]
    assert fake.jobs == []


def test_delete_of_an_unknown_job_is_not_found_on_the_first_attempt(
    api: Api, fake: FakeRevAI
) -> None:
    with pytest.raises(rl.NotFoundError):
        api.call("delete_job", "nosuchjob")

    assert methods(fake) == ["DELETE"]


@pytest.mark.parametrize("status", [408, 429, 503])
def test_delete_of_an_unknown_job_is_not_found_after_a_refusal(
    api: Api, fake: FakeRevAI, status: int
) -> None:
    # These statuses say the first delete was not carried out, so the retry's
    # 404 is the truth: the job never existed.
    fake.inject("DELETE", JOBS, status=status)

    with pytest.raises(rl.NotFoundError):
        api.call("delete_job", "nosuchjob")

    assert methods(fake) == ["DELETE", "DELETE"]


@pytest.mark.parametrize("status", [500, 502, 504])
def test_delete_whose_gateway_failed_succeeds_on_the_404_of_its_retry(
    api: Api, fake: FakeRevAI, status: int
) -> None:
    seed(fake)
    fake.inject("DELETE", JOBS, status=status, create_job=True)

    assert api.call("delete_job", "j1") is None

    assert methods(fake) == ["DELETE", "DELETE"]


# Submits are retried only when the API cannot have accepted them


@pytest.mark.parametrize("kind", ["url", "file"])
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_submit_answered_5xx_is_sent_once(
    api: Api, fake: FakeRevAI, kind: str, status: int
) -> None:
    fake.inject("POST", JOBS, status=status, create_job=True)

    with pytest.raises(rl.ServerError) as caught:
        submit(api, kind)

    assert caught.value.status_code == status
    assert methods(fake) == ["POST"]
    assert api.sleeps == []


@pytest.mark.parametrize("kind", ["url", "file"])
def test_submit_whose_connection_dropped_is_sent_once(
    api: Api, fake: FakeRevAI, kind: str
) -> None:
    fake.inject("POST", JOBS, action="close", create_job=True)

    with pytest.raises(rl.APIConnectionError):
        submit(api, kind)

    assert methods(fake) == ["POST"]
    assert len(fake.jobs) == 1


@pytest.mark.parametrize("kind", ["url", "file"])
def test_submit_with_a_read_timeout_is_sent_once(
    api: Api, fake: FakeRevAI, kind: str
) -> None:
    fake.inject("POST", JOBS, delay=2, create_job=True)

    with pytest.raises(rl.APITimeoutError):
        submit(api, kind, timeout=0.3)

    assert methods(fake) == ["POST"]


@pytest.mark.parametrize("kind", ["url", "file"])
def test_submit_answered_429_is_sent_again(
    api: Api, fake: FakeRevAI, kind: str
) -> None:
    fake.inject("POST", JOBS, status=429, headers={"Retry-After": "2"})

    job = submit(api, kind)

    assert methods(fake) == ["POST", "POST"]
    assert [j["id"] for j in fake.jobs] == [job.id]
    assert api.sleeps == [2.0]
    if kind == "file":
        assert fake.requests[1].part("media").data == WAV.read_bytes()


# No server at all


@pytest.mark.parametrize("method", ["get_job", "submit_url", "submit_file"])
def test_refused_connection_is_a_connection_error_after_retries(
    api: Api, closed_port: int, method: str
) -> None:
    api.settings["base_url"] = f"http://127.0.0.1:{closed_port}"
    argument = {"get_job": "j1", "submit_url": MEDIA_URL, "submit_file": WAV}[method]

    with pytest.raises(rl.APIConnectionError) as caught:
        api.call(method, argument)

    assert not isinstance(caught.value, rl.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert f"127.0.0.1:{closed_port}" in str(caught.value)
    assert len(api.sleeps) == 2


# Waiting for a job


def test_wait_for_job_gives_up_at_the_timeout_naming_the_last_status(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake, status="in_progress")

    with pytest.raises(rl.WaitTimeoutError) as caught:
        api.call("wait_for_job", "j1", timeout=0.3, poll_interval=0.01)

    error = caught.value
    assert (error.job_id, error.last_status, error.timeout) == (
        "j1",
        "in_progress",
        0.3,
    )
    assert "in_progress" in str(error)
    assert sum(api.sleeps) == pytest.approx(0.3)


def test_wait_for_job_gives_up_on_a_submitted_job_that_never_finishes(
    api: Api,
) -> None:
    with FakeRevAI(polls_until_complete=10_000) as slow:
        api.settings.update(token=slow.token, base_url=slow.url)
        job = api.call("submit_url", MEDIA_URL)

        with pytest.raises(rl.WaitTimeoutError) as caught:
            api.call("wait_for_job", job.id, timeout=0.3, poll_interval=0.01)

    assert caught.value.last_status == "in_progress"


def test_wait_for_job_treats_an_unknown_status_as_running(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake)
    queued = {"id": "j1", "status": "queued", "created_on": CREATED}
    fake.inject("GET", f"{JOBS}/j1", status=200, body=queued, times=2)

    job = api.call("wait_for_job", "j1", poll_interval=0.01)

    assert job.status == "completed"
    assert methods(fake) == ["GET", "GET", "GET"]
    assert len(api.sleeps) == 2


def test_wait_for_job_honours_retry_after_of_a_429_while_polling(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": "3"}, times=3)

    job = api.call("wait_for_job", "j1", poll_interval=0.01)

    assert job.status == "completed"
    assert len(fake.requests) == 4
    assert api.sleeps == [3.0, 3.0, 3.0]


@pytest.mark.parametrize(
    ("retry_after", "pause"), [("0", 0.5), ("86400", 60.0), ("2", 2.0)]
)
def test_wait_for_job_keeps_retry_after_between_its_interval_and_a_minute(
    api: Api, fake: FakeRevAI, retry_after: str, pause: float
) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=429, headers={"Retry-After": retry_after})

    job = api.call("wait_for_job", "j1", poll_interval=0.5)

    assert job.status == "completed"
    assert api.sleeps == [pause]


def test_wait_for_job_polls_again_after_a_408(api: Api, fake: FakeRevAI) -> None:
    seed(fake)
    fake.inject("GET", JOBS, status=408)

    job = api.call("wait_for_job", "j1", poll_interval=0.01)

    assert job.status == "completed"
    assert methods(fake) == ["GET", "GET"]


def test_wait_for_job_caps_the_first_pause_at_max_poll_interval(
    api: Api, fake: FakeRevAI
) -> None:
    seed(fake)
    running = {"id": "j1", "status": "in_progress", "created_on": CREATED}
    fake.inject("GET", f"{JOBS}/j1", status=200, body=running)

    api.call("wait_for_job", "j1", poll_interval=100, max_poll_interval=15)

    assert api.sleeps == [15.0]


def test_wait_for_job_stops_at_an_error_that_is_not_transient(
    api: Api, fake: FakeRevAI
) -> None:
    with pytest.raises(rl.NotFoundError):
        api.call("wait_for_job", "nosuchjob", poll_interval=0.01)

    assert len(fake.requests) == 1


# Uploads and the caller's own http client


def test_submit_file_reports_growing_progress_up_to_the_file_size(
    api: Api, fake: FakeRevAI
) -> None:
    reports: list[tuple[int, int | None]] = []
    size = WAV.stat().st_size

    api.call(
        "submit_file",
        WAV,
        on_progress=lambda sent, total: reports.append((sent, total)),
    )

    sent = [count for count, _ in reports]
    assert len(reports) > 1
    assert sent == sorted(set(sent))
    assert reports[-1] == (size, size)
    assert fake.requests[0].part("media").length == size


class ForwardOnly:
    """A binary stream that can only be read forward, like a socket's."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


def test_submit_file_uploads_a_stream_without_seek(api: Api, fake: FakeRevAI) -> None:
    data = WAV.read_bytes()

    api.call("submit_file", ForwardOnly(data), filename="clip.wav")

    assert fake.requests[0].part("media").data == data


def test_submit_file_reports_progress_of_a_stream_without_seek(
    api: Api, fake: FakeRevAI
) -> None:
    data = WAV.read_bytes()
    reports: list[int] = []

    api.call(
        "submit_file",
        ForwardOnly(data),
        filename="clip.wav",
        on_progress=lambda sent, total: reports.append(sent),
    )

    assert reports[-1] == len(data)
    assert fake.requests[0].part("media").length == len(data)


def test_submit_file_resends_a_spooled_forward_only_stream_after_429(
    api: Api, fake: FakeRevAI
) -> None:
    data = WAV.read_bytes()
    fake.inject("POST", JOBS, status=429)

    api.call("submit_file", ForwardOnly(data), filename="clip.wav")

    assert [request.part("media").data for request in fake.requests] == [data, data]


class StopUpload(Exception):
    """What a caller's progress callback raises to abandon an upload."""


@pytest.mark.parametrize("failure", [ValueError, StopUpload])
def test_an_on_progress_failure_stops_the_upload_and_propagates_unchanged(
    api: Api, fake: FakeRevAI, failure: type[BaseException]
) -> None:
    def on_progress(sent: int, total: int | None) -> None:
        raise failure("stop the upload")

    with pytest.raises(failure, match="stop the upload"):
        api.call("submit_file", WAV, on_progress=on_progress)

    assert fake.jobs == []


def test_submit_file_uploads_every_byte_of_a_pipe(api: Api, fake: FakeRevAI) -> None:
    data = b"RIFF" + bytes(10_000)
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)

    with open(read_end, "rb") as pipe:
        api.call("submit_file", pipe, filename="clip.wav")

    assert fake.requests[0].part("media").length == len(data)


def test_callers_http_client_is_used_and_left_open(fake: FakeRevAI) -> None:
    with httpx.Client() as http:
        client = rl.LanguageIdClient(fake.token, base_url=fake.url, http_client=http)
        client.list_jobs()
        client.close()

        assert not http.is_closed
        http.get(fake.url)

    request = fake.requests[0]
    assert request.headers["authorization"] == f"Bearer {fake.token}"
    assert request.headers["user-agent"] == USER_AGENT


@pytest.mark.anyio
async def test_callers_async_http_client_is_used_and_left_open(
    fake: FakeRevAI,
) -> None:
    async with httpx.AsyncClient() as http:
        client = rl.AsyncLanguageIdClient(
            fake.token, base_url=fake.url, http_client=http
        )
        await client.list_jobs()
        await client.aclose()

        assert not http.is_closed
        await http.get(fake.url)

    request = fake.requests[0]
    assert request.headers["authorization"] == f"Bearer {fake.token}"
    assert request.headers["user-agent"] == USER_AGENT


def _wait_briefly(client: Any, job_id: str) -> Any:
    if isinstance(client, rl.LanguageIdClient):
        with client:
            return client.wait_for_job(job_id, timeout=0.5, poll_interval=0.05)

    async def wait() -> Any:
        async with client:
            return await client.wait_for_job(job_id, timeout=0.5, poll_interval=0.05)

    return asyncio.run(wait())


@pytest.mark.parametrize("cls", [rl.LanguageIdClient, rl.AsyncLanguageIdClient])
def test_wait_for_job_cuts_a_stalled_poll_at_its_deadline(
    fake: FakeRevAI, cls: type[Any]
) -> None:
    stalled = {"id": "stalled", "created_on": "2018-05-05T23:23:22.29Z"}
    job_id = fake.add_job({**stalled, "status": "in_progress"})
    fake.inject("GET", f"{JOBS}/{job_id}", delay=5.0, times=5)
    client = cls(fake.token, base_url=fake.url)
    started = time.monotonic()

    with pytest.raises(rl.WaitTimeoutError):
        _wait_briefly(client, job_id)

    assert time.monotonic() - started < 2.0
