"""Waiting for a job: growing pauses between polls, and a deadline."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from attrs import define

from ._config import MAX_SECONDS, is_duration
from ._errors import (
    APIConnectionError,
    APIError,
    InvalidArgumentError,
    RateLimitError,
    RevAIError,
    ServerError,
    WaitTimeoutError,
)
from ._models import Job
from ._redaction import ACTIVE_SECRETS, redact

REQUEST_TIMEOUT = 408
"""The status of a request the server gave up waiting for; worth another poll."""

DEFAULT_WAIT_TIMEOUT = 900.0
"""Seconds `wait_for_job` waits by default. Rev fails jobs that run two hours; most
finish in a small fraction of the recording's length."""

GROWTH = 1.5
"""Factor by which the pause between polls grows."""

MIN_POLL_SECONDS = 0.1
"""Shortest timeout given to a poll, however close the deadline."""

MIN_POLL_INTERVAL = 0.01
"""Shortest pause between polls, in seconds: anything less is a busy loop."""

DEFAULT_MAX_POLL_INTERVAL = 15.0
"""Longest pause between polls by default, in seconds."""

MAX_RETRY_AFTER = 60.0
"""Longest pause a `Retry-After` may ask for between two polls, in seconds."""

_TRANSIENT = (RateLimitError, ServerError, APIConnectionError)


@define
class Poller:
    """The state of one wait: when to poll next, and when to give up.

    Attributes:
        job_id: The job waited for.
        timeout: Seconds the wait may take in all.
        deadline: Clock reading at which the wait gives up.
        interval: The next pause between polls, in seconds.
        max_interval: Longest pause between polls, in seconds.
        clock: Monotonic clock, in seconds.
        last_status: The status last seen, if any poll succeeded.
    """

    job_id: str
    timeout: float
    deadline: float
    interval: float
    max_interval: float
    clock: Callable[[], float]
    last_status: str | None = None

    @classmethod
    def start(
        cls,
        job_id: str,
        timeout: float,
        interval: float,
        max_interval: float,
        clock: Callable[[], float],
    ) -> Poller:
        """Begin a wait now.

        Raises:
            InvalidArgumentError: If a duration is not a positive number.
        """
        check_wait_settings(timeout, interval, max_interval)
        interval = min(interval, max_interval)
        return cls(job_id, timeout, clock() + timeout, interval, max_interval, clock)

    def poll_timeout(self, default: httpx.Timeout) -> httpx.Timeout:
        """The timeouts of the next poll, cut so that it ends by the deadline."""
        remaining = max(self.deadline - self.clock(), MIN_POLL_SECONDS)

        def cut(seconds: float | None) -> float:
            return remaining if seconds is None else min(seconds, remaining)

        return httpx.Timeout(
            connect=cut(default.connect),
            read=cut(default.read),
            write=cut(default.write),
            pool=cut(default.pool),
        )

    def finished(self, job: Job) -> bool:
        """Record a poll's answer; True once the job completed or failed."""
        self.last_status = str(job.status)
        return job.status.is_finished

    def pause(self, wanted: float | None = None) -> float:
        """Seconds to sleep before the next poll, growing each time.

        Raises:
            WaitTimeoutError: If the deadline has passed.
        """
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            message = (
                f"Job {self.job_id} was still {self.last_status or 'not readable'} "
                f"after {self.timeout:g} s; wait longer (timeout=...) or use a "
                "notification_url instead of polling."
            )
            raise WaitTimeoutError(
                redact(message, ACTIVE_SECRETS.current()),
                job_id=self.job_id,
                last_status=self.last_status,
                timeout=self.timeout,
            )
        pause = min(wanted if wanted is not None else self.interval, remaining)
        self.interval = min(self.interval * GROWTH, self.max_interval)
        return pause

    def after_error(self, error: RevAIError) -> float:
        """Keep polling after a transient error; else raise it.

        A `Retry-After` lengthens the pause (up to `MAX_RETRY_AFTER`), never
        shortens it: "retry after 0 s" does not turn polling into a busy loop.
        """
        if not _is_transient(error):
            raise error
        wanted = None
        if isinstance(error, RateLimitError) and error.retry_after is not None:
            wanted = max(min(error.retry_after, MAX_RETRY_AFTER), self.interval)
        return self.pause(wanted)


def check_wait_settings(
    timeout: float,
    poll_interval: float,
    max_poll_interval: float = DEFAULT_MAX_POLL_INTERVAL,
    *,
    timeout_name: str = "timeout",
) -> None:
    """Refuse durations a wait cannot use, before anything is sent.

    Raises:
        InvalidArgumentError: Naming the setting that is not a positive, finite
            number of seconds, or a poll interval short enough to be a busy loop.
    """
    for name, value in (
        (timeout_name, timeout),
        ("poll_interval", poll_interval),
        ("max_poll_interval", max_poll_interval),
    ):
        if not is_duration(value):
            raise InvalidArgumentError(
                f"The wait's {name} must be a positive number of seconds, at most "
                f"{MAX_SECONDS:g}."
            )
    if min(poll_interval, max_poll_interval) < MIN_POLL_INTERVAL:
        raise InvalidArgumentError(
            f"Polling more often than every {MIN_POLL_INTERVAL:g} s is a busy loop; "
            "raise poll_interval and max_poll_interval."
        )


def _is_transient(error: RevAIError) -> bool:
    return isinstance(error, _TRANSIENT) or (
        isinstance(error, APIError) and error.status_code == REQUEST_TIMEOUT
    )
