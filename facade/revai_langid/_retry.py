"""When a failed request is tried again, and how long to wait first.

Reads (get, list, result, delete) are retried on a lost connection, a timeout, and
the statuses 408, 429, 500, 502, 503 and 504. Submitting a job costs money and has
no idempotency key, so a submit is retried only where the API cannot have accepted
it: the connection was never made, or the API answered 429.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from attrs import field, frozen
from attrs.validators import and_, ge, le

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses after which an idempotent request is tried again."""

SUBMIT_RETRYABLE_STATUSES = frozenset({429})
"""Statuses that prove a submit was not accepted, so it may be sent again."""

NEVER_CONNECTED = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Transport errors raised before any byte of the request left this machine."""


@frozen
class RetryPolicy:
    """How often and how patiently requests are retried.

    The n-th retry waits `initial_delay * 2**(n-1)` seconds, at most `max_backoff`,
    shortened at random by up to `jitter` of itself. A `Retry-After` header from the
    API replaces that delay. No single delay exceeds `max_delay`.

    Attributes:
        max_retries: Retries after the first attempt; 0 turns retrying off.
        initial_delay: Seconds before the first retry.
        max_backoff: Longest computed backoff, in seconds.
        max_delay: Longest wait of any kind, `Retry-After` included, in seconds.
        jitter: Fraction (0 to 1) of each backoff that is randomised away.
    """

    max_retries: int = field(default=2, validator=ge(0))
    initial_delay: float = field(default=0.5, validator=ge(0))
    max_backoff: float = field(default=8.0, validator=ge(0))
    max_delay: float = field(default=60.0, validator=ge(0))
    jitter: float = field(default=0.25, validator=and_(ge(0), le(1)))

    def backoff(
        self, retry_number: int, random_fraction: Callable[[], float] = random.random
    ) -> float:
        """Seconds to wait before retry number `retry_number` (1 for the first)."""
        exponent = min(retry_number - 1, 32)
        delay: float = min(self.initial_delay * 2.0**exponent, self.max_backoff)
        delay *= 1 - self.jitter * random_fraction()
        return min(delay, self.max_delay)

    def delay(self, retry_number: int, retry_after: float | None) -> float:
        """The wait before a retry: `Retry-After` if usable, else the backoff."""
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        return self.backoff(retry_number)


def parse_retry_after(
    value: str | None, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float | None:
    """Read a `Retry-After` header as seconds to wait.

    Args:
        value: The header, in seconds (`"2"`) or as an HTTP date.
        now: The current time, injectable for tests.

    Returns:
        Seconds, or None when the header is absent, unreadable, negative, not finite
        or a date in the past, in which case the caller falls back to its backoff.
    """
    if value is None:
        return None
    text = value.strip()
    seconds = _seconds(text)
    if seconds is None:
        seconds = _seconds_until_date(text, now())
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


_DELAY_SECONDS = re.compile(r"[0-9]+(\.[0-9]+)?")
"""The seconds form of `Retry-After`: digits (RFC 9110), a fraction tolerated."""


def _seconds(text: str) -> float | None:
    if not _DELAY_SECONDS.fullmatch(text):
        return None
    return float(text)


def _seconds_until_date(text: str, now: datetime) -> float | None:
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - now).total_seconds()
    return seconds if seconds > 0 else None


def should_retry_status(status_code: int, *, idempotent: bool) -> bool:
    """Whether an answer with this status may be followed by another attempt."""
    allowed = RETRYABLE_STATUSES if idempotent else SUBMIT_RETRYABLE_STATUSES
    return status_code in allowed


def should_retry_error(error: httpx.TransportError, *, idempotent: bool) -> bool:
    """Whether a request that failed with this transport error may be sent again."""
    if idempotent:
        return True
    return isinstance(error, NEVER_CONNECTED)
