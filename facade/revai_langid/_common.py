"""What the sync and async clients share besides the pipeline: settings and the
small checks around sending."""

from __future__ import annotations

import os
from collections.abc import Sequence

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
from ._errors import ConfigurationError, InvalidArgumentError, ResponseError
from ._media import MediaSource
from ._pipeline import Pipeline
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
            call_timeout = resolve_timeout(timeout, DEFAULT_TIMEOUT)
        retry = self.pipeline.retry
        if max_retries is not None:
            retries = _retries(max_retries, InvalidArgumentError)
            retry = evolve(retry, max_retries=retries)
        return call_timeout, retry


def _retries(
    value: object, error: type[ConfigurationError | InvalidArgumentError]
) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"max_retries must be a whole number, 0 or more, not {value!r}.")
    return value


def body_deadline(request: httpx.Request) -> float:
    """Seconds the whole response body may take: the request's read timeout."""
    timeout = request.extensions.get("timeout", {})
    read = timeout.get("read") if isinstance(timeout, dict) else None
    return float(read) if read else DEFAULT_TIMEOUT.read or 60.0


def body_too_slow(request: httpx.Request) -> httpx.ReadTimeout:
    """The timeout for a body that trickles in, byte by byte, past its deadline."""
    return httpx.ReadTimeout(
        f"the response body took longer than {body_deadline(request):g} s",
        request=request,
    )


def check_body_size(chunks: Sequence[bytes], response: httpx.Response) -> None:
    """Refuse a response body larger than `MAX_RESPONSE_BYTES`."""
    if sum(map(len, chunks)) > MAX_RESPONSE_BYTES:
        raise ResponseError(
            f"{response.request.method} {response.request.url.path} answered with a "
            f"body over {MAX_RESPONSE_BYTES} bytes; that is not a Language ID answer. "
            "Check the base URL.",
            status_code=response.status_code,
            method=response.request.method,
            path=response.request.url.path,
        )


def rebuild_response(response: httpx.Response, content: bytes) -> httpx.Response:
    """A fully read copy of a streamed response."""
    return httpx.Response(
        response.status_code,
        headers=response.headers,
        content=content,
        request=response.request,
    )


def check_page_size(page_size: int) -> None:
    """Refuse a page size the API cannot serve (1 to 1000)."""
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise InvalidArgumentError(f"page_size must be an integer, not {page_size!r}.")
    if not 1 <= page_size <= 1000:
        raise InvalidArgumentError(f"page_size must be 1 to 1000, not {page_size}.")


def identify_plan(source: MediaSource) -> bool:
    """True to submit `source` by URL, False to upload it.

    Raises:
        InvalidArgumentError: For a string that is neither an http(s) URL nor an
            existing file.
    """
    if isinstance(source, str) and source.lower().startswith(("http://", "https://")):
        return True
    if isinstance(source, str | os.PathLike) and not os.path.isfile(source):
        raise InvalidArgumentError(
            f"{os.fsdecode(source)!r} is neither an http(s) URL nor an existing file."
        )
    return False
