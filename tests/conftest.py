"""Fixtures shared by the client tests: a fake API on loopback, and its clients.

`api` runs one scenario through both clients. `api.call("get_job", job_id)` calls
the method on a `LanguageIdClient`, or on an `AsyncLanguageIdClient` in an event
loop kept for the test, and returns what it returns (`iter_jobs` as a list). The
client is built at the first call from `api.settings`. It never really sleeps:
each pause it asks for is appended to `api.sleeps` and moves `api.now` on, which
is the clock it reads.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from revai_langid import AsyncLanguageIdClient, LanguageIdClient
from revai_langid.testing import FakeRevAI

TOKEN = "tok-test-123"


@pytest.fixture
def fake() -> Iterator[FakeRevAI]:
    with FakeRevAI(token=TOKEN, polls_until_complete=1) as server:
        yield server


@pytest.fixture
def client(fake: FakeRevAI) -> Iterator[LanguageIdClient]:
    with LanguageIdClient(fake.token, base_url=fake.url) as sync_client:
        yield sync_client


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_client(
    fake: FakeRevAI, anyio_backend: str
) -> AsyncIterator[AsyncLanguageIdClient]:
    async with AsyncLanguageIdClient(fake.token, base_url=fake.url) as aclient:
        yield aclient


class Api:
    """Calls methods of one client, sync or async, built at the first call.

    Attributes:
        kind: "sync" or "async".
        settings: Keyword arguments of the client's constructor; change them
            before the first call.
        sleeps: Every pause the client asked for, in seconds.
        now: The client's clock, in seconds; only its pauses move it.
    """

    def __init__(self, kind: str, **settings: Any) -> None:
        self.kind = kind
        self.settings = settings
        self.sleeps: list[float] = []
        self.now = 0.0
        self._client: Any = None
        self._loop = asyncio.Runner()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if self._client is None:
            self._client = self._open()
        if self.kind == "sync":
            result = getattr(self._client, method)(*args, **kwargs)
            return list(result) if inspect.isgenerator(result) else result
        return self._loop.run(self._call_async(method, args, kwargs))

    def close(self) -> None:
        if self.kind == "sync" and self._client is not None:
            self._client.close()
        elif self._client is not None:
            self._loop.run(self._client.aclose())
        self._loop.close()

    def _open(self) -> Any:
        if self.kind == "sync":
            client: Any = LanguageIdClient(**self.settings)
            client._sleep = self._sleep
        else:
            client = AsyncLanguageIdClient(**self.settings)
            client._sleep = self._async_sleep
        client._clock = self._clock
        return client

    async def _call_async(self, method: str, args: Any, kwargs: Any) -> Any:
        result = getattr(self._client, method)(*args, **kwargs)
        if inspect.isasyncgen(result):
            return [item async for item in result]
        return await result

    def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def _async_sleep(self, seconds: float) -> None:
        self._sleep(seconds)

    def _clock(self) -> float:
        return self.now


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, fake: FakeRevAI) -> Iterator[Api]:
    caller = Api(request.param, token=fake.token, base_url=fake.url)
    yield caller
    caller.close()
