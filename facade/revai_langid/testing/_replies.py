"""Answers of the fake server: JSON documents and RFC 7807 problem documents."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
_ERROR_TYPES = "https://www.rev.ai/api/v1/errors/"


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, complete but not yet written to the socket.

    Attributes:
        status: The HTTP status code.
        body: The body bytes (ignored for 204 and for HEAD requests).
        content_type: The Content-Type header, or None for no such header.
        headers: Further headers, in the order they are sent.
    """

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


def encode_json(document: Any) -> bytes:
    """Serialise a JSON document compactly as UTF-8."""
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def json_reply(status: int, document: Any, content_type: str = JSON) -> Reply:
    """An answer carrying one JSON document."""
    return Reply(status, encode_json(document), content_type)


def problem(status: int, kind: str, title: str, detail: str, **extra: Any) -> Reply:
    """An ``application/problem+json`` answer with type, title, status and detail."""
    document = {
        "type": _ERROR_TYPES + kind,
        "title": title,
        "status": status,
        "detail": detail,
    }
    document.update(extra)
    return json_reply(status, document, PROBLEM_JSON)


def unauthorized() -> Reply:
    """The 401 answer: only ``title`` and ``status``, as Rev sends it."""
    document = {
        "title": "Authorization has been denied for this request",
        "status": 401,
    }
    return json_reply(401, document, PROBLEM_JSON)


def bad_request(detail: str, parameters: Mapping[str, list[str]] | None) -> Reply:
    """A 400 answer, naming the parameters at fault when there are any."""
    extra = {"parameters": dict(parameters)} if parameters else {}
    title = "Your request parameters didn't pass validation"
    return problem(400, "invalid-parameters", title, detail, **extra)


def job_not_found() -> Reply:
    """The 404 answer for a job id the fake does not hold."""
    detail = "No job with this id exists, or it was deleted."
    return problem(404, "job-not-found", "could not find job", detail)


def route_not_found() -> Reply:
    """The 404 answer for a path outside the Language Identification API."""
    detail = "The Language Identification API has no resource at this path."
    return problem(404, "not-found", "Not Found", detail)


def method_not_allowed(allowed: Sequence[str]) -> Reply:
    """The 405 answer, with an ``Allow`` header listing the methods of the route."""
    detail = "This resource accepts only " + ", ".join(allowed) + "."
    reply = problem(405, "method-not-allowed", "Method Not Allowed", detail)
    allow = (("Allow", ", ".join(allowed)),)
    return Reply(reply.status, reply.body, reply.content_type, allow)


def conflict(current: str, allowed: Sequence[str], detail: str) -> Reply:
    """A 409 answer naming the job's state and the states the operation needs."""
    title = "Job is in invalid state"
    return problem(
        409,
        "invalid-job-state",
        title,
        detail,
        current_value=current,
        allowed_values=list(allowed),
    )


def payload_too_large(limit: int) -> Reply:
    """The 413 answer for a body longer than the configured limit (in bytes)."""
    detail = f"The request body is larger than the {limit} bytes this server accepts."
    return problem(413, "payload-too-large", "Payload Too Large", detail)


def malformed_request(detail: str) -> Reply:
    """The 400 answer for a body whose framing is broken."""
    return problem(400, "bad-request", "Bad Request", detail)


def http_error(status: int) -> Reply:
    """A problem answer for errors the HTTP layer raises (bad request line, ...)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    detail = "The HTTP request could not be processed."
    return problem(status, "http-error", phrase, detail)
