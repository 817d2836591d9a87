"""Errors map from every status and body, read well, and survive pickle."""

from __future__ import annotations

import json
import pickle

import httpx
import pytest

import revai_langid as rl
from revai_langid._pipeline import MAX_BODY_KEPT, error_from_response

TOKEN = "tok-SECRET-1234567890"


def _error(status: int, content: bytes = b"", **headers: str) -> rl.APIError:
    response = httpx.Response(status, content=content, headers=headers)
    return error_from_response(response, "GET", "/languageid/v1/jobs/x")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, rl.BadRequestError),
        (401, rl.AuthenticationError),
        (403, rl.PermissionDeniedError),
        (404, rl.NotFoundError),
        (409, rl.ConflictError),
        (413, rl.PayloadTooLargeError),
        (429, rl.RateLimitError),
        (500, rl.ServerError),
        (502, rl.ServerError),
        (503, rl.ServerError),
        (599, rl.ServerError),
        (302, rl.APIError),
        (418, rl.APIError),
    ],
)
def test_each_status_maps_to_its_class(status: int, cls: type[rl.APIError]) -> None:
    error = _error(status, b'{"title": "Problem", "status": %d}' % status)
    assert type(error) is cls
    assert error.status_code == status
    assert str(status) in str(error)


def test_html_502_is_a_server_error_with_a_short_message() -> None:
    page = b"<html><body>" + b"Bad gateway " * 500 + b"</body></html>"
    error = _error(502, page, **{"content-type": "text/html"})
    assert isinstance(error, rl.ServerError)
    assert error.title == "Bad Gateway"
    assert len(str(error)) < 600


def test_a_huge_problem_document_is_kept_cut_short() -> None:
    problem = {"title": "Bad Request", "status": 400, "detail": "x" * 50_000}
    error = _error(400, json.dumps(problem).encode())
    assert isinstance(error.body, str)
    assert len(error.body) == MAX_BODY_KEPT
    assert len(str(error)) < 600


def test_empty_404_is_not_found() -> None:
    error = _error(404)
    assert isinstance(error, rl.NotFoundError)
    assert error.title == "Not Found"
    assert error.detail is None


def test_problem_fields_are_carried() -> None:
    error = _error(
        409,
        b'{"type": "https://x/conflict", "title": "Invalid Job State", "status": 409,'
        b' "detail": "Job is in progress", "current_value": "in_progress",'
        b' "allowed_values": ["completed"]}',
    )
    assert isinstance(error, rl.ConflictError)
    assert error.current_value == "in_progress"
    assert error.allowed_values == ["completed"]
    assert error.type == "https://x/conflict"
    assert "Invalid Job State" in str(error)
    assert "Job is in progress" in str(error)


def test_bad_request_carries_parameters() -> None:
    error = _error(
        400, b'{"title": "Bad", "parameters": {"metadata": ["too long"], "x": "y"}}'
    )
    assert isinstance(error, rl.BadRequestError)
    assert error.parameters == {"metadata": ["too long"], "x": ["y"]}


def test_rate_limit_carries_retry_after() -> None:
    error = _error(429, b"", **{"retry-after": "7"})
    assert isinstance(error, rl.RateLimitError)
    assert error.retry_after == 7.0


@pytest.mark.parametrize(
    "error",
    [
        rl.ConfigurationError("no token"),
        rl.InvalidArgumentError("empty id"),
        rl.APIConnectionError("refused", method="GET", path="/p"),
        rl.APITimeoutError("slow", method="GET", path="/p"),
        rl.ResponseError("bad body", status_code=200, body="<html>"),
        rl.WaitTimeoutError("late", job_id="j", last_status="queued", timeout=1.0),
    ],
)
def test_errors_survive_pickle(error: rl.RevAIError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__.keys() == error.__dict__.keys()


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 429, 503, 418])
def test_api_errors_survive_pickle(status: int) -> None:
    error = _error(status, b'{"title": "T", "detail": "D", "current_value": "x"}')
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.status_code, copy.title, copy.detail) == (status, "T", "D")


def test_timeout_errors_are_also_builtin_timeouts() -> None:
    assert issubclass(rl.APITimeoutError, TimeoutError)
    assert issubclass(rl.APITimeoutError, rl.APIConnectionError)
    assert issubclass(rl.WaitTimeoutError, TimeoutError)


def test_null_parameter_messages_are_left_out() -> None:
    error = _error(
        400, b'{"title": "Bad", "parameters": {"a": null, "b": ["x", null]}}'
    )
    assert isinstance(error, rl.BadRequestError)
    assert error.parameters == {"a": [], "b": ["x"]}


def test_a_404_hint_also_names_the_base_url() -> None:
    error = _error(404, b"")
    assert "base URL" in str(error)
