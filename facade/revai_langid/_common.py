"""What the sync and async clients share besides the pipeline: settings and the
small checks around sending."""

from __future__ import annotations

import inspect
import os
import re
import weakref
from collections.abc import Callable, Mapping

import httpx
from attrs import evolve, frozen

from ._config import (
    DEFAULT_TIMEOUT,
    DEFAULT_UPLOAD_TIMEOUT,
    TimeoutTypes,
    resolve_base_url,
    resolve_timeout,
    resolve_token,
    user_agent,
)
from ._errors import (
    ConfigurationError,
    InvalidArgumentError,
    ResponseError,
    shorten,
)
from ._media import MediaSource
from ._pipeline import Pipeline
from ._redaction import ACTIVE_SECRETS
from ._retry import RetryPolicy

MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""Largest response body read; a list of 1000 jobs is well under 1 MiB."""


@frozen
class ClientSettings:
    """A client's pipeline, built and validated from the constructor's arguments."""

    pipeline: Pipeline

    @classmethod
    def build(
        cls,
        token: str | None,
        *,
        base_url: str | None,
        region: str | None,
        timeout: TimeoutTypes | None,
        upload_timeout: TimeoutTypes | None,
        max_retries: int,
        allow_insecure_http: bool,
    ) -> ClientSettings:
        """Validate every setting; raises `ConfigurationError` naming the bad one."""
        pipeline = Pipeline(
            token=resolve_token(token),
            base_url=resolve_base_url(
                base_url, region, allow_insecure_http=allow_insecure_http
            ),
            timeout=resolve_timeout(timeout, DEFAULT_TIMEOUT),
            upload_timeout=resolve_timeout(upload_timeout, DEFAULT_UPLOAD_TIMEOUT),
            retry=RetryPolicy(max_retries=_retries(max_retries, ConfigurationError)),
            user_agent=user_agent(),
        )
        return cls(pipeline)

    def per_call(
        self, timeout: TimeoutTypes | None, max_retries: int | None
    ) -> tuple[httpx.Timeout | None, RetryPolicy]:
        """The timeout (None: the operation's default) and retry policy of one call."""
        call_timeout = None
        if timeout is not None:
            call_timeout = resolve_timeout(
                timeout, DEFAULT_TIMEOUT, InvalidArgumentError
            )
        retry = self.pipeline.retry
        if max_retries is not None:
            retries = _retries(max_retries, InvalidArgumentError)
            retry = evolve(retry, max_retries=retries)
        return call_timeout, retry


def _retries(
    value: object, error: type[ConfigurationError | InvalidArgumentError]
) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error("max_retries must be a whole number, 0 or more.")
    return value


def hold_token(client: object, token: str) -> Callable[[], object]:
    """Redact `token` from third-party log records while `client` is open.

    Returns:
        The finalizer that stops it: call it on close; it also runs when the
        client is collected unclosed.
    """
    ACTIVE_SECRETS.add((token,))
    return weakref.finalize(client, ACTIVE_SECRETS.release, (token,))


class BodyCollector:
    """Reads a streamed response body within a deadline and a size limit.

    httpx's read timeout bounds the pause between two bytes; this also bounds the
    whole body by the same number of seconds, so a server that trickles one byte
    at a time cannot hold a call forever.
    """

    def __init__(self, response: httpx.Response, clock: Callable[[], float]) -> None:
        self._response = response
        self._clock = clock
        self._seconds = read_timeout(response.request)
        self._deadline = clock() + self._seconds
        self._chunks: list[bytes] = []
        self._size = 0

    def add(self, chunk: bytes) -> None:
        """Keep one chunk; raise if the body is too slow or too large."""
        self._chunks.append(chunk)
        self._size += len(chunk)
        if self._clock() > self._deadline:
            raise httpx.ReadTimeout(
                f"the response body took longer than {self._seconds:g} s",
                request=self._response.request,
            )
        if self._size > MAX_RESPONSE_BYTES:
            raise self._too_large()

    def response(self) -> httpx.Response:
        """A fully read copy of the streamed response, its body already decoded."""
        headers = self._response.headers.copy()
        headers.pop("Content-Encoding", None)
        return httpx.Response(
            self._response.status_code,
            headers=headers,
            content=b"".join(self._chunks),
            request=self._response.request,
        )

    def undecodable(self, exc: httpx.DecodingError) -> ResponseError:
        """The error for a body whose Content-Encoding does not match its bytes."""
        request = self._response.request
        return ResponseError(
            f"{request.method} {shorten(request.url.path, 200)} answered "
            f"{self._response.status_code} with a body that does not match its "
            f"Content-Encoding ({shorten(str(exc), 200)}); a proxy may have "
            "altered it.",
            status_code=self._response.status_code,
            method=request.method,
            path=request.url.path,
        )

    def _too_large(self) -> ResponseError:
        request = self._response.request
        return ResponseError(
            f"{request.method} {request.url.path} answered with a body over "
            f"{MAX_RESPONSE_BYTES} bytes, which no Language ID answer needs; "
            "check the base URL.",
            status_code=self._response.status_code,
            method=request.method,
            path=request.url.path,
        )


def read_timeout(request: httpx.Request) -> float:
    """The read timeout of `request`, in seconds."""
    timeout = request.extensions.get("timeout", {})
    read = timeout.get("read") if isinstance(timeout, dict) else None
    return float(read) if read else float(DEFAULT_TIMEOUT.read or 60.0)


def check_http_client(client: object, expected: type[object]) -> None:
    """Refuse an `http_client` of the wrong kind before it fails mid-call."""
    if client is not None and not isinstance(client, expected):
        raise ConfigurationError(
            f"http_client must be an {expected.__module__}.{expected.__qualname__}, "
            f"not {type(client).__name__}."
        )


def check_open(client: httpx.Client | httpx.AsyncClient, *, closed: bool) -> None:
    """Refuse a call on a closed client, or one whose connections were closed."""
    if closed or client.is_closed:
        raise ConfigurationError(
            "This client is closed; create a new one (or leave its `with` block later)."
        )


def check_page_size(page_size: int) -> None:
    """Refuse a page size the API cannot serve (1 to 1000)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise InvalidArgumentError(f"page_size must be an integer, not {page_size!r}.")
    if not 1 <= page_size <= 1000:
        raise InvalidArgumentError(f"page_size must be 1 to 1000, not {page_size}.")


def check_submit_options(
    submit: Callable[..., object], options: Mapping[str, object], *, by_url: bool
) -> None:
    """Refuse `identify` options that the chosen submit method does not take.

    Raises:
        InvalidArgumentError: Naming each option, and the kind of source.
    """
    accepted = inspect.signature(submit).parameters
    positional = next(iter(accepted))
    unknown = sorted(
        name for name in options if name not in accepted or name == positional
    )
    if unknown:
        kind = "a URL source" if by_url else "an uploaded file"
        raise InvalidArgumentError(
            f"identify got options that do not apply to {kind}: "
            f"{', '.join(shorten(name, 50) for name in unknown)}."
        )


OTHER_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
"""A URL of a scheme other than http(s), say ftp:// or s3://."""


def is_http_url(source: object) -> bool:
    """Whether `source` is a string naming an http:// or https:// URL."""
    return isinstance(source, str) and source.lower().startswith(
        ("http://", "https://")
    )


def submits_by_url(source: MediaSource) -> bool:
    """True to submit `source` by URL, False to upload it.

    Raises:
        InvalidArgumentError: For a string that is neither an http(s) URL nor an
            existing file.
    """
    if is_http_url(source):
        return True
    if isinstance(source, str) and OTHER_SCHEME.match(source):
        raise InvalidArgumentError(
            "Only http and https URLs can be submitted by URL; download other "
            "media first and pass the file."
        )
    if isinstance(source, str | os.PathLike) and not os.path.isfile(source):
        raise InvalidArgumentError(
            f"{os.fsdecode(source)!r} is neither an http(s) URL nor an existing file."
        )
    return False
