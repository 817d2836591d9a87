"""The bundled fake server, driven over loopback HTTP with the standard library."""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import wave
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from revai_langid.testing import FakeRevAI

JOBS = "/languageid/v1/jobs"
TOKEN = "test-token-123"
BOUNDARY = "fake-boundary-7Hq2"
FACADE = Path(__file__).resolve().parents[1] / "facade"


class Answer:
    """A response read in full: status, lower-cased headers, body."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)


def call(
    fake: FakeRevAI,
    method: str,
    target: str,
    *,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    token: str | None = TOKEN,
    timeout: float = 5.0,
) -> Answer:
    sent = {"Authorization": f"Bearer {token}"} if token is not None else {}
    sent.update(headers or {})
    connection = http.client.HTTPConnection(fake.host, fake.port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=sent)
        response = connection.getresponse()
        received = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, received, response.read())
    finally:
        connection.close()


def submit_json(fake: FakeRevAI, document: Any) -> Answer:
    body = json.dumps(document).encode()
    headers = {"Content-Type": "application/json"}
    return call(fake, "POST", JOBS, body=body, headers=headers)


def submit_url(fake: FakeRevAI, **options: Any) -> dict[str, Any]:
    document = {"source_config": {"url": "https://example.com/a.mp3"}, **options}
    answer = submit_json(fake, document)
    assert answer.status == 200, answer.body
    job: dict[str, Any] = answer.json()
    return job


def multipart(parts: list[tuple[str, str | None, str, bytes]]) -> bytes:
    """Build a form body from (name, filename, content type, data) by hand."""
    lines = b""
    for name, filename, content_type, data in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        head = (
            f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {content_type}\r\n\r\n"
        )
        lines += head.encode() + data + b"\r\n"
    return lines + f"--{BOUNDARY}--\r\n".encode()


def submit_form(fake: FakeRevAI, body: bytes) -> Answer:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    return call(fake, "POST", JOBS, body=body, headers=headers)


def wav_bytes(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


def problem_of(answer: Answer) -> dict[str, Any]:
    assert answer.headers["content-type"] == "application/problem+json"
    document: dict[str, Any] = answer.json()
    return document


@pytest.fixture
def fake() -> Iterator[FakeRevAI]:
    with FakeRevAI(TOKEN) as server:
        yield server


def test_submit_by_source_config_answers_the_new_job(fake: FakeRevAI) -> None:
    secret = "Bearer bucket-secret-42"
    answer = submit_json(
        fake,
        {
            "source_config": {
                "url": "https://example.com/a.mp3",
                "auth_headers": {"Authorization": secret},
            },
            "notification_config": {"url": "https://example.com/hook"},
            "metadata": "run 7",
        },
    )

    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"
    job = answer.json()
    assert set(job) == {"id", "created_on", "status", "type", "metadata"}
    assert len(job["id"]) == 12
    assert job["id"].isalnum()
    assert job["id"].isascii()
    assert job["status"] == "in_progress"
    assert job["type"] == "language_id"
    assert job["metadata"] == "run 7"
    assert b"bucket-secret-42" not in answer.body


def test_submit_stamps_created_on_with_two_fraction_digits(fake: FakeRevAI) -> None:
    created_on = submit_url(fake)["created_on"]

    assert len(created_on) == len("2018-05-05T23:23:22.29Z")
    assert created_on[19] == "."
    assert created_on.endswith("Z")


def test_submit_echoes_deprecated_urls_and_keeps_zero_retention(
    fake: FakeRevAI,
) -> None:
    answer = submit_json(
        fake,
        {
            "media_url": "https://example.com/a.mp3",
            "callback_url": "https://example.com/hook",
            "delete_after_seconds": 0,
        },
    )

    job = answer.json()
    assert job["media_url"] == "https://example.com/a.mp3"
    assert job["callback_url"] == "https://example.com/hook"
    assert job["delete_after_seconds"] == 0


def test_job_completes_after_the_configured_polls(fake: FakeRevAI) -> None:
    job_id = submit_url(fake)["id"]

    statuses = [call(fake, "GET", f"{JOBS}/{job_id}").json() for _ in range(3)]

    assert [job["status"] for job in statuses] == [
        "in_progress",
        "in_progress",
        "completed",
    ]
    assert statuses[2]["completed_on"].endswith("Z")
    assert statuses[2]["processed_duration_seconds"] is None


def test_job_completes_after_the_configured_seconds() -> None:
    with FakeRevAI(TOKEN, seconds_until_complete=0.2) as fake:
        job_id = submit_url(fake)["id"]
        first = call(fake, "GET", f"{JOBS}/{job_id}").json()
        time.sleep(0.25)
        second = call(fake, "GET", f"{JOBS}/{job_id}").json()

    assert first["status"] == "in_progress"
    assert second["status"] == "completed"


def test_multipart_upload_reports_the_wav_duration(fake: FakeRevAI) -> None:
    options = {"metadata": "upload", "delete_after_seconds": 60}
    body = multipart(
        [
            ("media", "clip.wav", "audio/wav", wav_bytes(1.5)),
            ("options", None, "application/json", json.dumps(options).encode()),
        ]
    )

    answer = submit_form(fake, body)
    fake.complete_job(answer.json()["id"])

    assert answer.status == 200
    job = fake.job(answer.json()["id"])
    assert job["processed_duration_seconds"] == pytest.approx(1.5)
    assert job["delete_after_seconds"] == 60
    recorded = fake.requests[-1]
    assert recorded.body_length == len(body)
    options_part = recorded.part("options")
    assert options_part is not None
    assert options_part.json() == options


def test_multipart_upload_of_other_media_derives_duration_from_size(
    fake: FakeRevAI,
) -> None:
    body = multipart([("media", "a.mp3", "audio/mpeg", b"\xff" * 32_000)])

    job_id = submit_form(fake, body).json()["id"]
    fake.complete_job(job_id)

    assert fake.job(job_id)["processed_duration_seconds"] == 2.0


def test_result_is_409_before_completion_then_200(fake: FakeRevAI) -> None:
    job_id = submit_url(fake)["id"]

    early = call(fake, "GET", f"{JOBS}/{job_id}/result")
    fake.complete_job(job_id)
    vendor = "application/vnd.rev.languageid.v1.0+json"
    late = call(fake, "GET", f"{JOBS}/{job_id}/result", headers={"Accept": vendor})
    plain = call(fake, "GET", f"{JOBS}/{job_id}/result")

    assert early.status == 409
    assert problem_of(early)["current_value"] == "in_progress"
    assert problem_of(early)["allowed_values"] == ["completed"]
    assert late.status == 200
    assert late.headers["content-type"] == vendor
    assert plain.headers["content-type"] == "application/json"
    assert late.json() == {
        "top_language": "en",
        "language_confidences": [
            {"language": "en", "confidence": 0.91},
            {"language": "es", "confidence": 0.05},
            {"language": "fr", "confidence": 0.04},
        ],
    }


def test_fake_language_directive_puts_that_code_first(fake: FakeRevAI) -> None:
    job_id = submit_url(fake, metadata="case 3; fake-language=es")["id"]
    fake.complete_job(job_id)

    result = call(fake, "GET", f"{JOBS}/{job_id}/result").json()

    assert result["top_language"] == "es"
    assert [item["language"] for item in result["language_confidences"]] == [
        "es",
        "en",
        "fr",
    ]


def test_configured_languages_rank_highest_first() -> None:
    with FakeRevAI(TOKEN, languages=[("fr", 0.2), ("de", 0.8)]) as fake:
        job_id = submit_url(fake)["id"]
        fake.complete_job(job_id)
        result = call(fake, "GET", f"{JOBS}/{job_id}/result").json()

    assert result["top_language"] == "de"


def test_fake_fail_directive_fails_the_job(fake: FakeRevAI) -> None:
    job_id = submit_url(fake, metadata="fake-fail=insufficient_balance")["id"]
    fake.complete_job(job_id)

    job = call(fake, "GET", f"{JOBS}/{job_id}").json()
    result = call(fake, "GET", f"{JOBS}/{job_id}/result")

    assert job["status"] == "failed"
    assert job["failure"] == "insufficient_balance"
    assert job["failure_detail"]
    assert result.status == 409
    assert problem_of(result)["current_value"] == "failed"


def test_delete_is_409_while_in_progress_then_204(fake: FakeRevAI) -> None:
    job_id = submit_url(fake)["id"]

    early = call(fake, "DELETE", f"{JOBS}/{job_id}")
    fake.complete_job(job_id)
    late = call(fake, "DELETE", f"{JOBS}/{job_id}")
    again = call(fake, "GET", f"{JOBS}/{job_id}")

    assert early.status == 409
    assert problem_of(early)["allowed_values"] == ["completed", "failed"]
    assert late.status == 204
    assert late.body == b""
    assert again.status == 404


def test_wrong_token_gets_401_with_title_and_status_only(fake: FakeRevAI) -> None:
    wrong = "not-the-token-xyz"

    answer = call(fake, "GET", JOBS, token=wrong)
    missing = call(fake, "GET", JOBS, token=None)

    assert answer.status == 401
    assert set(problem_of(answer)) == {"title", "status"}
    assert wrong.encode() not in answer.body
    assert not any(wrong in value for value in answer.headers.values())
    assert missing.status == 401


def test_unknown_job_gets_404_problem(fake: FakeRevAI) -> None:
    answer = call(fake, "GET", f"{JOBS}/nosuchjob123")

    assert answer.status == 404
    assert set(problem_of(answer)) >= {"type", "title", "status", "detail"}


def test_unknown_route_and_wrong_method_get_problems(fake: FakeRevAI) -> None:
    route = call(fake, "GET", "/speechtotext/v1/jobs")
    method = call(fake, "PUT", f"{JOBS}/abc")

    assert route.status == 404
    assert problem_of(route)["status"] == 404
    assert method.status == 405
    assert problem_of(method)["status"] == 405
    assert method.headers["allow"] == "DELETE, GET"


def test_list_pages_newest_first_with_starting_after(fake: FakeRevAI) -> None:
    ids = [submit_url(fake)["id"] for _ in range(5)]

    first = call(fake, "GET", f"{JOBS}?limit=2").json()
    after = first[-1]["id"]
    second = call(fake, "GET", f"{JOBS}?limit=2&starting_after={after}").json()
    unknown = call(fake, "GET", f"{JOBS}?starting_after=nosuchjob").json()

    assert [job["id"] for job in first] == ids[::-1][:2]
    assert [job["id"] for job in second] == ids[::-1][2:4]
    assert unknown == []


@pytest.mark.parametrize("limit", ["-1", "1001", "ten", ""])
def test_list_rejects_a_bad_limit(fake: FakeRevAI, limit: str) -> None:
    answer = call(fake, "GET", f"{JOBS}?limit={limit}")

    assert answer.status == 400
    assert "limit" in problem_of(answer)["parameters"]


def test_encoded_id_is_one_path_segment(fake: FakeRevAI) -> None:
    odd = "ab/../x?y#z"
    fake.add_job({"id": odd, "status": "completed"})

    found = call(fake, "GET", f"{JOBS}/ab%2F..%2Fx%3Fy%23z")
    missing = call(fake, "GET", f"{JOBS}/ab%2F..%2Fx%3Fy")

    assert found.status == 200
    assert found.json()["id"] == odd
    assert missing.status == 404
    assert fake.requests[0].target == f"{JOBS}/ab%2F..%2Fx%3Fy%23z"


def test_seeded_job_is_served_verbatim(fake: FakeRevAI) -> None:
    seeded = {"id": "Q1", "status": "queued", "failure": "download_failure"}
    nulls = {"id": "N1", "created_on": None, "metadata": None, "status": "failed"}
    fake.add_job(seeded)
    fake.add_job(nulls)

    assert call(fake, "GET", f"{JOBS}/Q1").json() == seeded
    assert call(fake, "GET", f"{JOBS}/Q1").json() == seeded
    assert call(fake, "GET", JOBS).json() == [nulls, seeded]


URL = {"media_url": "https://example.com/a.mp3"}
CONFIG = {"source_config": {"url": "https://example.com/a.mp3"}}
LONG = "https://example.com/" + "x" * 2100


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({}, "source_config"),
        ({**CONFIG, **URL}, "media_url"),
        ({**URL, "source_config": {"auth_headers": None}}, "source_config.url"),
        (
            {**URL, "callback_url": "https://e.com/c", "notification_config": CONFIG},
            "callback_url",
        ),
        ({**URL, "metadata": "m" * 513}, "metadata"),
        ({"media_url": LONG}, "media_url"),
        ({**URL, "callback_url": LONG[:1025]}, "callback_url"),
        ({**URL, "delete_after_seconds": -1}, "delete_after_seconds"),
        ({**URL, "delete_after_seconds": 2_592_001}, "delete_after_seconds"),
        ({**URL, "delete_after_seconds": 1.5}, "delete_after_seconds"),
        ({**URL, "delete_after_seconds": "9"}, "delete_after_seconds"),
        ({**URL, "delete_after_seconds": True}, "delete_after_seconds"),
    ],
)
def test_submit_rejects_invalid_fields_naming_them(
    fake: FakeRevAI, document: dict[str, Any], field: str
) -> None:
    answer = submit_json(fake, document)

    assert answer.status == 400
    assert field in problem_of(answer)["parameters"]
    assert fake.jobs == []


def test_submit_accepts_the_largest_valid_values(fake: FakeRevAI) -> None:
    job = submit_url(fake, metadata="m" * 512, delete_after_seconds=2_592_000)

    assert job["delete_after_seconds"] == 2_592_000


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b""])
def test_submit_rejects_a_body_that_is_not_a_json_object(
    fake: FakeRevAI, body: bytes
) -> None:
    answer = call(
        fake, "POST", JOBS, body=body, headers={"Content-Type": "application/json"}
    )

    assert answer.status == 400
    assert problem_of(answer)["status"] == 400


@pytest.mark.parametrize(
    "parts",
    [
        [("options", None, "application/json", b"{}")],
        [("media", "a", "audio/wav", b"x"), ("options", None, "text/plain", b"[1]")],
        [
            ("media", "a", "audio/wav", b"x"),
            ("options", None, "application/json", b"{}"),
            ("options", None, "application/json", b"{}"),
        ],
        [
            ("media", "a", "audio/wav", b"x"),
            ("options", None, "application/json", b'{"media_url": "https://e.com/a"}'),
        ],
    ],
)
def test_submit_rejects_a_bad_form(
    fake: FakeRevAI, parts: list[tuple[str, str | None, str, bytes]]
) -> None:
    answer = submit_form(fake, multipart(parts))

    assert answer.status == 400
    assert problem_of(answer)["status"] == 400


def test_submit_rejects_an_upload_over_the_limit_with_413() -> None:
    with FakeRevAI(TOKEN, max_upload_bytes=1000) as fake:
        body = multipart([("media", "a.wav", "audio/wav", b"\x00" * 5000)])
        answer = submit_form(fake, body)
        jobs = fake.jobs

    assert answer.status == 413
    assert problem_of(answer)["status"] == 413
    assert jobs == []


def test_submit_reads_a_chunked_upload(fake: FakeRevAI) -> None:
    body = multipart([("media", "a.wav", "audio/wav", wav_bytes(0.5))])
    connection = http.client.HTTPConnection(fake.host, fake.port, timeout=5)
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    pieces = iter([body[:100], body[100:3000], body[3000:]])
    connection.request("POST", JOBS, body=pieces, headers=headers, encode_chunked=True)
    response = connection.getresponse()
    job_id = json.loads(response.read())["id"]
    connection.close()

    fake.complete_job(job_id)

    assert response.status == 200
    assert fake.job(job_id)["processed_duration_seconds"] == pytest.approx(0.5)


def test_injected_503_comes_once_then_the_normal_answer(fake: FakeRevAI) -> None:
    fake.inject("GET", JOBS, status=503, headers={"Retry-After": "1"}, body="busy")

    first = call(fake, "GET", JOBS)
    second = call(fake, "GET", JOBS)

    assert first.status == 503
    assert first.headers["retry-after"] == "1"
    assert first.body == b"busy"
    assert second.status == 200
    assert fake.pending_faults == 0


def test_injected_html_502_and_empty_404_are_served_as_given(fake: FakeRevAI) -> None:
    fake.inject(
        "GET", JOBS, status=502, body="<html>bad</html>", content_type="text/html"
    )
    fake.inject("GET", JOBS, status=404)

    html = call(fake, "GET", JOBS)
    empty = call(fake, "GET", JOBS)

    assert html.headers["content-type"] == "text/html"
    assert empty.status == 404
    assert empty.body == b""


def test_injected_delay_does_not_block_other_connections(fake: FakeRevAI) -> None:
    fake.inject("GET", JOBS, delay=0.6)
    answers: list[Answer] = []
    slow = threading.Thread(target=lambda: answers.append(call(fake, "GET", JOBS)))

    started = time.monotonic()
    slow.start()
    time.sleep(0.1)
    quick = call(fake, "GET", f"{JOBS}/nosuchjob")
    quick_elapsed = time.monotonic() - started
    slow.join()

    assert quick.status == 404
    assert quick_elapsed < 0.5
    assert answers[0].status == 200
    assert time.monotonic() - started >= 0.6


def test_injected_delay_triggers_a_client_timeout(fake: FakeRevAI) -> None:
    fake.inject("GET", JOBS, delay=1.0)

    with pytest.raises(TimeoutError):
        call(fake, "GET", JOBS, timeout=0.2)


@pytest.mark.parametrize("action", ["close", "reset"])
def test_injected_action_drops_the_connection(fake: FakeRevAI, action: Any) -> None:
    fake.inject("POST", JOBS, action=action)

    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        submit_url(fake)

    assert fake.jobs == []
    assert len(fake.requests) == 1


def test_injected_fault_with_create_job_keeps_the_job(fake: FakeRevAI) -> None:
    fake.inject("POST", JOBS, status=502, create_job=True)

    answer = submit_json(fake, {"media_url": "https://example.com/a.mp3"})

    assert answer.status == 502
    assert len(fake.jobs) == 1


def test_urllib_request_sees_the_fake_like_a_server(fake: FakeRevAI) -> None:
    request = urllib.request.Request(
        f"{fake.url}{JOBS}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read()) == []

    request = urllib.request.Request(f"{fake.url}{JOBS}")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 401
    raised.value.close()


def test_repr_and_request_log_repr_hide_the_token(fake: FakeRevAI) -> None:
    call(fake, "GET", JOBS)

    assert TOKEN not in repr(fake)
    assert TOKEN not in repr(fake.requests)
    assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_logs_never_hold_a_presented_token(
    fake: FakeRevAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="revai_langid.testing")

    call(fake, "GET", f"{JOBS}?access_token=query-secret", token="header-secret")
    call(fake, "GET", JOBS)

    assert "fake server: GET /languageid/v1/jobs -> 401" in caplog.text
    assert "secret" not in caplog.text
    assert TOKEN not in caplog.text


def test_zero_polls_completes_jobs_at_once() -> None:
    with FakeRevAI(TOKEN, polls_until_complete=0) as fake:
        job_id = submit_url(fake)["id"]
        result = call(fake, "GET", f"{JOBS}/{job_id}/result")

    assert result.status == 200


def test_seeded_result_is_served_whatever_the_status(fake: FakeRevAI) -> None:
    result = {"top_language": "xx", "language_confidences": []}
    job_id = fake.add_job({"status": "in_progress"}, result=result)

    assert call(fake, "GET", f"{JOBS}/{job_id}/result").json() == result


def test_constructor_refuses_a_remote_host() -> None:
    with pytest.raises(ValueError, match="loopback"):
        FakeRevAI(TOKEN, host="0.0.0.0")


def _command(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(FACADE), *filter(None, [env.get("PYTHONPATH")])]
    )
    return subprocess.Popen(
        [sys.executable, "-m", "revai_langid.testing", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_command_prints_its_address_and_stops_cleanly(
    stop_signal: signal.Signals,
) -> None:
    process = _command("--port", "0", "--token", "cli-token")
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        token_line = process.stdout.readline().strip()
        assert base_url.startswith("REVAI_BASE_URL=http://127.0.0.1:")
        assert token_line == "REVAI_ACCESS_TOKEN=cli-token"
        url = base_url.partition("=")[2] + JOBS
        request = urllib.request.Request(
            url, headers={"Authorization": "Bearer cli-token"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
        process.send_signal(stop_signal)
        _, stderr = process.communicate(timeout=10)
    finally:
        process.kill()
        process.wait()

    assert process.returncode == 0
    assert "Traceback" not in stderr


def test_command_refuses_a_remote_host() -> None:
    process = _command("--host", "0.0.0.0", "--port", "0")
    _, stderr = process.communicate(timeout=10)

    assert process.returncode == 2
    assert "--allow-remote" in stderr
