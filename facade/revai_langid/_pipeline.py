"""What happens to one API call, apart from the I/O: the boundary of the library.

The sync and async clients both run the same loop: build the request, send it, and
hand the answer (or the transport error) to `Pipeline.after_response` or
`Pipeline.after_error`, which decide between a result, an error to raise, and a
retry after some delay. Every httpx exception and every unreadable body is turned
into one of our errors here, with `raise ... from`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Generic, TypeVar

import httpx
from attrs import field, frozen

from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseError,
    RevAIError,
    ServerError,
    shorten,
)
from ._models import MalformedBody
from ._redaction import (
    ACTIVE_SECRETS,
    holds_secret,
    redact,
    redact_bytes,
    redact_data,
)
from ._retry import (
    NEVER_CONNECTED,
    RetryPolicy,
    parse_retry_after,
    should_retry_error,
    should_retry_status,
)

logger = logging.getLogger("revai_langid")

T = TypeVar("T")

MAX_BODY_KEPT = 10_000
"""Characters of an error body kept on the exception's `body`; a longer problem
document is kept as its text, cut to this length."""

TRANSPORT_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)
"""What httpx raises while sending a request or reading its answer."""

ANSWER_MAYBE_LOST = frozenset({500, 502, 504})
"""Statuses a gateway may give a request the API did carry out (unlike 408, 429
and 503, which say it was not)."""

_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}


@frozen
class Operation(Generic[T]):
    """One API call: what to send and how to read a successful answer.

    Attributes:
        name: Short name for logs, e.g. "get_job".
        request: Keyword arguments from the generated `build_request_kwargs`.
        parse: Reads the decoded JSON of a 2xx answer (None for an empty body).
        idempotent: Whether repeating the call cannot do anything twice.
        accept: The Accept header to send (errors come as problem+json).
        empty_body_ok: Whether a 2xx answer may come without a body (a body
            that is there must still be JSON).
        missing_means_done: A 404 on a retry means an earlier attempt succeeded.
        upload: Whether the body is an upload (longer write timeout).
        secrets: Auth header values in the request body, to scrub from errors.
    """

    name: str
    request: dict[str, Any] = field(repr=False)
    parse: Callable[[object], T]
    idempotent: bool = True
    accept: str = "application/json, application/problem+json"
    empty_body_ok: bool = False
    missing_means_done: bool = False
    upload: bool = False
    secrets: tuple[str, ...] = field(default=(), repr=False)

    @property
    def method(self) -> str:
        """The HTTP method, upper case."""
        return str(self.request["method"]).upper()

    @property
    def path(self) -> str:
        """The request path, without host or query."""
        return str(self.request["url"])

    @property
    def where(self) -> str:
        """Method and path for messages, the path cut to a readable length."""
        return f"{self.method} {shorten(self.path, 200)}"


@frozen
class Step(Generic[T]):
    """The outcome of one attempt: a value, an error, and whether to retry."""

    value: T | None = None
    error: RevAIError | None = None
    cause: BaseException | None = None
    retry_in: float | None = None
    reason: str = ""
    maybe_applied: bool = False
    """Whether the API may have acted on the request and only the answer was lost."""

    def unwrap(self) -> T:
        """The value, or raise the error (from its cause)."""
        if self.error is not None:
            raise self.error from self.cause
        return self.value  # type: ignore[return-value]


@frozen(kw_only=True)
class Pipeline:
    """Settings shared by every call of one client, and the decisions per attempt.

    Attributes:
        token: The access token; never shown in repr.
        base_url: The origin and path prefix requests go to.
        timeout: Default timeouts.
        upload_timeout: Default timeouts of uploads.
        retry: Default retry policy.
        user_agent: The User-Agent header.
    """

    token: str = field(repr=False)
    base_url: httpx.URL
    timeout: httpx.Timeout
    upload_timeout: httpx.Timeout
    retry: RetryPolicy
    user_agent: str

    def build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        timeout: httpx.Timeout | None,
    ) -> httpx.Request:
        """The request for one attempt, with our auth, User-Agent and timeouts."""
        kwargs = dict(operation.request)
        headers = dict(kwargs.pop("headers", {}))
        headers["Authorization"] = f"Bearer {self.token}"
        headers["User-Agent"] = self.user_agent
        headers["Accept"] = operation.accept
        url = str(self.base_url).rstrip("/") + kwargs.pop("url")
        if timeout is None:
            timeout = self.upload_timeout if operation.upload else self.timeout
        try:
            return http.build_request(
                url=url, headers=headers, timeout=timeout, **kwargs
            )
        except TRANSPORT_ERRORS as exc:
            raise self.connection_error(operation, exc) from exc

    def after_response(
        self,
        operation: Operation[T],
        response: httpx.Response,
        attempt: int,
        retry: RetryPolicy,
        *,
        earlier_maybe_applied: bool = False,
    ) -> Step[T]:
        """Decide what an answer means: a result, an error, or a retry.

        `earlier_maybe_applied` tells whether an earlier attempt of the same call
        may have been carried out: then a 404 of a delete means it was.
        """
        status = response.status_code
        if 200 <= status < 300:
            return self._success(operation, response)
        if status == 404 and operation.missing_means_done and earlier_maybe_applied:
            return Step(value=None)
        response = self._scrubbed(operation, response)
        error = error_from_response(
            response, operation.method, self._path(operation), self._secrets(operation)
        )
        if attempt <= retry.max_retries and should_retry_status(
            status, idempotent=operation.idempotent
        ):
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            delay = retry.delay(attempt, retry_after)
            return Step(
                error=error,
                retry_in=delay,
                reason=f"status {status}",
                maybe_applied=status in ANSWER_MAYBE_LOST,
            )
        return Step(error=error)

    def after_error(
        self,
        operation: Operation[T],
        exc: Exception,
        attempt: int,
        retry: RetryPolicy,
    ) -> Step[T]:
        """Decide what a transport error means: an error to raise, or a retry.

        The httpx exception stays the error's cause unless its text holds a
        secret (a server can echo one into a protocol error).
        """
        secrets = self._secrets(operation)
        error = self.connection_error(operation, exc)
        cause = None if holds_secret(str(exc), secrets) else exc
        retryable = isinstance(exc, httpx.TransportError) and should_retry_error(
            exc, idempotent=operation.idempotent
        )
        if retryable and attempt <= retry.max_retries:
            return Step(
                error=error,
                cause=cause,
                retry_in=retry.delay(attempt, None),
                reason=redact(_describe(exc), secrets),
                maybe_applied=not isinstance(exc, NEVER_CONNECTED),
            )
        return Step(error=error, cause=cause)

    def connection_error(
        self, operation: Operation[Any], exc: Exception
    ) -> APIConnectionError:
        """Our error for an httpx exception raised while sending or reading."""
        where = self._where(operation)
        reason = redact(_describe(exc), self._secrets(operation))
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                f"{where} timed out ({reason}); the API may be slow or "
                "unreachable: try again, or raise the timeout.",
                method=operation.method,
                path=self._path(operation),
            )
        return APIConnectionError(
            f"{where} got no answer ({reason}); check the network and "
            f"the base URL {self.base_url.scheme}://{self.base_url.netloc.decode()}.",
            method=operation.method,
            path=self._path(operation),
        )

    def _success(self, operation: Operation[T], response: httpx.Response) -> Step[T]:
        if operation.empty_body_ok and not response.content.strip():
            return Step(value=operation.parse(None))
        try:
            data = decode_json(response.content)
            return Step(value=operation.parse(data))
        except (ValueError, RecursionError) as exc:
            raw = response.content
            response = self._scrubbed(operation, response)
            error = ResponseError(
                f"{self._where(operation)} answered {response.status_code} "
                f"with a body that is not what the API documents ({_reason(exc)}): "
                f"{shorten(_text(response.content)) or '(empty)'}. "
                "Upgrade revai-langid, or report it if that does not help.",
                status_code=response.status_code,
                method=operation.method,
                path=self._path(operation),
                body=_text(response.content)[:MAX_BODY_KEPT],
            )
            echoes = holds_secret(_text(raw), self._secrets(operation))
            return Step(error=error, cause=None if echoes else exc)

    def _secrets(self, operation: Operation[Any]) -> tuple[str, ...]:
        """The token, the operation's auth values, and those of a longer task
        under way (an `identify` keeps its submit's auth values while it polls)."""
        return (self.token, *operation.secrets, *ACTIVE_SECRETS.current())

    def _path(self, operation: Operation[Any]) -> str:
        """The request path, with any secret a server-given job id carried redacted."""
        return redact(operation.path, self._secrets(operation))

    def _where(self, operation: Operation[Any]) -> str:
        """Method and path for messages and log lines, redacted and cut short."""
        return redact(operation.where, self._secrets(operation))

    def _scrubbed(
        self, operation: Operation[Any], response: httpx.Response
    ) -> httpx.Response:
        """The response with any secret of ours it echoes replaced by a marker."""
        content = redact_bytes(response.content, self._secrets(operation))
        if content is response.content:
            return response
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=content,
            request=response.request,
        )

    def log_attempt(
        self,
        operation: Operation[Any],
        attempt: int,
        elapsed: float,
        status: int | None,
    ) -> None:
        """One DEBUG line per request: method, path, status, milliseconds, attempt."""
        if not logger.isEnabledFor(logging.DEBUG):
            return
        logger.debug(
            "%s -> %s in %.0f ms (attempt %d)",
            self._where(operation),
            status if status is not None else "no answer",
            elapsed * 1000,
            attempt,
        )

    def log_retry(self, operation: Operation[Any], step: Step[Any]) -> None:
        """One WARNING line per retry: why, and how long until it."""
        logger.warning(
            "Retrying %s after %s in %.2f s",
            self._where(operation),
            step.reason,
            step.retry_in,
        )


