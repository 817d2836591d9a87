"""Faults on the wire end in a typed error within the configured timeouts.

A raw loopback server (`support.raw_server`) misbehaves byte by byte: it refuses,
closes early, promises more body than it sends, never answers, trickles bytes
just fast enough to dodge the read timeout, sends a chunked body that never ends.
Every such call, sync and async, must end in `APIConnectionError` or
`APITimeoutError` within a few read timeouts; and an idempotent call retried
after such a fault succeeds once the server answers properly.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import httpx
import pytest
from support.clients import TOKEN, call
from support.raw_server import (
    RawServer,
    Script,
    Stopwatch,
    close_at_once,
    response,
    send_then_close,
    send_then_hold,
    trickle,
)

from revai_langid import APIConnectionError, APITimeoutError, Job, RevAIError

DEADLINE = 2.5
"""Seconds within which every faulty call must have ended: a few timeouts."""

TRICKLE = 0.1
"""Seconds between two trickled bytes: well inside the 0.5 s read timeout."""

JOB = json.dumps(
    {"id": "abc", "created_on": "2018-05-05T23:23:22.29Z", "status": "in_progress"}
).encode()
OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
ANSWER = response("200 OK", JOB, "Content-Type: application/json")

FAULTS: dict[str, tuple[Script | None, type[RevAIError]]] = {
    "refused": (None, APIConnectionError),
    "closed_before_any_byte": (close_at_once, APIConnectionError),
    "closed_after_the_status_line": (
        send_then_close(b"HTTP/1.1 200 OK\r\n"),
        APIConnectionError,
    ),
    "closed_in_the_headers": (
        send_then_close(b"HTTP/1.1 200 OK\r\nContent-Ty"),
        APIConnectionError,
    ),
    "closed_in_the_body": (
        send_then_close(OK_HEAD + b"Content-Length: 100\r\n\r\n" + JOB[:10]),
        APIConnectionError,
    ),
    "content_length_beyond_the_body": (
        send_then_hold(OK_HEAD + b"Content-Length: 1000\r\n\r\n" + JOB),
        APITimeoutError,
    ),
    "never_answers": (send_then_hold(b""), APITimeoutError),
    "body_trickled": (
        trickle(OK_HEAD + b"Content-Length: 100000\r\n\r\n", b" ", TRICKLE),
        APITimeoutError,
    ),
    "chunked_body_never_ends": (
        trickle(
            OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n", b"1\r\n \r\n", TRICKLE
        ),
        APITimeoutError,
    ),
    "chunked_body_stalls": (
        send_then_hold(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\n{}   \r\n"),
        APITimeoutError,
    ),
}
"""Each fault: the server's script (None: nothing listens), the error expected."""


def submit_url(client: Any) -> Any:
    return client.submit_url("https://media.example.com/a.mp3")


def refused_url() -> str:
    """The URL of a port nothing listens on."""
    server = RawServer(close_at_once)
    url = server.url
    server.stop()
    return url


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_ends_in_a_typed_error_in_time(kind: str, fault: str) -> None:
    script, expected = FAULTS[fault]
    server = RawServer(script).start() if script else None
    try:
        with Stopwatch() as watch:
            outcome = call(kind, server.url if server else refused_url())
    finally:
        if server:
            server.stop()

    assert type(outcome) is expected, repr(outcome)
    assert watch.seconds < DEADLINE


@pytest.mark.parametrize(
    ("prefix", "unit"),
    [
        (b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a"),
        (b"", b"HTTP/1.1 102 Processing\r\n\r\n"),
    ],
    ids=["header_bytes", "endless_102_processing"],
)
def test_trickled_headers_end_in_a_timeout(
    kind: str, prefix: bytes, unit: bytes
) -> None:
    # Each byte comes well inside the read timeout; only a deadline on the whole
    # answer ends the call before the server gives up (which would be a
    # connection error instead).
    script = trickle(prefix, unit, TRICKLE)
    with RawServer(script, lifetime=6.0) as server:
        outcome = call(kind, server.url)

    assert type(outcome) is APITimeoutError, repr(outcome)


def test_upload_the_server_never_reads_ends_in_a_timeout(kind: str) -> None:
    media = io.BytesIO(bytes(64 * 1024 * 1024))

    def upload(client: Any) -> Any:
        return client.submit_file(media, filename="big.wav")

    with RawServer(send_then_hold(b"")) as server, Stopwatch() as watch:
        outcome = call(kind, server.url, upload)

    assert type(outcome) is APITimeoutError, repr(outcome)
    assert watch.seconds < DEADLINE


@pytest.mark.parametrize(
    "fault", ["closed_before_any_byte", "closed_in_the_body", "never_answers"]
)
def test_idempotent_call_succeeds_once_the_server_recovers(
    kind: str, fault: str
) -> None:
    script, _ = FAULTS[fault]
    assert script is not None
    with RawServer(script, send_then_close(ANSWER)) as server:
        outcome = call(kind, server.url, max_retries=1)

    assert isinstance(outcome, Job), repr(outcome)
    assert outcome.id == "abc"
    assert len(server.heads) == 2


def test_submit_is_not_repeated_after_the_connection_drops(kind: str) -> None:
    with RawServer(close_at_once, send_then_close(ANSWER)) as server:
        outcome = call(kind, server.url, submit_url, max_retries=2)

    assert type(outcome) is APIConnectionError, repr(outcome)
    assert len(server.heads) == 1


def test_submit_is_repeated_when_the_connection_was_refused(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = refused_url()

    with caplog.at_level(logging.WARNING, logger="revai_langid"):
        outcome = call(kind, url, submit_url, max_retries=2)

    assert type(outcome) is APIConnectionError
    retries = [record for record in caplog.records if "Retrying" in record.message]
    assert len(retries) == 2


def test_timeout_error_names_the_request_and_keeps_its_cause(kind: str) -> None:
    with RawServer(send_then_hold(b"")) as server:
        outcome = call(kind, server.url)

    assert isinstance(outcome, APITimeoutError)
    assert isinstance(outcome, TimeoutError)
    assert (outcome.method, outcome.path) == ("GET", "/languageid/v1/jobs/abc")
    assert isinstance(outcome.__cause__, httpx.TimeoutException)
    assert TOKEN not in str(outcome)
