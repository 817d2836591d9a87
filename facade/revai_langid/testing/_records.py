"""The request log: what the fake server received, for tests to inspect."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._multipart import Part

RECORD_CAP = 1024 * 1024
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


@dataclass(frozen=True, repr=False)
class RecordedPart:
    """One part of a recorded multipart body.

    Attributes:
        name: The form field name (``media``, ``options``, ...), or None.
        filename: The file name the client gave, or None.
        content_type: The part's Content-Type header, or None.
        data: The part's first bytes (the log keeps at most 1 MiB per request).
        length: The part's full length in bytes.
    """

    name: str | None
    filename: str | None
    content_type: str | None
    data: bytes
    length: int

    def json(self) -> Any:
        """The part's data parsed as JSON (for the ``options`` part)."""
        return json.loads(self.data)

    def __repr__(self) -> str:
        return (
            f"RecordedPart(name={self.name!r}, filename={self.filename!r}, "
            f"content_type={self.content_type!r}, length={self.length})"
        )


@dataclass(frozen=True, repr=False)
class RecordedRequest:
    """One request as the fake received it.

    Attributes:
        method: The HTTP method, e.g. ``POST``.
        target: The raw request target, percent-encoding and query included.
        path: The target's path, percent-decoded as a whole (for reading; the
            fake itself decodes each segment apart).
        query: The query parameters, each name with all its values in order.
        headers: The headers, names lower-cased; repeated headers joined
            with ``", "``. This includes ``authorization`` so tests can
            check what a client sent; ``repr`` masks it.
        body: The body's first bytes, at most 1 MiB.
        body_length: The body's full length in bytes.
        parts: The parts of a multipart body, else empty.
    """

    method: str
    target: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    body_length: int
    parts: tuple[RecordedPart, ...] = ()

    @property
    def body_truncated(self) -> bool:
        """Whether the log holds less than the whole body."""
        return len(self.body) < self.body_length

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)

    def part(self, name: str) -> RecordedPart | None:
        """The first multipart part with this form field name, or None."""
        return next((part for part in self.parts if part.name == name), None)

    def __repr__(self) -> str:
        shown = {
            name: "<masked>" if name in _SECRET_HEADERS else value
            for name, value in self.headers.items()
        }
        return (
            f"RecordedRequest(method={self.method!r}, target={self.target!r}, "
            f"headers={shown!r}, body_length={self.body_length}, "
            f"parts={list(self.parts)!r})"
        )


def recorded_parts(parts: Sequence[Part] | None) -> tuple[RecordedPart, ...]:
    """Copies of parsed parts, their data cut to a shared 1 MiB budget."""
    budget = RECORD_CAP
    recorded = []
    for part in parts or ():
        data = part.read(budget) if budget > 0 else b""
        budget -= len(data)
        recorded.append(
            RecordedPart(part.name, part.filename, part.content_type, data, part.length)
        )
    return tuple(recorded)


class Recorder:
    """A thread-safe, append-only list of recorded requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []

    def add(self, request: RecordedRequest) -> None:
        """Append a request."""
        with self._lock:
            self._requests.append(request)

    def snapshot(self) -> list[RecordedRequest]:
        """A copy of the list, oldest request first."""
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        """Forget every request."""
        with self._lock:
            self._requests.clear()
