"""Opening the media of an upload, and counting the bytes httpx reads from it."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from typing import IO

from ._errors import InvalidArgumentError

MediaSource = str | os.PathLike[str] | IO[bytes]
"""A path to a media file, or a binary file object open for reading."""


@contextlib.contextmanager
def open_media(file: MediaSource) -> Iterator[IO[bytes]]:
    """Yield a binary stream of `file`, opening (and closing) it if it is a path.

    Raises:
        InvalidArgumentError: For a missing or unreadable path, a text-mode or
            closed file object, or anything else.
    """
    if isinstance(file, str | os.PathLike):
        try:
            stream = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InvalidArgumentError(
                f"Cannot open the media file {os.fsdecode(file)!r}: {exc.strerror}."
            ) from exc
        with stream:
            yield stream
        return
    yield _checked_stream(file)


def _checked_stream(file: object) -> IO[bytes]:
    if isinstance(file, io.TextIOBase):
        raise InvalidArgumentError(
            "The media file is open in text mode; open it with mode 'rb'."
        )
    if not callable(getattr(file, "read", None)):
        raise InvalidArgumentError(
            "Pass the media as a path or a binary file object open for reading, "
            f"not {type(file).__name__}."
        )
    if getattr(file, "closed", False):
        raise InvalidArgumentError("The media file object is closed; open it again.")
    return file  # type: ignore[return-value]


def stream_size(stream: IO[bytes]) -> int | None:
    """Bytes from the start of `stream` to its end, or None if it cannot tell."""
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        pass
    try:
        position = stream.tell()
        size = stream.seek(0, os.SEEK_END)
        stream.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return size


class ProgressReader:
    """A read-only view of a stream that reports the bytes read from it so far.

    httpx reads the upload through it; a seek back to the start (as happens when a
    submit is retried) starts the count again.
    """

    def __init__(
        self, stream: IO[bytes], on_progress: Callable[[int, int | None], object]
    ) -> None:
        self._stream = stream
        self._on_progress = on_progress
        self._total = stream_size(stream)
        self._sent = 0
        self.name = getattr(stream, "name", "media")

    def read(self, size: int | None = -1) -> bytes:
        """Read from the wrapped stream and report the running total."""
        chunk = self._stream.read(-1 if size is None else size)
        if chunk:
            self._sent += len(chunk)
            self._on_progress(self._sent, self._total)
        return chunk

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Seek the wrapped stream; the count follows the new position."""
        position = self._stream.seek(offset, whence)
        self._sent = position
        return position

    def tell(self) -> int:
        """The wrapped stream's position."""
        return self._stream.tell()
