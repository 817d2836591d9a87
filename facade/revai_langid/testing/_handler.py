"""The HTTP layer: a threaded server, request reading, faults, answer writing."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import socketserver
import struct
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

from ._body import Body, BodyError, read_body
from ._faults import Fault, FaultQueue
from ._multipart import MultipartError, Part, parse_multipart
from ._records import RECORD_CAP, RecordedRequest, Recorder, recorded_parts
from ._replies import Reply, http_error, malformed_request
from ._routes import Api, Incoming

LOGGER = logging.getLogger("revai_langid.testing")
LOGGER.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Backend:
    """What every connection of one fake server shares.

    Attributes:
        api: Answers requests.
        faults: Faults waiting for matching requests.
        recorder: The request log.
        max_upload_bytes: The largest request body accepted, in bytes.
    """

    api: Api
    faults: FaultQueue
    recorder: Recorder
    max_upload_bytes: int


class FakeHTTPServer(ThreadingHTTPServer):
    """A threaded HTTP server that can close its open connections on stop."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], family: socket.AddressFamily, backend: Backend
    ) -> None:
        self.address_family = family
        self.backend = backend
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without the reverse DNS lookup ``HTTPServer`` makes."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.socket.getsockname()[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log a broken connection at DEBUG instead of printing a traceback."""
        error = type(sys.exc_info()[1]).__name__
        LOGGER.debug("fake server: a connection ended with %s", error)

    def track(self, connection: socket.socket) -> None:
        """Remember an open connection."""
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        """Forget a closed connection."""
        with self._connections_lock:
            self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut every open connection, waking threads blocked on them."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "revai-langid-fake"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self._server().track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self._server().untrack(self.connection)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def __getattr__(self, name: str) -> Any:
        # http.server answers 501 for a method without a do_ handler; route every
        # method instead, so one the path does not serve gets 405 with Allow.
        if name.startswith("do_"):
            return self.do_GET
        raise AttributeError(name)

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        """Answer protocol errors with a problem document, never echoing input."""
        self.close_connection = True
        self._send(http_error(code))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log method, path (no query, no headers) and status at DEBUG."""
        path = getattr(self, "path", "").partition("?")[0]
        LOGGER.debug("fake server: %s %s -> %s", self.command or "-", path, code)

    def version_string(self) -> str:
        """The Server header."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Write nothing to stderr; ``log_request`` does the logging."""

    def _server(self) -> FakeHTTPServer:
        return cast(FakeHTTPServer, self.server)

    def _serve(self) -> None:
        backend = self._server().backend
        try:
            body = read_body(
                self.rfile,
                content_length=self.headers.get("Content-Length"),
                transfer_encoding=self.headers.get("Transfer-Encoding"),
                limit=backend.max_upload_bytes,
                record_cap=RECORD_CAP,
            )
        except BodyError as exc:
            self.close_connection = True
            self._send(malformed_request(str(exc)))
            return
        try:
            self._answer(backend, body)
        finally:
            body.close()

    def _answer(self, backend: Backend, body: Body) -> None:
        incoming = self._incoming(body)
        try:
            backend.recorder.add(self._record(incoming))
            path = unquote(incoming.raw_path)
            fault = backend.faults.take(self.command, incoming.raw_path, path)
            reply = self._apply(backend, incoming, fault)
            if reply is not None:
                self._send(reply)
        finally:
            for part in incoming.parts or ():
                part.close()

    def _apply(
        self, backend: Backend, incoming: Incoming, fault: Fault | None
    ) -> Reply | None:
        if fault is None:
            return backend.api.handle(incoming)
        if fault.delay > 0 and self._server().stopping.wait(fault.delay):
            self.close_connection = True
            return None
        if not fault.replaces_answer:
            return backend.api.handle(incoming)
        if fault.create_job:
            backend.api.handle(incoming)
        if fault.action == "close":
            self.close_connection = True
            return None
        if fault.action == "reset":
            self._reset()
            return None
        return fault.reply

    def _reset(self) -> None:
        self.close_connection = True
        linger = struct.pack("ii", 1, 0)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        os.close(self.connection.detach())

    def _incoming(self, body: Body) -> Incoming:
        target = self.path
        raw_path, _, query = target.partition("?")
        if raw_path.startswith(("http://", "https://")):
            raw_path = urlsplit(raw_path).path
        content_type = self.headers.get("Content-Type", "")
        parts, parts_error = _parse_parts(body, content_type)
        return Incoming(
            method=self.command,
            raw_path=raw_path,
            query=parse_qs(query, keep_blank_values=True),
            headers=self._header_dict(),
            body=body,
            parts=parts,
            parts_error=parts_error,
        )

    def _header_dict(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return headers

    def _record(self, incoming: Incoming) -> RecordedRequest:
        return RecordedRequest(
            method=incoming.method,
            target=self.path,
            path=unquote(incoming.raw_path),
            query={name: list(values) for name, values in incoming.query.items()},
            headers=dict(incoming.headers),
            body=incoming.body.prefix,
            body_length=incoming.body.length,
            parts=recorded_parts(incoming.parts),
        )

    def _send(self, reply: Reply) -> None:
        has_body = reply.status >= 200 and reply.status not in (204, 304)
        given = {name.lower() for name, _ in reply.headers}
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type is not None and "content-type" not in given:
            self.send_header("Content-Type", reply.content_type)
        if has_body and "content-length" not in given:
            self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection and "connection" not in given:
            self.send_header("Connection", "close")
        self.end_headers()
        if has_body and self.command != "HEAD":
            self.wfile.write(reply.body)


def _parse_parts(body: Body, content_type: str) -> tuple[list[Part] | None, str | None]:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "multipart/form-data" or body.too_large:
        return None, None
    try:
        return parse_multipart(body.chunks(), content_type), None
    except MultipartError as exc:
        return None, str(exc)
