"""`AsyncLanguageIdClient`: the asyncio client, with the same methods awaitable."""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import IO, Any, Self, TypeVar, cast

import httpx

from . import _operations as ops
from ._common import (
    BodyCollector,
    ClientSettings,
    check_http_client,
    check_open,
    check_page_size,
    check_submit_options,
    hold_token,
    read_timeout,
    submits_by_url,
)
from ._config import TimeoutTypes
from ._deadline import answer_deadline, deadline_async_client
from ._errors import ConfigurationError, JobFailedError, RevAIError
from ._media import (
    MediaReader,
    MediaSource,
    UnreadableMedia,
    open_media,
    unreadable_media_error,
)
from ._models import Job, LanguageIdResult
from ._operations import AuthHeaders, ProgressCallback
from ._pipeline import TRANSPORT_ERRORS, Operation, Step
from ._polling import (
    DEFAULT_MAX_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    Poller,
    check_wait_settings,
)
from ._redaction import ACTIVE_SECRETS
from ._retry import RetryPolicy

T = TypeVar("T")


class AsyncLanguageIdClient:
    """The asyncio twin of `LanguageIdClient`: same arguments, errors, retries and
    polling, with every method awaitable and `iter_jobs` an async iterator.

    Use it as an async context manager, or `await client.aclose()`. Pass your own
    `httpx.AsyncClient` as `http_client` to control proxies, TLS or transports; it
    is never closed by this client.

    Raises:
        ConfigurationError: For a missing or malformed token, a bad base URL, an
            unknown region or a non-positive timeout.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        region: str | None = None,
        timeout: TimeoutTypes | None = None,
        upload_timeout: TimeoutTypes | None = None,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self._settings = ClientSettings.build(
            token,
            base_url=base_url,
            region=region,
            timeout=timeout,
            upload_timeout=upload_timeout,
            max_retries=max_retries,
            allow_insecure_http=allow_insecure_http,
        )
        check_http_client(http_client, httpx.AsyncClient)
        self._owns_http = http_client is None
        self._http = http_client or deadline_async_client()
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self._clock: Callable[[], float] = time.monotonic
        self._release_token = hold_token(self, self._settings.pipeline.token)
        self._closed = False
        self._loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    def __repr__(self) -> str:
        return f"AsyncLanguageIdClient(base_url={str(self.base_url)!r})"

    @property
    def base_url(self) -> httpx.URL:
        """The origin (and path prefix) every request goes to."""
        return self._settings.pipeline.base_url

    async def aclose(self) -> None:
        """Close the connection pool, unless it belongs to a caller's http_client.

        Closed from another event loop than the one it was used in, whose
        connections died with it, the client drops them without a word.
        """
        self._closed = True
        self._release_token()
        if not self._owns_http:
            return
        try:
            await self._http.aclose()
        except RuntimeError:
            if not self._in_another_loop():
                raise

    def _in_another_loop(self) -> bool:
        return self._loop is not None and self._loop() is not asyncio.get_running_loop()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def submit_url(
        self,
        url: str,
        *,
        source_auth: AuthHeaders | None = None,
        metadata: str | None = None,
        notification_url: str | None = None,
        notification_auth: AuthHeaders | None = None,
        delete_after_seconds: int | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> Job:
        """Start a job for media Rev downloads from `url`; see
        `LanguageIdClient.submit_url`."""
        options = ops.submit_options(
            metadata=metadata,
            notification_url=notification_url,
            notification_auth=notification_auth,
            delete_after_seconds=delete_after_seconds,
        )
        operation = ops.submit_url(url, source_auth=source_auth, options=options)
        return await self._call(operation, timeout, max_retries)

    async def submit_file(
        self,
        file: MediaSource,
        *,
        metadata: str | None = None,
        notification_url: str | None = None,
        notification_auth: AuthHeaders | None = None,
        delete_after_seconds: int | None = None,
        filename: str | None = None,
        on_progress: ProgressCallback | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> Job:
        """Start a job by uploading media, streamed from disk; see
        `LanguageIdClient.submit_file`."""
        options = ops.submit_options(
            metadata=metadata,
            notification_url=notification_url,
            notification_auth=notification_auth,
            delete_after_seconds=delete_after_seconds,
        )
        name = ops.media_filename(file, filename)
        with open_media(file) as stream:
            payload = cast(IO[bytes], MediaReader(stream, on_progress))
            operation = ops.submit_file(payload, filename=name, options=options)
            return await self._call(operation, timeout, max_retries)

    async def get_job(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> Job:
        """Read a job's current state; see `LanguageIdClient.get_job`."""
        return await self._call(ops.get_job(job_id), timeout, max_retries)

    async def list_jobs(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> list[Job]:
        """One page of jobs, newest first; see `LanguageIdClient.list_jobs`."""
        operation = ops.list_jobs_page(limit, starting_after)
        return await self._call(operation, timeout, max_retries)

    async def iter_jobs(self, *, page_size: int = 100) -> AsyncIterator[Job]:
        """Every job of the last 30 days, newest first, fetching pages as needed."""
        check_page_size(page_size)
        starting_after: str | None = None
        while True:
            page = await self.list_jobs(limit=page_size, starting_after=starting_after)
            for job in page:
                yield job
            if len(page) < page_size:
                return
            starting_after = page[-1].id

    async def get_result(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> LanguageIdResult:
        """The identified languages of a completed job; see
        `LanguageIdClient.get_result`."""
        return await self._call(ops.get_result(job_id), timeout, max_retries)

    async def delete_job(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> None:
        """Delete a finished job permanently; see `LanguageIdClient.delete_job`."""
        await self._call(ops.delete_job(job_id), timeout, max_retries)

    async def wait_for_job(
        self,
        job_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = DEFAULT_MAX_POLL_INTERVAL,
    ) -> Job:
        """Poll a job until it completes or fails; see
        `LanguageIdClient.wait_for_job`."""
        poller = Poller.start(
            job_id, timeout, poll_interval, max_poll_interval, self._clock
        )
        while True:
            try:
                poll_timeout = poller.poll_timeout(self._settings.pipeline.timeout)
                job = await self.get_job(job_id, timeout=poll_timeout, max_retries=0)
            except RevAIError as exc:
                pause = poller.after_error(exc)
            else:
                if poller.finished(job):
                    return job
                pause = poller.pause()
            await self._sleep(pause)

    async def identify(
        self,
        source: MediaSource,
        *,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        **submit_options: Any,
    ) -> LanguageIdResult:
        """Submit, wait and fetch the result; see `LanguageIdClient.identify`."""
        check_wait_settings(wait_timeout, poll_interval, timeout_name="wait_timeout")
        by_url = submits_by_url(source)
        submit = self.submit_url if by_url else self.submit_file
        check_submit_options(submit, submit_options, by_url=by_url)
        auth = ops.caller_secrets(
            submit_options.get("source_auth"), submit_options.get("notification_auth")
        )
        with ACTIVE_SECRETS.active(auth):
            job = await submit(cast(Any, source), **submit_options)
            job = await self.wait_for_job(
                job.id, timeout=wait_timeout, poll_interval=poll_interval
            )
            if job.status != "completed":
                raise JobFailedError.for_job(job)
            return await self.get_result(job.id)

    async def _call(
        self,
        operation: Operation[T],
        timeout: TimeoutTypes | None,
        max_retries: int | None,
    ) -> T:
        check_open(self._http, closed=self._closed)
        self._check_loop()
        call_timeout, retry = self._settings.per_call(timeout, max_retries)
        attempt = 0
        maybe_applied = False
        while True:
            attempt += 1
            step = await self._attempt(
                operation, call_timeout, retry, attempt, maybe_applied
            )
            maybe_applied = maybe_applied or step.maybe_applied
            if step.retry_in is None:
                return step.unwrap()
            self._settings.pipeline.log_retry(operation, step)
            await self._sleep(step.retry_in)

    def _check_loop(self) -> None:
        """Refuse a call from another event loop than the first call's: the
        pooled connections belong to that loop and die with it."""
        if self._loop is None:
            self._loop = weakref.ref(asyncio.get_running_loop())
        elif self._in_another_loop():
            raise ConfigurationError(
                "This AsyncLanguageIdClient was first used in another event loop; "
                "create one client per event loop (per asyncio.run call)."
            )

    async def _attempt(
        self,
        operation: Operation[T],
        timeout: httpx.Timeout | None,
        retry: RetryPolicy,
        attempt: int,
        maybe_applied: bool,
    ) -> Step[T]:
        pipeline = self._settings.pipeline
        request = pipeline.build_request(self._http, operation, timeout)
        started = self._clock()
        try:
            with ACTIVE_SECRETS.active(operation.secrets):
                response = await self._send(request)
        except TRANSPORT_ERRORS as exc:
            pipeline.log_attempt(operation, attempt, self._clock() - started, None)
            return pipeline.after_error(operation, exc, attempt, retry)
        except UnreadableMedia as exc:
            raise unreadable_media_error(exc) from exc.failure
        pipeline.log_attempt(
            operation, attempt, self._clock() - started, response.status_code
        )
        return pipeline.after_response(
            operation, response, attempt, retry, earlier_maybe_applied=maybe_applied
        )

    async def _send(self, request: httpx.Request) -> httpx.Response:
        with answer_deadline(read_timeout(request)):
            return await self._send_within_deadline(request)

    async def _send_within_deadline(self, request: httpx.Request) -> httpx.Response:
        response = await self._http.send(
            request, stream=True, follow_redirects=False, auth=None
        )
        try:
            body = BodyCollector(response, self._clock)
            try:
                async for chunk in response.aiter_bytes():
                    body.add(chunk)
            except httpx.DecodingError as exc:
                raise body.undecodable(exc) from exc
            return body.response()
        finally:
            await response.aclose()