def decode_json(content: bytes) -> object:
    """Decode a JSON body; raises ValueError (or MalformedBody) when it is not JSON."""
    if not content.strip():
        raise MalformedBody("the body is empty")
    return json.loads(content)


def error_from_response(
    response: httpx.Response,
    method: str,
    path: str,
    secrets: tuple[str, ...] = (),
) -> APIError:
    """The `APIError` subclass for an error status, from whatever body it has.

    `secrets` are redacted from the decoded problem document, where JSON escapes
    may have hidden them from a search of the raw bytes.
    """
    status = response.status_code
    problem = _problem(response.content, secrets)
    title = _str_or_none(problem.get("title")) or _phrase(status)
    detail = _str_or_none(problem.get("detail"))
    if detail is None and not problem and response.content.strip():
        detail = shorten(_text(response.content))
    cls = _STATUS_ERRORS.get(status, ServerError if status >= 500 else APIError)
    extra = _class_fields(cls, problem, response)
    where = f"{method} {shorten(path, 200)}"
    return cls(
        _message(cls, where, status, title, detail, extra.get("parameters")),
        status_code=status,
        title=title,
        detail=detail,
        type=_str_or_none(problem.get("type")),
        body=_kept_body(problem, response.content),
        method=method,
        path=path,
        **extra,
    )


