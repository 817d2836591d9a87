"""Retry decisions and Retry-After parsing never crash and stay bounded."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from revai_langid._retry import (
    RetryPolicy,
    parse_retry_after,
    should_retry_error,
    should_retry_status,
)

NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("1", 1.0),
        (" 2.5 ", 2.5),
        ("Thu, 01 Jan 2026 12:00:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("soon", None),
        ("-5", None),
        ("nan", None),
        ("inf", None),
        ("", None),
        (None, None),
        ("1_000", None),
        ("+3", None),
        ("1e3", None),
        ("\u0663", None),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=lambda: NOW) == seconds


def test_huge_retry_after_is_capped_by_the_policy() -> None:
    huge = parse_retry_after("99999999999999999999")
    assert huge is not None
    assert RetryPolicy(max_delay=60).delay(1, huge) == 60


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_backoff=8, jitter=0)
    delays = [policy.backoff(n) for n in range(1, 8)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert policy.backoff(10_000) == 8


def test_jitter_only_shortens() -> None:
    policy = RetryPolicy(initial_delay=1, jitter=0.25)
    assert policy.backoff(1, random_fraction=lambda: 1.0) == 0.75
    assert policy.backoff(1, random_fraction=lambda: 0.0) == 1.0


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_idempotent_calls_retry_transient_statuses(status: int) -> None:
    assert should_retry_status(status, idempotent=True)


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_submit_never_retries_statuses_the_server_may_have_acted_on(
    status: int,
) -> None:
    assert not should_retry_status(status, idempotent=False)


def test_submit_retries_429_and_never_connected_errors_only() -> None:
    assert should_retry_status(429, idempotent=False)
    assert should_retry_error(httpx.ConnectError("refused"), idempotent=False)
    assert not should_retry_error(httpx.ReadTimeout("slow"), idempotent=False)
    assert not should_retry_error(httpx.RemoteProtocolError("cut"), idempotent=False)
    assert should_retry_error(httpx.ReadTimeout("slow"), idempotent=True)


def test_policy_refuses_negative_retries() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - attrs' validator
        RetryPolicy(max_retries=-1)
