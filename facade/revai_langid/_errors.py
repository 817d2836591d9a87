"""Every error this library raises, in one tree.

::

    RevAIError
    ├── ConfigurationError          bad token, base URL or client settings
    ├── InvalidArgumentError        an argument refused before any request is sent
    ├── APIConnectionError          the request did not get an HTTP answer
    │   └── APITimeoutError         ... because a timeout ran out
    ├── ResponseError               an answer that cannot be read as the spec says
    ├── APIError                    the API answered with an error status
    │   ├── BadRequestError         400
    │   ├── AuthenticationError     401
    │   ├── PermissionDeniedError   403
    │   ├── NotFoundError           404
    │   ├── ConflictError           409
    │   ├── PayloadTooLargeError    413
    │   ├── RateLimitError          429
    │   └── ServerError             5xx
    ├── JobFailedError              the job ended with status "failed"
    └── WaitTimeoutError            the job did not finish before the deadline

Errors are built with keyword arguments, carry the request's method and path (never
its headers), and survive `pickle`. Their messages are one sentence that says what
happened and what to do, with any response body cut to a bounded length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._redaction import ACTIVE_SECRETS, redact

if TYPE_CHECKING:
    from ._models import Job

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InvalidArgumentError",
    "JobFailedError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseError",
    "RevAIError",
    "ServerError",
    "WaitTimeoutError",
]

MAX_BODY_IN_MESSAGE = 300
"""Characters of a response body that may appear in an error message."""


def shorten(text: str, limit: int = MAX_BODY_IN_MESSAGE) -> str:
    """Cut `text` to `limit` characters, marking the cut, flattening its lines and
    replacing control characters (which could drive a terminal) with "?"."""
    flat = "".join(
        char if char.isprintable() else "?" for char in " ".join(text.split())
    )
    if len(flat) <= limit:
        return flat
    return f"{flat[:limit]}... [{len(flat) - limit} more characters]"


def _rebuild(cls: type[RevAIError], fields: dict[str, Any]) -> RevAIError:
    return cls(**fields)


class RevAIError(Exception):
    """Base class of every error raised by revai-langid."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self._fields = {"message": message, **fields}

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._fields)


class ConfigurationError(RevAIError):
    """The client cannot be built as asked: a missing token, a bad base URL, ..."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class InvalidArgumentError(RevAIError, ValueError):
    """An argument was refused before any request was sent."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class APIConnectionError(RevAIError):
    """The request got no HTTP answer: refused, reset, or cut off midway.

    Attributes:
        method: HTTP method of the request.
        path: Path of the request, without the host.
    """

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        super().__init__(message, method=method, path=path)
        self.method = method
        self.path = path


class APITimeoutError(APIConnectionError, TimeoutError):
    """A connect, read, write or pool timeout ran out before the answer came."""


