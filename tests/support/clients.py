"""Running one call on a fresh sync or async client, for tests of both.

`call("async", base_url, method)` builds an `AsyncLanguageIdClient`, awaits
`method(client)` in a new event loop and returns what it returned, or the
`RevAIError` it raised; anything else propagates. Clients never really sleep
between retries.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from revai_langid import AsyncLanguageIdClient, LanguageIdClient, RevAIError

KINDS = ("sync", "async")
TOKEN = "test-token"
TIMEOUT = 0.5
"""Seconds of every timeout phase unless a test says otherwise."""

Call = Callable[[Any], Any]


def get_job(client: Any) -> Any:
    """`get_job("abc")`, the plainest idempotent call."""
    return client.get_job("abc")


def call(
    kind: str,
    base_url: str,
    method: Call = get_job,
    *,
    token: str = TOKEN,
    http: dict[str, Any] | None = None,
    sleeps: bool = False,
    **settings: Any,
) -> Any:
    """Run `method` on a new client of `kind` ("sync" or "async").

    Args:
        kind: "sync" or "async".
        base_url: Where the client sends requests.
        method: Called with the client; may return an awaitable.
        token: The access token.
        http: When given, keyword arguments of a caller's own httpx client.
        sleeps: Let the client really sleep (polling needs it); by default its
            pauses return at once.
        **settings: More constructor arguments; timeouts default to `TIMEOUT`
            and retries to none.

    Returns:
        What the call returned, or the RevAIError it raised.
    """
    defaults = {"timeout": TIMEOUT, "upload_timeout": TIMEOUT, "max_retries": 0}
    settings = {**defaults, **settings, "token": token, "base_url": base_url}
    try:
        if kind == "sync":
            return _call_sync(method, http, sleeps, settings)
        return asyncio.run(_call_async(method, http, sleeps, settings))
    except RevAIError as exc:
        return exc


def _call_sync(
    method: Call, http: dict[str, Any] | None, sleeps: bool, settings: Any
) -> Any:
    own = httpx.Client(**http) if http is not None else None
    try:
        with LanguageIdClient(http_client=own, **settings) as client:
            if not sleeps:
                client._sleep = _no_sleep
            return method(client)
    finally:
        if own is not None:
            own.close()


async def _call_async(
    method: Call, http: dict[str, Any] | None, sleeps: bool, settings: Any
) -> Any:
    own = httpx.AsyncClient(**http) if http is not None else None
    try:
        async with AsyncLanguageIdClient(http_client=own, **settings) as client:
            if not sleeps:
                client._sleep = _no_async_sleep
            return await method(client)
    finally:
        if own is not None:
            await own.aclose()


def _no_sleep(seconds: float) -> None:
    return None


async def _no_async_sleep(seconds: float) -> None:
    return None
