"""A loopback TCP server that plays a script on each connection, byte by byte.

It does what an HTTP server will not: close a connection halfway through an
answer, promise more body than it sends, trickle headers, never answer at all::

    with RawServer(send_then_close(b"HTTP/1.1 200 OK\\r\\n")) as server:
        client.get_job("abc")          # against server.url

The n-th connection plays the n-th script; the last one repeats. Every script is
bounded: the server stops itself after `lifetime` seconds, and a stopping server
wakes every script and closes every socket.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

HEAD_LIMIT = 64 * 1024
"""Largest request head read, in bytes."""


class Connection:
    """One accepted connection, as a script sees it.

    Attributes:
        sock: The connected socket.
        head: The request line and headers the client sent.
        stopping: Set when the server stops; scripts wait on it, never sleep.
    """

    def __init__(
        self, sock: socket.socket, head: bytes, stopping: threading.Event
    ) -> None:
        self.sock = sock
        self.head = head
        self.stopping = stopping

    def send(self, data: bytes) -> bool:
        """Send `data`; False when the client has gone or the server stops."""
        if self.stopping.is_set():
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def pause(self, seconds: float) -> bool:
        """Wait `seconds`; False when the server stops meanwhile."""
        return not self.stopping.wait(seconds)

    def hold(self) -> None:
        """Keep the connection open, silent, until the server stops."""
        self.stopping.wait()


Script = Callable[[Connection], None]
"""What the server does with one connection once the request head is read."""


class RawServer:
    """Serves scripts on 127.0.0.1, one thread per connection.

    Args:
        *scripts: The script of each connection, in order; the last repeats.
        lifetime: Seconds after `start` when the server stops by itself.

    Attributes:
        heads: The request head of every connection, in order.
    """

    def __init__(self, *scripts: Script, lifetime: float = 15.0) -> None:
        if not scripts:
            raise ValueError("give at least one script")
        self._scripts = scripts
        self._lifetime = lifetime
        self._stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self.heads: list[bytes] = []

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:54321."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        """Listen and accept on a daemon thread; returns `self`."""
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self._spawn(self._accept_loop)
        timer = threading.Timer(self._lifetime, self._stopping.set)
        timer.daemon = True
        timer.start()
        return self

    def stop(self) -> None:
        """Wake every script, close every socket, and join the threads."""
        self._stopping.set()
        with self._lock:
            sockets, threads = list(self._sockets), list(self._threads)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(2.0)
        self._listener.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        index = 0
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._sockets.append(sock)
            script = self._scripts[min(index, len(self._scripts) - 1)]
            index += 1
            self._spawn(self._serve, sock, script)

    def _serve(self, sock: socket.socket, script: Script) -> None:
        try:
            head = _read_head(sock, self._stopping)
            with self._lock:
                self.heads.append(head)
            script(Connection(sock, head, self._stopping))
        finally:
            with contextlib.suppress(OSError):
                sock.close()


def _read_head(sock: socket.socket, stopping: threading.Event) -> bytes:
    sock.settimeout(0.05)
    data = b""
    while b"\r\n\r\n" not in data and len(data) < HEAD_LIMIT:
        if stopping.is_set():
            break
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    sock.settimeout(None)
    return data.partition(b"\r\n\r\n")[0]


def response(status: str, body: bytes = b"", *headers: str) -> bytes:
    """A complete HTTP/1.1 answer with a Content-Length, e.g. `response("200 OK")`."""
    lines = [f"HTTP/1.1 {status}", *headers, f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def close_at_once(connection: Connection) -> None:
    """Close the connection without sending a byte."""


def send_then_close(data: bytes) -> Script:
    """Send `data`, then close the connection."""

    def script(connection: Connection) -> None:
        connection.send(data)

    return script


def send_then_hold(data: bytes) -> Script:
    """Send `data`, then keep the connection open and silent."""

    def script(connection: Connection) -> None:
        if connection.send(data):
            connection.hold()

    return script


def trickle(prefix: bytes, unit: bytes, every: float) -> Script:
    """Send `prefix`, then `unit` every `every` seconds until the server stops."""

    def script(connection: Connection) -> None:
        if not connection.send(prefix):
            return
        while connection.pause(every) and connection.send(unit):
            pass

    return script


class Stopwatch:
    """Measures how long a block took, in seconds, on the monotonic clock."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self) -> Self:
        self._started = time.monotonic()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.seconds = time.monotonic() - self._started
