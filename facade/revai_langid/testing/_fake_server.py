"""``FakeRevAI``: the public face of the fake server (documented in the package)."""

from __future__ import annotations

import ipaddress
import math
import secrets
import socket
import threading
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from ._faults import FaultAction, FaultBody, FaultQueue, make_fault
from ._handler import Backend, FakeHTTPServer
from ._jobs import JobStore, Timing
from ._languages import checked_languages
from ._records import RecordedRequest, Recorder
from ._routes import Api

DEFAULT_MAX_UPLOAD_BYTES = 2_000_000_000
_STOP_TIMEOUT = 5.0


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class FakeRevAI:
    """A stateful fake of the Rev AI Language Identification API v1.

    Serves real HTTP on a background thread. See the ``revai_langid.testing``
    module docstring for the behaviour and the test hooks.

    Args:
        token: The access token clients must send as ``Authorization: Bearer``;
            a random one (``secrets.token_urlsafe``) when None.
        polls_until_complete: How many ``GET /jobs/{id}`` answers say
            ``in_progress`` before a submitted job is complete (0 = at once).
        seconds_until_complete: Seconds from submission to completion; when
            given, it replaces ``polls_until_complete``.
        languages: The result ranking as ``(code, confidence)`` pairs; None
            gives en 0.91, es 0.05, fr 0.04.
        max_upload_bytes: The largest POST body accepted; a larger one gets 413.
        host: The address to listen on; loopback unless ``allow_remote``.
        port: The port to listen on; 0 picks a free one.
        allow_remote: Allow a host that is not a loopback address.

    Raises:
        ValueError: An argument is out of range, or the host is not loopback.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        polls_until_complete: int = 2,
        seconds_until_complete: float | None = None,
        languages: Sequence[tuple[str, float]] | None = None,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
        host: str = "127.0.0.1",
        port: int = 0,
        allow_remote: bool = False,
    ) -> None:
        _check_settings(token, polls_until_complete, seconds_until_complete)
        _check_address(host, port, max_upload_bytes, allow_remote)
        self._token = secrets.token_urlsafe(24) if token is None else token
        self._host, self._port = host, port
        timing = Timing(polls_until_complete, seconds_until_complete)
        self._store = JobStore(timing, checked_languages(languages))
        self._faults = FaultQueue()
        self._recorder = Recorder()
        api = Api(self._store, self._token)
        self._backend = Backend(api, self._faults, self._recorder, max_upload_bytes)
        self._server: FakeHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"FakeRevAI({where}, token=<hidden>)"

    def start(self) -> Self:
        """Bind the socket and serve on a daemon thread; returns ``self``.

        Raises:
            RuntimeError: The server is already running.
            OSError: The address cannot be bound.
        """
        if self._server is not None:
            raise RuntimeError("the fake server is already running")
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        server = FakeHTTPServer((self._host, self._port), family, self._backend)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name=f"revai-langid-fake-{server.server_port}",
            daemon=True,
        )
        thread.start()
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving, drop open connections and release the port.

        Jobs, the request log and waiting faults are kept, so ``start`` may
        be called again (on a new port if ``port`` was 0). Calling ``stop``
        on a stopped server does nothing.
        """
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(_STOP_TIMEOUT)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash).

        Raises:
            RuntimeError: The server is not running.
        """
        host = self.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}"

    @property
    def host(self) -> str:
        """The address the server listens on."""
        return self._running().server_name

    @property
    def port(self) -> int:
        """The port the server listens on (the real one when 0 was asked)."""
        return self._running().server_port

    @property
    def token(self) -> str:
        """The access token the server accepts."""
        return self._token

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the request log, oldest first (safe to read any time)."""
        return self._recorder.snapshot()

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._recorder.clear()

    @property
    def jobs(self) -> list[dict[str, Any]]:
        """Copies of every stored job document, newest first."""
        return self._store.all()

    def job(self, job_id: str) -> dict[str, Any]:
        """A copy of one job's document, as ``GET`` would show it (no poll counted).

        Raises:
            KeyError: No job has this id.
        """
        return self._store.peek(job_id)

    def add_job(
        self,
        job: Mapping[str, Any],
        *,
        job_id: str | None = None,
        result: Mapping[str, Any] | None = None,
    ) -> str:
        """Store a job that ``GET`` and the list serve exactly as given.

        Args:
            job: Any JSON object, valid or not (``{"status": "queued"}`` ...).
            job_id: The id it is found under; default ``job["id"]`` when that is
                a non-empty string, else a random id.
            result: A result document served verbatim by ``GET .../result``
                whatever the status; without it, a job whose ``status`` is
                ``completed`` gets the configured ranking and any other gets 409.

        Returns:
            The id the job is found under. A job with the same id is replaced,
            and the new one lists as the newest.

        Raises:
            ValueError: ``job`` or ``result`` is not JSON-serialisable.
        """
        return self._store.seed(job, job_id=job_id, result=result)

    def complete_job(self, job_id: str) -> None:
        """Finish a submitted job now (completed, or failed if ``fake-fail``).

        Raises:
            KeyError: No job has this id.
            ValueError: The job was stored with ``add_job``.
        """
        self._store.complete(job_id)

    def inject(
        self,
        method: str,
        path_prefix: str = "/",
        *,
        status: int | None = None,
        body: FaultBody = b"",
        headers: Mapping[str, str] | None = None,
        content_type: str | None = None,
        delay: float = 0.0,
        times: int = 1,
        action: FaultAction | None = None,
        create_job: bool = False,
    ) -> None:
        """Queue a fault for the next ``times`` matching requests.

        A request takes the first waiting fault that matches it, before
        authentication and routing. The request is always logged.

        Args:
            method: The HTTP method to match, or ``"*"`` for any.
            path_prefix: Matches a request whose raw or decoded path starts
                with it; ``"/"`` matches every request.
            status: Replace the answer with this status (200 to 599).
            body: The replacing body: bytes as given, a str as UTF-8 text, a
                dict or list as JSON.
            headers: Extra headers of the replacing answer; a Content-Type or
                Content-Length given here is sent instead of the computed one.
            content_type: The replacing answer's Content-Type; by default
                none for empty bytes, ``application/octet-stream`` for other
                bytes, ``text/plain; charset=utf-8`` for a str and
                ``application/problem+json`` (``application/json`` below 400)
                for JSON.
            delay: Seconds to wait before answering (or acting). With neither
                ``status`` nor ``action``, the fake's own answer follows the
                wait. Other connections are served meanwhile.
            times: How many matching requests the fault applies to.
            action: ``"close"`` closes the connection without answering,
                after reading the request; ``"reset"`` aborts it with a TCP
                RST (SO_LINGER 0).
            create_job: When the answer is replaced or dropped, whether the
                request is first processed for real: for a POST the job is
                created (the "created, but the answer was lost" case); for a
                DELETE the job is deleted; a GET counts as a poll. False
                leaves no trace beyond the request log.

        Raises:
            ValueError: Contradictory or out-of-range arguments.
        """
        fault = make_fault(
            method,
            path_prefix,
            status=status,
            body=body,
            headers=headers,
            content_type=content_type,
            delay=delay,
            times=times,
            action=action,
            create_job=create_job,
        )
        self._faults.add(fault)

    def clear_faults(self) -> None:
        """Drop every fault still waiting."""
        self._faults.clear()

    @property
    def pending_faults(self) -> int:
        """How many injected faults are still waiting for a request."""
        return len(self._faults)

    def _running(self) -> FakeHTTPServer:
        if self._server is None:
            raise RuntimeError("the fake server is not running; call start()")
        return self._server


def _check_settings(token: str | None, polls: int, seconds: float | None) -> None:
    if token is not None and (not token or any(c.isspace() for c in token)):
        raise ValueError("the token must be non-empty and hold no whitespace")
    if polls < 0:
        raise ValueError("polls_until_complete must be 0 or more")
    if seconds is not None and (math.isnan(seconds) or seconds < 0):
        raise ValueError("seconds_until_complete must be 0 or more")


def _check_address(host: str, port: int, max_upload: int, allow_remote: bool) -> None:
    if not allow_remote and not is_loopback(host):
        raise ValueError(f"{host!r} is not a loopback address; pass allow_remote=True")
    if not 0 <= port <= 65535:
        raise ValueError("port must lie between 0 and 65535")
    if max_upload < 0:
        raise ValueError("max_upload_bytes must be 0 or more")
