"""`LanguageIdClient`: the synchronous client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
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
from ._deadline import answer_deadline, deadline_client
from ._errors import JobFailedError, RevAIError
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


class LanguageIdClient:
    """A client of the Rev AI Language Identification API.

    Every method either returns a parsed model or raises a `RevAIError`. Reads are
    retried on transient failures; a submit is retried only when the API cannot
    have received it. Use it as a context manager, or call `close()`.

    Args:
        token: Access token; default: the `REVAI_ACCESS_TOKEN` environment variable.
        base_url: API origin; default: `REVAI_BASE_URL`, else https://api.rev.ai.
        region: "us" or "eu" (https://ec1.api.rev.ai) when no base URL is given.
        timeout: Seconds, or an `httpx.Timeout` with connect/read/write/pool values.
        upload_timeout: Timeouts of `submit_file`, which may write for long.
        max_retries: Retries after a failed attempt (default 2); 0 turns them off.
        http_client: Your own `httpx.Client` (proxies, TLS, transports). It is
            used as-is and never closed by this client.
        allow_insecure_http: Allow plain http to hosts other than this machine.

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
        http_client: httpx.Client | None = None,
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
        check_http_client(http_client, httpx.Client)
        self._owns_http = http_client is None
        self._http = http_client or deadline_client()
        self._sleep: Callable[[float], None] = time.sleep
        self._clock: Callable[[], float] = time.monotonic
        self._release_token = hold_token(self, self._settings.pipeline.token)
        self._closed = False

    def __repr__(self) -> str:
        return f"LanguageIdClient(base_url={str(self.base_url)!r})"

    @property
    def base_url(self) -> httpx.URL:
        """The origin (and path prefix) every request goes to."""
        return self._settings.pipeline.base_url

    def close(self) -> None:
        """Close the connection pool, unless it belongs to a caller's http_client."""
        self._closed = True
        self._release_token()
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def submit_url(
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
        """Start a job for media Rev downloads from `url`.

        Args:
            url: Direct download URL of the media (keep it valid for two hours).
            source_auth: Headers Rev sends when downloading, e.g. "Bearer abc".
            metadata: Up to 512 characters stored with the job.
            notification_url: URL Rev POSTs the finished job to.
            notification_auth: Headers Rev sends with that notification.
            delete_after_seconds: Delete the job this long after it completes
                (0 to 2,592,000).
            timeout: Timeouts of this call only.
            max_retries: Retries of this call only; a submit is retried only on a
                refused connection or a 429.

        Returns:
            The new job, usually "in_progress".
        """
        options = ops.submit_options(
            metadata=metadata,
            notification_url=notification_url,
            notification_auth=notification_auth,
            delete_after_seconds=delete_after_seconds,
        )
        operation = ops.submit_url(url, source_auth=source_auth, options=options)
        return self._call(operation, timeout, max_retries)

    def submit_file(
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
        """Start a job by uploading media (at most 2 GB), streamed from disk.

        Args:
            file: A path, or a binary file object open for reading.
            metadata: Up to 512 characters stored with the job.
            notification_url: URL Rev POSTs the finished job to.
            notification_auth: Headers Rev sends with that notification.
            delete_after_seconds: Delete the job this long after it completes.
            filename: Name sent for the upload; default: the file's own name.
            on_progress: Called with (bytes sent, total bytes or None).
            timeout: Timeouts of this call only (default: `upload_timeout`).
            max_retries: Retries of this call only (refused connection or 429).

        Returns:
            The new job, usually "in_progress".
        """
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
            return self._call(operation, timeout, max_retries)

    def get_job(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> Job:
        """Read a job's current state.

        Raises:
            NotFoundError: If no job has this id.
        """
        return self._call(ops.get_job(job_id), timeout, max_retries)

    def list_jobs(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> list[Job]:
        """One page of the jobs of the last 30 days, newest first.

        Args:
            limit: At most this many jobs (0 to 1000; the API's default is 100).
            starting_after: Only jobs submitted before the job with this id.
        """
        operation = ops.list_jobs_page(limit, starting_after)
        return self._call(operation, timeout, max_retries)

    def iter_jobs(self, *, page_size: int = 100) -> Iterator[Job]:
        """Every job of the last 30 days, newest first, fetching pages as needed.

        Args:
            page_size: Jobs asked for per request (1 to 1000).
        """
        check_page_size(page_size)
        starting_after: str | None = None
        while True:
            page = self.list_jobs(limit=page_size, starting_after=starting_after)
            yield from page
            if len(page) < page_size:
                return
            starting_after = page[-1].id

    def get_result(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> LanguageIdResult:
        """The identified languages of a completed job.

        Raises:
            ConflictError: If the job has not completed (see `current_value`).
        """
        return self._call(ops.get_result(job_id), timeout, max_retries)

    def delete_job(
        self,
        job_id: str,
        *,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> None:
        """Delete a finished job and everything stored for it, permanently.

        Raises:
            ConflictError: If the job is still in progress.
            NotFoundError: If no job has this id (unless an earlier attempt of
                this same call deleted it and only its answer was lost).
        """
        self._call(ops.delete_job(job_id), timeout, max_retries)

    def wait_for_job(
        self,
        job_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        max_poll_interval: float = DEFAULT_MAX_POLL_INTERVAL,
    ) -> Job:
        """Poll a job until it completes or fails, waiting longer between polls.

        Args:
            job_id: The job to wait for.
            timeout: Seconds to wait in all before giving up.
            poll_interval: Seconds before the second poll; grows by half each time.
            max_poll_interval: Longest pause between polls, in seconds.

        Each poll is one request, cut short at the deadline; a transient failure
        (a lost connection, a timeout, a 429 or a 5xx) is followed by the next
        poll rather than by retries of the same one.

        Returns:
            The finished job; check `status` (a failed job is returned, not raised).

        Raises:
            WaitTimeoutError: If the job is still running when `timeout` passes.
        """
        poller = Poller.start(
            job_id, timeout, poll_interval, max_poll_interval, self._clock
        )
        while True:
            try:
                poll_timeout = poller.poll_timeout(self._settings.pipeline.timeout)
                job = self.get_job(job_id, timeout=poll_timeout, max_retries=0)
            except RevAIError as exc:
                pause = poller.after_error(exc)
            else:
                if poller.finished(job):
                    return job
                pause = poller.pause()
            self._sleep(pause)

    def identify(
        self,
        source: MediaSource,
        *,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        **submit_options: Any,
    ) -> LanguageIdResult:
        """Identify the language of a recording: submit, wait, fetch the result.

        Args:
            source: An http(s) URL (submitted by URL), or a path or binary file
                object (uploaded).
            wait_timeout: Seconds to wait for the job to finish.
            poll_interval: Seconds before the second poll.
            **submit_options: Passed to `submit_url` or `submit_file`.

        Raises:
            JobFailedError: If the job fails.
            WaitTimeoutError: If it does not finish within `wait_timeout`.
        """
        check_wait_settings(wait_timeout, poll_interval, timeout_name="wait_timeout")
        by_url = submits_by_url(source)
        submit = self.submit_url if by_url else self.submit_file
        check_submit_options(submit, submit_options, by_url=by_url)
        auth = ops.caller_secrets(
            submit_options.get("source_auth"), submit_options.get("notification_auth")
        )
        with ACTIVE_SECRETS.active(auth):
            job = submit(cast(Any, source), **submit_options)
            job = self.wait_for_job(
                job.id, timeout=wait_timeout, poll_interval=poll_interval
            )
            if job.status != "completed":
                raise JobFailedError.for_job(job)
            return self.get_result(job.id)

    def _call(
        self,
        operation: Operation[T],
        timeout: TimeoutTypes | None,
        max_retries: int | None,
    ) -> T:
        check_open(self._http, closed=self._closed)
        call_timeout, retry = self._settings.per_call(timeout, max_retries)
        pipeline = self._settings.pipeline
        attempt = 0
        maybe_applied = False
        while True:
            attempt += 1
            step = self._attempt(operation, call_timeout, retry, attempt, maybe_applied)
            maybe_applied = maybe_applied or step.maybe_applied
            if step.retry_in is None:
                return step.unwrap()
            pipeline.log_retry(operation, step)
            self._sleep(step.retry_in)

    def _attempt(
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
                response = self._send(request)
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

    def _send(self, request: httpx.Request) -> httpx.Response:
        with answer_deadline(read_timeout(request)):
            return self._send_within_deadline(request)

    def _send_within_deadline(self, request: httpx.Request) -> httpx.Response:
        response = self._http.send(
            request, stream=True, follow_redirects=False, auth=None
        )
        try:
            body = BodyCollector(response, self._clock)
            try:
                for chunk in response.iter_bytes():
                    body.add(chunk)
            except httpx.DecodingError as exc:
                raise body.undecodable(exc) from exc
            return body.response()
        finally:
            response.close()
