"""Injected faults: answers that replace, delay or drop the fake's own."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._replies import JSON, PROBLEM_JSON, Reply

FaultAction = Literal["close", "reset"]
FaultBody = bytes | str | Mapping[str, Any] | list[Any]
_ACTIONS = ("close", "reset")


@dataclass
class Fault:
    """One queued fault (see ``FakeRevAI.inject`` for the meaning of each field).

    Attributes:
        method: The HTTP method it matches, upper-case, or ``*`` for any.
        path_prefix: Matched against the raw and the decoded request path.
        reply: The answer that replaces the fake's, or None.
        delay: Seconds to wait before answering.
        action: ``close``, ``reset`` or None.
        create_job: Whether the request is also processed for real.
        remaining: How many more requests the fault applies to.
    """

    method: str
    path_prefix: str
    reply: Reply | None
    delay: float
    action: FaultAction | None
    create_job: bool
    remaining: int

    @property
    def replaces_answer(self) -> bool:
        """Whether the fake's own answer is withheld."""
        return self.reply is not None or self.action is not None

    def matches(self, method: str, raw_path: str, path: str) -> bool:
        """Whether a request with this method and path triggers the fault."""
        if self.method not in ("*", method):
            return False
        return raw_path.startswith(self.path_prefix) or path.startswith(
            self.path_prefix
        )


def make_fault(
    method: str,
    path_prefix: str,
    *,
    status: int | None,
    body: FaultBody,
    headers: Mapping[str, str] | None,
    content_type: str | None,
    delay: float,
    times: int,
    action: FaultAction | None,
    create_job: bool,
) -> Fault:
    """Check the arguments of ``FakeRevAI.inject`` and build the fault.

    Raises:
        ValueError: The arguments contradict each other or are out of range.
    """
    _check(status, delay, times, action)
    reply = None
    if status is not None:
        reply = _fault_reply(status, body, headers or {}, content_type)
    return Fault(
        method=method.upper(),
        path_prefix=path_prefix,
        reply=reply,
        delay=delay,
        action=action,
        create_job=create_job,
        remaining=times,
    )


def _check(
    status: int | None, delay: float, times: int, action: FaultAction | None
) -> None:
    if action is not None and action not in _ACTIONS:
        raise ValueError(f"action must be one of {_ACTIONS}, not {action!r}")
    if status is not None and action is not None:
        raise ValueError("give a status or an action, not both")
    if status is None and action is None and delay == 0:
        raise ValueError("a fault needs a status, an action or a delay")
    if status is not None and not 200 <= status <= 599:
        raise ValueError("status must lie between 200 and 599")
    if math.isnan(delay) or delay < 0:
        raise ValueError("delay must be zero or more seconds")
    if times < 1:
        raise ValueError("times must be at least 1")


def _fault_reply(
    status: int,
    body: FaultBody,
    headers: Mapping[str, str],
    content_type: str | None,
) -> Reply:
    if isinstance(body, bytes):
        data, default_type = body, "application/octet-stream" if body else None
    elif isinstance(body, str):
        data, default_type = body.encode(), "text/plain; charset=utf-8"
    else:
        data = json.dumps(body, separators=(",", ":")).encode()
        default_type = PROBLEM_JSON if status >= 400 else JSON
    chosen = content_type if content_type is not None else default_type
    return Reply(status, data, chosen, tuple(headers.items()))


class FaultQueue:
    """Faults in the order they were injected; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        """Queue a fault after those already waiting."""
        with self._lock:
            self._faults.append(fault)

    def take(self, method: str, raw_path: str, path: str) -> Fault | None:
        """The first waiting fault matching the request, using up one of its times."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, raw_path, path):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        """Drop every waiting fault."""
        with self._lock:
            self._faults.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._faults)
