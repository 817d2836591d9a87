"""The API itself: authentication, routing and the five operations."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from ._body import Body
from ._jobs import JobNotFound, JobStore, WrongJobState
from ._multipart import Part
from ._replies import (
    JSON,
    Reply,
    bad_request,
    conflict,
    job_not_found,
    json_reply,
    method_not_allowed,
    payload_too_large,
    route_not_found,
    unauthorized,
)
from ._submission import InvalidSubmission, Submission, from_json, from_multipart

VENDOR_RESULT_TYPE = "application/vnd.rev.languageid.v1.0+json"
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
_PREFIX = ["", "languageid", "v1", "jobs"]


@dataclass(frozen=True)
class Incoming:
    """A request, read and parsed, ready for the API.

    Attributes:
        method: The HTTP method.
        raw_path: The request path, still percent-encoded, without the query.
        query: Query parameters with all their values.
        headers: Headers with lower-cased names.
        body: The body (possibly cut to the upload limit).
        parts: The parts of a multipart body, or None.
        parts_error: Why a multipart body could not be parsed, or None.
    """

    method: str
    raw_path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: Body
    parts: Sequence[Part] | None
    parts_error: str | None


_Operation = Callable[[Incoming, str], Reply]


def route_of(raw_path: str) -> tuple[str, str] | None:
    """The route name and decoded job id of a raw path, or None.

    The raw path is split on ``/`` first and each job id segment is
    percent-decoded afterwards, so ``%2F`` in an id never splits it.
    """
    segments = raw_path.split("/")
    if segments[:4] != _PREFIX:
        return None
    rest = segments[4:]
    if not rest:
        return ("jobs", "")
    job_id = unquote(rest[0])
    if not job_id:
        return None
    if len(rest) == 1:
        return ("job", job_id)
    if rest[1:] == ["result"]:
        return ("result", job_id)
    return None


class Api:
    """Answers authenticated requests from the job store."""

    def __init__(self, store: JobStore, token: str) -> None:
        self._store = store
        self._expected = token.encode()
        self._routes: dict[str, dict[str, _Operation]] = {
            "jobs": {"GET": self._list, "POST": self._submit},
            "job": {"GET": self._get, "DELETE": self._delete},
            "result": {"GET": self._result},
        }

    def handle(self, request: Incoming) -> Reply:
        """The answer to one request."""
        if not self._authorized(request.headers.get("authorization")):
            return unauthorized()
        route = route_of(request.raw_path)
        if route is None:
            return route_not_found()
        name, job_id = route
        operations = self._routes[name]
        operation = operations.get(request.method)
        if operation is None:
            return method_not_allowed(sorted(operations))
        try:
            return operation(request, job_id)
        except JobNotFound:
            return job_not_found()
        except WrongJobState as exc:
            return conflict(exc.current, exc.allowed, exc.detail)

    def _authorized(self, header: str | None) -> bool:
        if header is None:
            return False
        scheme, _, credentials = header.strip().partition(" ")
        presented = credentials.strip().encode()
        return scheme.lower() == "bearer" and hmac.compare_digest(
            presented, self._expected
        )

    def _submit(self, request: Incoming, _: str) -> Reply:
        if request.body.too_large:
            return payload_too_large(request.body.limit)
        try:
            submission = _submission_of(request)
        except InvalidSubmission as exc:
            return bad_request(exc.detail, exc.parameters)
        return json_reply(200, self._store.submit(submission))

    def _list(self, request: Incoming, _: str) -> Reply:
        try:
            limit = _limit(request.query.get("limit"))
        except ValueError as exc:
            return bad_request("The limit parameter is invalid.", {"limit": [str(exc)]})
        after = (request.query.get("starting_after") or [""])[-1] or None
        return json_reply(200, self._store.page(limit, after))

    def _get(self, _: Incoming, job_id: str) -> Reply:
        return json_reply(200, self._store.poll(job_id))

    def _result(self, request: Incoming, job_id: str) -> Reply:
        accept = request.headers.get("accept", "").lower()
        media_type = VENDOR_RESULT_TYPE if VENDOR_RESULT_TYPE in accept else JSON
        return json_reply(200, self._store.result(job_id), media_type)

    def _delete(self, _: Incoming, job_id: str) -> Reply:
        self._store.delete(job_id)
        return Reply(204)


def _submission_of(request: Incoming) -> Submission:
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "application/json":
        return from_json(request.body.read_all())
    if media_type == "multipart/form-data":
        if request.parts is None:
            raise InvalidSubmission(request.parts_error or "Malformed multipart body.")
        return from_multipart(request.parts)
    raise InvalidSubmission(
        "The Content-Type must be application/json or multipart/form-data."
    )


def _limit(values: list[str] | None) -> int:
    if not values:
        return DEFAULT_LIMIT
    text = values[-1].strip()
    message = f"The limit must be a whole number from 0 to {MAX_LIMIT}."
    if not text.isascii() or not text.isdigit():
        raise ValueError(message)
    limit = int(text)
    if limit > MAX_LIMIT:
        raise ValueError(message)
    return limit