def _message(
    cls: type[APIError],
    where: str,
    status: int,
    title: str,
    detail: str | None,
    parameters: dict[str, list[str]] | None,
) -> str:
    """One sentence: what failed, the title and detail, and what to do."""
    message = f"{where} failed with status {status} ({shorten(title, 100)})"
    if detail:
        message += f": {shorten(detail).rstrip('.')}"
    hint = cls.hint
    if parameters:
        message += f" [{_parameter_summary(parameters)}]"
        hint = PARAMETERS_HINT
    return f"{message}. What to do: {hint}."


PARAMETERS_HINT = "correct the parameters named above and try again"
"""What to do about a 400 that names its refused parameters."""

MAX_PROBLEM_BYTES = 1024 * 1024
"""Largest error body decoded as a problem document; a longer one is kept as text."""


def _kept_body(problem: dict[str, Any], content: bytes) -> dict[str, Any] | str:
    """What an error keeps of its body: the problem document, or text cut short."""
    if problem and len(content) <= MAX_BODY_KEPT:
        return problem
    return _text(content)[:MAX_BODY_KEPT]


def _class_fields(
    cls: type[APIError], problem: dict[str, Any], response: httpx.Response
) -> dict[str, Any]:
    if cls is ConflictError:
        allowed = problem.get("allowed_values")
        return {
            "current_value": _str_or_none(problem.get("current_value")),
            "allowed_values": [value for value in allowed if isinstance(value, str)]
            if isinstance(allowed, list)
            else [],
        }
    if cls is BadRequestError:
        parameters = problem.get("parameters")
        if not isinstance(parameters, dict):
            return {"parameters": {}}
        return {
            "parameters": {
                str(name): _messages(messages) for name, messages in parameters.items()
            }
        }
    if cls is RateLimitError:
        return {"retry_after": parse_retry_after(response.headers.get("Retry-After"))}
    return {}


def _parameter_summary(parameters: dict[str, list[str]]) -> str:
    """`name: message; name: message`, cut to a readable length."""
    parts = (
        f"{shorten(name, 60)}: {' '.join(messages) or 'refused'}"
        for name, messages in parameters.items()
    )
    return shorten("; ".join(parts), 300)


def _messages(value: object) -> list[str]:
    """A parameter's messages as strings; `null` entries are left out."""
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if item is not None]


def _problem(content: bytes, secrets: tuple[str, ...]) -> dict[str, Any]:
    if len(content) > MAX_PROBLEM_BYTES:
        return {}
    try:
        data = redact_data(decode_json(content), secrets)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unexpected status"


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at character {exc.pos}"
    if isinstance(exc, UnicodeDecodeError):
        return "invalid UTF-8"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    if isinstance(exc, MalformedBody):
        return shorten(str(exc), 200)
    return "a JSON value this client cannot read"


def _describe(exc: BaseException) -> str:
    text = str(exc)
    name = type(exc).__name__
    return f"{name}: {shorten(text, 200)}" if text else name
