"""A small streaming parser for ``multipart/form-data`` bodies (RFC 7578)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import collapse_rfc2231_value
from typing import IO

_MEMORY_SPOOL = 8 * 1024 * 1024
_MAX_HEADER_BYTES = 16 * 1024
_MAX_BOUNDARY_LINE = 1024
_MAX_PARTS = 100


class MultipartError(ValueError):
    """The body is not well-formed ``multipart/form-data``."""


class Part:
    """One part of a multipart body; its bytes wait in a spooled temporary file."""

    def __init__(self, headers: Message) -> None:
        self.headers = headers
        self.length = 0
        # The file outlives this call; close() releases it.
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=_MEMORY_SPOOL
        )

    @property
    def name(self) -> str | None:
        """The form field name from Content-Disposition, or None."""
        value = self.headers.get_param("name", header="content-disposition")
        return None if value is None else collapse_rfc2231_value(value)

    @property
    def filename(self) -> str | None:
        """The file name from Content-Disposition, or None."""
        return self.headers.get_filename()

    @property
    def content_type(self) -> str | None:
        """The part's Content-Type header, or None."""
        value = self.headers.get("content-type")
        return None if value is None else str(value)

    def write(self, data: bytes) -> None:
        """Append bytes of the part's content."""
        self._file.write(data)
        self.length += len(data)

    def read(self, size: int = -1) -> bytes:
        """The part's first ``size`` bytes (all of them by default)."""
        self._file.seek(0)
        return self._file.read(size)

    def stream(self) -> IO[bytes]:
        """The part's content as a file positioned at its start."""
        self._file.seek(0)
        return self._file

    def close(self) -> None:
        """Release the temporary file."""
        self._file.close()


def boundary_of(content_type: str) -> bytes:
    """The boundary named by a ``multipart/form-data`` Content-Type header.

    Raises:
        MultipartError: The header names no usable boundary.
    """
    message = Message()
    message["Content-Type"] = content_type
    boundary = message.get_boundary()
    if not boundary or not boundary.isascii():
        raise MultipartError("The multipart Content-Type names no boundary.")
    return boundary.encode("ascii")


def parse_multipart(chunks: Iterable[bytes], content_type: str) -> list[Part]:
    """Split a multipart body into its parts.

    Args:
        chunks: The body, in pieces of any size.
        content_type: The request's Content-Type header.

    Returns:
        The parts in order; the caller must close them.

    Raises:
        MultipartError: The body is malformed or has more than 100 parts.
    """
    parser = _Parser(boundary_of(content_type))
    try:
        for chunk in chunks:
            parser.feed(chunk)
        if not parser.done:
            raise MultipartError("The multipart body ends before its final boundary.")
    except BaseException:
        for part in parser.parts:
            part.close()
        raise
    return parser.parts


class _Parser:
    """A state machine fed with chunks; each state reports whether it advanced."""

    def __init__(self, boundary: bytes) -> None:
        self._delimiter = b"\r\n--" + boundary
        self._buffer = bytearray(b"\r\n")
        self._state: Callable[[], bool] = self._preamble
        self.parts: list[Part] = []
        self.done = False

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while self._state():
            pass

    def _preamble(self) -> bool:
        index = self._buffer.find(self._delimiter)
        if index < 0:
            self._drop_all_but_tail()
            return False
        del self._buffer[: index + len(self._delimiter)]
        self._state = self._boundary_line
        return True

    def _boundary_line(self) -> bool:
        if self._buffer.startswith(b"--"):
            self.done = True
            self._state = self._epilogue
            return True
        end = self._buffer.find(b"\r\n")
        if end < 0:
            if len(self._buffer) > _MAX_BOUNDARY_LINE:
                raise MultipartError("A boundary line is malformed.")
            return False
        if self._buffer[:end].strip(b" \t"):
            raise MultipartError("A boundary line is followed by unexpected bytes.")
        del self._buffer[: end + 2]
        self._state = self._headers
        return True

    def _headers(self) -> bool:
        block = self._take_header_block()
        if block is None:
            return False
        if len(self.parts) >= _MAX_PARTS:
            raise MultipartError(f"The body has more than {_MAX_PARTS} parts.")
        headers = BytesHeaderParser(policy=compat32).parsebytes(block)
        self.parts.append(Part(headers))
        self._state = self._content
        return True

    def _take_header_block(self) -> bytes | None:
        if self._buffer.startswith(b"\r\n"):
            del self._buffer[:2]
            return b""
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > _MAX_HEADER_BYTES:
                raise MultipartError("The headers of a part are too long.")
            return None
        block = bytes(self._buffer[:end])
        del self._buffer[: end + 4]
        return block

    def _content(self) -> bool:
        part = self.parts[-1]
        index = self._buffer.find(self._delimiter)
        if index < 0:
            keep = len(self._delimiter) - 1
            if len(self._buffer) > keep:
                part.write(bytes(self._buffer[:-keep]))
                del self._buffer[:-keep]
            return False
        part.write(bytes(self._buffer[:index]))
        del self._buffer[: index + len(self._delimiter)]
        self._state = self._boundary_line
        return True

    def _epilogue(self) -> bool:
        self._buffer.clear()
        return False

    def _drop_all_but_tail(self) -> None:
        keep = len(self._delimiter) - 1
        if len(self._buffer) > keep:
            del self._buffer[:-keep]
