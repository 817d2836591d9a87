"""Opening the media of an upload, and counting the bytes httpx reads from it."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import IO

from ._errors import InvalidArgumentError, shorten

MediaSource = str | os.PathLike[str] | IO[bytes]
"""A path to a media file, or a binary file object open for reading."""


SPOOL_CHUNK_BYTES = 1024 * 1024
"""Bytes copied at a time when a forward-only stream is spooled to disk."""


@contextlib.contextmanager
def open_media(file: MediaSource) -> Iterator[IO[bytes]]:
    """Yield a seekable binary stream of `file`, and close what was opened for it.

    A path is opened. A stream that cannot seek (a pipe, a socket, a generator
    wrapped in a reader) is first copied to a temporary file, a chunk at a time:
    httpx needs the length up front, and a retried upload must start again from
    the first byte.

    Raises:
        InvalidArgumentError: For a missing or unreadable path, a text-mode or
            closed file object, or anything else.
    """
    with contextlib.ExitStack() as stack:
        if isinstance(file, str | os.PathLike):
            stream = stack.enter_context(_open_path(file))
        else:
            stream = _checked_stream(file)
        if not _seekable(stream):
            stream = stack.enter_context(_spooled_copy(stream))
        yield stream


def _open_path(path: str | os.PathLike[str]) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InvalidArgumentError(
            f"Cannot open the media file {_shown_path(path)}: {exc.strerror}."
        ) from exc
    except (ValueError, TypeError) as exc:
        raise InvalidArgumentError(
            f"The media path {_shown_path(path)} is not a usable file name "
            f"({shorten(str(exc), 100)})."
        ) from exc


def _shown_path(path: object) -> str:
    try:
        return shorten(repr(os.fsdecode(path)), 300)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"of type {type(path).__name__}"


def _seekable(stream: IO[bytes]) -> bool:
    check = getattr(stream, "seekable", None)
    try:
        return bool(check()) if callable(check) else False
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def _spooled_copy(stream: IO[bytes]) -> Iterator[IO[bytes]]:
    with tempfile.TemporaryFile() as copy:
        try:
            shutil.copyfileobj(stream, copy, SPOOL_CHUNK_BYTES)
        except (OSError, ValueError) as exc:
            raise InvalidArgumentError(
                f"Could not read the media stream: {exc}; pass a path or a file "
                "open for reading in binary mode."
            ) from exc
        copy.seek(0)
        yield copy


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
    if not _readable(file):
        raise InvalidArgumentError(
            "The media file object is not open for reading; open it with mode 'rb'."
        )
    if _reads_text(file):
        raise InvalidArgumentError(
            "The media file is open in text mode; open it with mode 'rb'."
        )
    return file  # type: ignore[return-value]


def _reads_text(file: object) -> bool:
    """Whether reading gives str: a text stream that is no `io.TextIOBase`, such
    as a `tempfile.NamedTemporaryFile("w+")`. Reading nothing changes nothing."""
    try:
        return isinstance(file.read(0), str)  # type: ignore[attr-defined]
    except (OSError, ValueError, TypeError):
        return False


def _readable(file: object) -> bool:
    check = getattr(file, "readable", None)
    try:
        return bool(check()) if callable(check) else True
    except (OSError, ValueError):
        return False


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


class UnreadableMedia(Exception):
    """The media stream failed while httpx read it.

    The failure is kept as an attribute: httpcore re-raises what the request
    stream raised `from None`, which drops the exception's cause.
    """

    def __init__(self, failure: BaseException) -> None:
        super().__init__(failure)
        self.failure = failure


def unreadable_media_error(unreadable: UnreadableMedia) -> InvalidArgumentError:
    """Our error for a media stream that failed in the middle of an upload."""
    failure = unreadable.failure
    reason = type(failure).__name__
    if str(failure):
        reason += f": {shorten(str(failure), 200)}"
    return InvalidArgumentError(
        f"Could not read the media while uploading it ({reason}); "
        "pass a path or a binary file open for reading."
    )


class MediaReader:
    """The view of an upload's stream that httpx reads: checks every chunk is
    bytes, and reports the bytes read so far to an optional callback.

    A seek back to the start (as happens when a submit is retried) starts the
    count again. A failure of the stream is raised as `UnreadableMedia`; an
    exception of the progress callback propagates unchanged (it is the caller's).
    """

    def __init__(
        self,
        stream: IO[bytes],
        on_progress: Callable[[int, int | None], object] | None = None,
    ) -> None:
        if on_progress is not None and not callable(on_progress):
            raise InvalidArgumentError(
                "on_progress must be a callable taking (bytes sent, total bytes)."
            )
        self._stream = stream
        self._on_progress = on_progress
        self._total = stream_size(stream)
        self._sent = 0

    def read(self, size: int | None = -1) -> bytes:
        """Read from the wrapped stream and report the running total.

        Raises:
            UnreadableMedia: If the stream fails, or gives something other than
                bytes.
        """
        try:
            chunk = self._stream.read(-1 if size is None else size)
        except Exception as exc:
            raise UnreadableMedia(exc) from exc
        if not isinstance(chunk, bytes | bytearray):
            raise UnreadableMedia(
                TypeError(f"read() gave {type(chunk).__name__}, not bytes")
            )
        if chunk and self._on_progress is not None:
            self._sent += len(chunk)
            self._on_progress(self._sent, self._total)
        return bytes(chunk)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Seek the wrapped stream; the count follows the new position."""
        position = self._stream.seek(offset, whence)
        self._sent = position
        return position

    def tell(self) -> int:
        """The wrapped stream's position."""
        return self._stream.tell()
