"""Reading a request body in chunks, framed by Content-Length or chunked."""

from __future__ import annotations

import string
import tempfile
from collections.abc import Iterator
from typing import Protocol

CHUNK_SIZE = 64 * 1024
_MEMORY_SPOOL = 8 * 1024 * 1024
_MAX_LINE = 4096
_MAX_TRAILERS = 64


class BodyError(ValueError):
    """The body's framing is broken; the connection cannot carry another request."""


class _Reader(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


class Body:
    """A request body kept in a spooled temporary file (memory, then disk).

    Only the first ``limit`` bytes are kept; ``length`` counts every byte the
    client sent, so ``too_large`` tells whether bytes were dropped. The first
    ``record_cap`` bytes are also kept apart, for the request log.
    """

    def __init__(self, limit: int, record_cap: int) -> None:
        self.limit = limit
        self.length = 0
        self._record_cap = record_cap
        self._prefix = bytearray()
        # The file outlives this call; close() releases it.
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=_MEMORY_SPOOL
        )

    @property
    def too_large(self) -> bool:
        """Whether the client sent more than ``limit`` bytes."""
        return self.length > self.limit

    @property
    def prefix(self) -> bytes:
        """The first bytes of the body, at most ``record_cap`` of them."""
        return bytes(self._prefix)

    def write(self, data: bytes) -> None:
        """Append bytes that arrived from the client."""
        room = self.limit - self.length
        if room > 0:
            self._file.write(data[:room])
        record_room = self._record_cap - len(self._prefix)
        if record_room > 0:
            self._prefix += data[:record_room]
        self.length += len(data)

    def chunks(self) -> Iterator[bytes]:
        """The kept bytes, from the start, in chunks."""
        self._file.seek(0)
        while chunk := self._file.read(CHUNK_SIZE):
            yield chunk

    def read_all(self) -> bytes:
        """The kept bytes, all at once."""
        self._file.seek(0)
        return self._file.read()

    def close(self) -> None:
        """Release the temporary file."""
        self._file.close()


def read_body(
    rfile: _Reader,
    *,
    content_length: str | None,
    transfer_encoding: str | None,
    limit: int,
    record_cap: int,
) -> Body:
    """Read the whole body of one request from the connection.

    Args:
        rfile: The connection's buffered reader.
        content_length: The Content-Length header, or None.
        transfer_encoding: The Transfer-Encoding header, or None.
        limit: Bytes to keep at most; later bytes are read and dropped.
        record_cap: Bytes to keep apart for the request log.

    Returns:
        The body, which the caller must close.

    Raises:
        BodyError: The framing headers or the framing itself are broken.
    """
    body = Body(limit, record_cap)
    try:
        if transfer_encoding is not None:
            _check_chunked(transfer_encoding)
            _read_chunked(rfile, body)
        elif content_length is not None:
            _read_exact(rfile, _parse_length(content_length), body)
    except BaseException:
        body.close()
        raise
    return body


def _check_chunked(transfer_encoding: str) -> None:
    if transfer_encoding.strip().lower() != "chunked":
        raise BodyError("Only the chunked Transfer-Encoding is supported.")


def _parse_length(text: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise BodyError("The Content-Length header is not a whole number.")
    return int(text)


def _read_exact(rfile: _Reader, length: int, body: Body) -> None:
    remaining = length
    while remaining > 0:
        data = rfile.read(min(CHUNK_SIZE, remaining))
        if not data:
            raise BodyError("The body ended before all its bytes arrived.")
        body.write(data)
        remaining -= len(data)


def _read_chunked(rfile: _Reader, body: Body) -> None:
    while True:
        size = _chunk_size(rfile.readline(_MAX_LINE))
        if size == 0:
            _skip_trailers(rfile)
            return
        _read_exact(rfile, size, body)
        if rfile.readline(_MAX_LINE) not in (b"\r\n", b"\n"):
            raise BodyError("A chunk of the body does not end with a line break.")


def _chunk_size(line: bytes) -> int:
    if not line.endswith(b"\n"):
        raise BodyError("A chunk size line is missing or too long.")
    text = line.split(b";", 1)[0].strip().decode("ascii", "replace")
    if not text or any(char not in string.hexdigits for char in text):
        raise BodyError("A chunk size is not a hexadecimal number.")
    return int(text, 16)


def _skip_trailers(rfile: _Reader) -> None:
    for _ in range(_MAX_TRAILERS):
        line = rfile.readline(_MAX_LINE)
        if line in (b"\r\n", b"\n"):
            return
        if not line.endswith(b"\n"):
            raise BodyError("The chunked body ends without its final line break.")
    raise BodyError("The chunked body has too many trailer lines.")
