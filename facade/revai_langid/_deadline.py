"""A deadline on the whole answer of a request, headers included.

httpx's read timeout bounds the pause between two reads. A server that trickles a
header byte at a time, or sends `102 Processing` over and over, never pauses that
long and so could hold a call for ever. The transports here give every socket
read of a request no more than what is left of one budget of seconds, counted
from the first read of the answer (so a long upload does not eat into it).

The budget travels in a context variable: it is set around one request by
`answer_deadline`, and read by the network streams of the connection pool, which
run in the same thread (sync) or task (async).

The transports reach into one private attribute of httpx (`_pool`), to hand the
pool a network backend; httpx offers no public way to do so. The tests run over
real sockets on every httpx version the library allows.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx
from attrs import define


@define
class _Budget:
    seconds: float
    ends_at: float | None = None

    def cap(self, timeout: float | None) -> float:
        """`timeout`, cut to what is left of the budget; starts it on first use."""
        now = time.monotonic()
        if self.ends_at is None:
            self.ends_at = now + self.seconds
        left = self.ends_at - now
        if left <= 0:
            raise httpcore.ReadTimeout(
                f"the answer took longer than {self.seconds:g} s in all"
            )
        return left if timeout is None else min(timeout, left)


_budget: ContextVar[_Budget | None] = ContextVar("revai_langid_budget", default=None)


@contextmanager
def answer_deadline(seconds: float) -> Iterator[None]:
    """Bound every read of the answer to requests sent inside, to `seconds` in all."""
    token = _budget.set(_Budget(seconds))
    try:
        yield
    finally:
        _budget.reset(token)


def _capped(timeout: float | None) -> float | None:
    budget = _budget.get()
    return timeout if budget is None else budget.cap(timeout)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _capped(timeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _AsyncStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(*args, **kwargs))

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(*args, **kwargs))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self, *args: Any, **kwargs: Any
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._inner.connect_tcp(*args, **kwargs))

    async def connect_unix_socket(
        self, *args: Any, **kwargs: Any
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._inner.connect_unix_socket(*args, **kwargs))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _limits() -> dict[str, Any]:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
    return {
        "ssl_context": httpx.create_ssl_context(),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": 5.0,
    }


def deadline_client() -> httpx.Client:
    """An `httpx.Client` whose reads honour `answer_deadline`."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(network_backend=_Backend(), **_limits())
    return httpx.Client(transport=transport, follow_redirects=False)


def deadline_async_client() -> httpx.AsyncClient:
    """An `httpx.AsyncClient` whose reads honour `answer_deadline`."""
    transport = httpx.AsyncHTTPTransport()
    transport._pool = httpcore.AsyncConnectionPool(
        network_backend=_AsyncBackend(), **_limits()
    )
    return httpx.AsyncClient(transport=transport, follow_redirects=False)