class ResponseError(RevAIError):
    """The API answered, but its body cannot be read as the spec describes.

    Attributes:
        status_code: HTTP status of the answer (None for a webhook body).
        method: HTTP method of the request.
        path: Path of the request, without the host.
        body: The body as text, cut to a bounded length.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        method: str = "",
        path: str = "",
        body: str = "",
    ) -> None:
        super().__init__(
            message, status_code=status_code, method=method, path=path, body=body
        )
        self.status_code = status_code
        self.method = method
        self.path = path
        self.body = body


class APIError(RevAIError):
    """The API answered with an error status (RFC 7807 problem details when given).

    Attributes:
        status_code: HTTP status of the answer.
        title: The problem's short summary, or the status phrase.
        detail: The problem's explanation, if the API gave one.
        type: The problem type URI, if the API gave one.
        body: The decoded JSON body, or the body text cut to a bounded length.
        method: HTTP method of the request.
        path: Path of the request, without the host.
    """

    hint = "see the detail above, or Rev AI's documentation of this status"

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        title: str,
        detail: str | None = None,
        type: str | None = None,
        body: object = None,
        method: str = "",
        path: str = "",
        **extra: Any,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            title=title,
            detail=detail,
            type=type,
            body=body,
            method=method,
            path=path,
            **extra,
        )
        self.status_code = status_code
        self.title = title
        self.detail = detail
        self.type = type
        self.body = body
        self.method = method
        self.path = path


class BadRequestError(APIError):
    """400: the API refused a parameter.

    Attributes:
        parameters: Messages for each refused parameter, by parameter name.
    """

    hint = "correct the request as the detail says and try again"

    def __init__(
        self,
        message: str,
        *,
        parameters: Mapping[str, Sequence[str]] | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(message, parameters=parameters, **fields)
        self.parameters = dict(parameters or {})


class AuthenticationError(APIError):
    """401: the access token is missing, wrong or revoked."""

    hint = "check the access token (argument or REVAI_ACCESS_TOKEN)"


class PermissionDeniedError(APIError):
    """403: the token may not do this, or belongs to another deployment (US/EU)."""

    hint = "check that the token belongs to this deployment (US or EU) and account"


class NotFoundError(APIError):
    """404: no job with this id exists (or it was deleted)."""

    hint = (
        "check the job id (jobs are listed for 30 days and deletion is permanent), "
        "or the base URL if no job can be found"
    )


class ConflictError(APIError):
    """409: the job is not in a state that allows this operation.

    Attributes:
        current_value: The job's current state, as the API reported it.
        allowed_values: The states in which the operation is allowed.
    """

    hint = (
        "if the job is in progress, wait for it to finish and try again; "
        "a failed job has no result"
    )

    def __init__(
        self,
        message: str,
        *,
        current_value: str | None = None,
        allowed_values: Sequence[str] = (),
        **fields: Any,
    ) -> None:
        super().__init__(
            message,
            current_value=current_value,
            allowed_values=list(allowed_values),
            **fields,
        )
        self.current_value = current_value
        self.allowed_values = list(allowed_values)


class PayloadTooLargeError(APIError):
    """413: the upload is larger than the API accepts (2 GB)."""

    hint = "submit large media by URL with submit_url instead of uploading it"


class RateLimitError(APIError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the API asked us to wait, if it said so.
    """

    hint = "slow down, or raise max_retries to wait and retry automatically"

    def __init__(
        self, message: str, *, retry_after: float | None = None, **fields: Any
    ) -> None:
        super().__init__(message, retry_after=retry_after, **fields)
        self.retry_after = retry_after


class ServerError(APIError):
    """5xx: the API or a gateway in front of it failed."""

    hint = "try again later; a failed submit is never retried, so check list_jobs first"


class JobFailedError(RevAIError):
    """The job ended with status "failed".

    Attributes:
        job: The failed job as last read.
        failure: The API's short failure reason, e.g. "insufficient_balance".
        failure_detail: The API's human-readable explanation.
    """

    def __init__(self, message: str, *, job: Job) -> None:
        super().__init__(message, job=job)
        self.job = job
        self.failure = job.failure
        self.failure_detail = job.failure_detail

    @classmethod
    def for_job(cls, job: Job) -> JobFailedError:
        """The error for a job that ended without completing, with advice; the
        secrets in use are redacted from what the job's fields echo."""
        reason = job.failure or "no reason given"
        detail = ""
        if job.failure_detail:
            detail = f": {shorten(job.failure_detail).rstrip('.')}"
        advice = _FAILURE_ADVICE.get(
            str(job.failure), "check the media and submit again"
        )
        message = (
            f"Job {job.id} ended {job.status} ({reason}){detail}. What to do: {advice}."
        )
        return cls(redact(message, ACTIVE_SECRETS.current()), job=job)


_FAILURE_ADVICE = {
    "insufficient_balance": "add credit to your Rev AI account, then submit again",
    "invoicing_limit_exceeded": "raise the invoicing limit of your Rev AI account",
    "internal_processing": "submit the job again; contact Rev AI if it keeps failing",
}


class WaitTimeoutError(RevAIError, TimeoutError):
    """The job did not finish before the wait's deadline.

    Attributes:
        job_id: The job waited for.
        last_status: The status last seen, or None if no poll succeeded.
        timeout: The deadline of the wait, in seconds.
    """

    def __init__(
        self,
        message: str,
        *,
        job_id: str,
        last_status: str | None,
        timeout: float,
    ) -> None:
        super().__init__(
            message, job_id=job_id, last_status=last_status, timeout=timeout
        )
        self.job_id = job_id
        self.last_status = last_status
        self.timeout = timeout
