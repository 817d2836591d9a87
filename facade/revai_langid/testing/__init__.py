"""An offline fake of the Rev AI Language Identification API v1, for tests.

``FakeRevAI`` serves real HTTP on a loopback port from a background thread,
keeps jobs in memory and follows ``openapi.yaml``. It uses the standard
library only, so it can test any HTTP client, ours or not::

    from revai_langid.testing import FakeRevAI

    with FakeRevAI(token="secret") as fake:
        base_url = fake.url              # "http://127.0.0.1:<port>"
        ...                              # point the client under test at it
        assert len(fake.requests) == 3

Every path starts with ``/languageid/v1``; every request needs
``Authorization: Bearer <token>``.

Behaviour
---------
Authentication
    A missing or wrong token gets 401 with a problem document holding only
    ``title`` and ``status``. The token presented is never echoed, and the fake
    logs nothing but method, path (query left out) and status, at DEBUG, on
    the ``revai_langid.testing`` logger. Authentication is checked before
    routing, so a bad token gets 401 even on an unknown path.

``POST /jobs``
    ``application/json``: ``source_config`` ({url, auth_headers}) or the
    deprecated ``media_url``, plus optional ``metadata``,
    ``notification_config`` or ``callback_url``, and ``delete_after_seconds``.
    ``multipart/form-data``: a ``media`` part (the file) and at most one
    ``options`` part holding one JSON object of the same options, without a
    source. Answered 400 (``application/problem+json`` with a ``parameters``
    map from field to messages): no source or two sources; notification_config
    with callback_url; metadata over 512 characters; media_url over 2048 or
    callback_url over 1024 characters, or either not an absolute http(s) URL;
    ``delete_after_seconds`` that is not a JSON integer (``5.0`` and ``true``
    are refused) or lies outside 0 to 2,592,000; a config object without a
    valid url; auth headers that are not strings, an Authorization not of the
    form ``<scheme> <token>``, or (for notification_config) any header besides
    Authorization; a missing or repeated ``media`` part, a repeated
    ``options`` part. Answered 400 without ``parameters``: a body that is not
    JSON, an options part that is not a JSON object, a broken multipart body,
    another Content-Type. Unknown JSON fields and unknown form parts are
    ignored. A POST body longer than ``max_upload_bytes`` (default
    2,000,000,000, for JSON bodies too) is read in chunks, dropped, and
    answered 413. Uploads are spooled to a temporary file past 8 MiB and
    forgotten once the answer is sent.

    The answer (200) is the new job: ``id`` (12 random letters and digits),
    ``created_on`` (UTC, two fractional digits and ``Z``, like
    ``2018-05-05T23:23:22.29Z``), ``status`` ``in_progress``, ``type``
    ``language_id``, then ``metadata``, ``media_url``, ``callback_url`` and
    ``delete_after_seconds`` only when given non-null (0 is kept).
    ``source_config``, ``notification_config`` and auth headers are never
    stored or echoed.

Job lifecycle
    A submitted job answers ``in_progress`` to its first
    ``polls_until_complete`` ``GET /jobs/{id}`` requests (default 2); after
    that it is complete for every operation (the next GET, the result, the
    list, DELETE). With ``seconds_until_complete`` set, time decides instead
    and polls do not count. Only ``GET /jobs/{id}`` counts as a poll. On
    completion the job gets ``completed_on`` and
    ``processed_duration_seconds``: for an upload that the ``wave`` module
    reads, the real duration (frames / frame rate); for any other upload,
    size / 16,000 (a 128 kbit/s stream) rounded to milliseconds; for a URL
    job null, since the fake downloads nothing. ``complete_job(id)`` finishes
    a job at once.

Results: the fake cannot hear
    ``GET /jobs/{id}/result`` does not analyse the media. The ranking is
    configuration: ``languages`` (default en 0.91, es 0.05, fr 0.04), served
    highest first with ``top_language`` the first code. A submitter picks the
    language of one job by writing ``fake-language=<code>`` in its metadata:
    that code takes the first confidence, the other configured codes follow
    with the remaining confidences, the last code dropping out when the code
    was not configured (``fake-language=de`` gives de 0.91, en 0.05, es 0.04).
    Directives start the metadata or follow whitespace, ``;``, ``,`` or
    ``&``. The answer's Content-Type is
    ``application/vnd.rev.languageid.v1.0+json`` when the Accept header
    names it, else ``application/json``. Before completion, and for a failed
    job, the answer is 409 with ``current_value`` (the status) and
    ``allowed_values`` ``["completed"]``.

Failures
    ``fake-fail=<reason>`` in the metadata makes the job end ``failed`` (when
    it would have completed) with ``failure`` set to the reason, any word,
    so unknown values can be tested too, and a ``failure_detail`` text.
    ``processed_duration_seconds`` is not set on failed jobs.

``GET /jobs?limit=&starting_after=``
    A bare array, newest first (by submission order, seeded jobs included).
    ``limit`` 0 to 1000, default 100; any other value gets 400 with
    ``parameters``. ``starting_after`` is a job id: the page holds the jobs
    submitted before it, excluding it. An unknown id gives an empty list; an
    empty value counts as absent.

``DELETE /jobs/{id}``
    204 without a body for a completed or failed job; 409 (``current_value``,
    ``allowed_values`` ``["completed", "failed"]``) while in progress.

Errors
    Every error body is ``application/problem+json``. An unknown job id gets
    404 with ``type``, ``title``, ``status`` and ``detail``; so does an
    unknown path. A method a path does not serve gets 405 with an ``Allow``
    header. Protocol errors (bad request line, broken chunked body, bad
    Content-Length) get a problem document too and close the connection.

Job ids in paths
    The raw path is split on ``/`` first and the id segment is then
    percent-decoded, so ``/jobs/ab%2F..%2Fx%3Fy%23z`` looks up the job whose
    id is exactly ``ab/../x?y#z``.

Test hooks
----------
``fake.requests``
    A copy of the request log (``RecordedRequest``: ``method``, ``target``
    as sent, decoded ``path``, ``query`` {name: [values]}, ``headers``
    with lower-case names, ``body`` cut to 1 MiB, ``body_length``,
    ``parts`` of a multipart body, ``json()``, ``part(name)``). Every
    request is logged, faulty or not, before it is answered (except one whose
    body framing is broken).
    ``clear_requests()`` empties it. The log does hold the Authorization
    header, for tests that check it; ``repr`` masks it.
``fake.jobs``, ``fake.job(id)``, ``fake.add_job(doc, *, job_id, result)``,
``fake.complete_job(id)``
    Read jobs without counting polls; seed any JSON object as a job, served
    verbatim by GET and by the list and never advanced (``{"status":
    "queued", "failure": "download_failure"}``, all-null fields, ...).
``fake.inject(method, path_prefix, *, status, body, headers, content_type,
delay, times, action, create_job)``
    Queue a fault; each request takes the first waiting fault that matches
    its method and path prefix, ``times`` times. ``status`` replaces the
    answer (a 503 with ``Retry-After``, a 502 with HTML, an empty 404, a
    429); ``delay`` waits first (to trigger client timeouts; other
    connections are served meanwhile); ``action="close"`` closes the
    connection without an answer; ``action="reset"`` aborts it with a TCP
    RST. Faults apply before authentication and routing, as a proxy's
    would. By default a replaced or dropped request changes nothing;
    ``create_job=True`` processes it for real first, e.g. a POST whose job
    exists although its answer was lost. ``clear_faults()`` and
    ``pending_faults`` manage the queue.

Command line
------------
``python -m revai_langid.testing [--host 127.0.0.1] [--port 8765]
[--token TOKEN] [--polls N | --seconds S] [--max-upload-bytes N]
[--allow-remote]`` prints ``REVAI_BASE_URL=...`` and ``REVAI_ACCESS_TOKEN=...``
lines, then serves in the foreground until SIGINT or SIGTERM and exits 0. To
use them from a shell, run it in the background with its output in a file
(``python -m revai_langid.testing > fake.env &``) and ``export $(cat fake.env)``.
It refuses a host that is not a loopback address unless ``--allow-remote`` is
given.

Not faked
---------
Webhooks are never called; ``delete_after_seconds`` never deletes a job; no
job expires after 30 days; no 403 (wrong deployment) answers; no rate limits
unless injected.
"""

from __future__ import annotations

from ._fake_server import DEFAULT_MAX_UPLOAD_BYTES, FakeRevAI
from ._records import RecordedPart, RecordedRequest

__all__ = [
    "DEFAULT_MAX_UPLOAD_BYTES",
    "FakeRevAI",
    "RecordedPart",
    "RecordedRequest",
]
