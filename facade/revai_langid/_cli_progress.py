"""Progress on a terminal: upload bars and waiting spinners, drawn with rich.

rich comes with the optional `cli` extra and is imported only when stderr is a
terminal. Without it, or off a terminal, every display call does nothing.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Self

from ._cli_output import printable

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Task:
    """One line of progress. This base class draws nothing."""

    def uploaded(self, sent: int, total: int | None) -> None:
        """Show `sent` bytes of `total` (None when unknown) uploaded."""

    def waiting(self) -> None:
        """Show that the job is being processed."""

    def advance(self) -> None:
        """Count one more step done."""

    def finish(self) -> None:
        """Remove this line."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.finish()


class Display:
    """Where progress is drawn. This base class draws nothing."""

    def task(self, label: str, total: int | None = None) -> Task:
        """A new line of progress named `label`, counting up to `total` steps."""
        return Task()

    def close(self) -> None:
        """Stop drawing and clear the progress lines."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_display() -> Display:
    """A rich display if stderr is a terminal and rich is installed, else none."""
    if not sys.stderr.isatty():
        return Display()
    try:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )
    except ImportError:
        return Display()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=True,
    )
    return _RichDisplay(progress)


class _RichDisplay(Display):
    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        progress.start()

    def task(self, label: str, total: int | None = None) -> Task:
        return _RichTask(self._progress, label, total)

    def close(self) -> None:
        self._progress.stop()


class _RichTask(Task):
    def __init__(self, progress: Progress, label: str, total: int | None) -> None:
        self._progress = progress
        self._label = _shorten(label)
        self._id: TaskID = progress.add_task(self._label, total=total)

    def uploaded(self, sent: int, total: int | None) -> None:
        self._progress.update(
            self._id,
            completed=sent,
            total=total,
            description=f"{self._label}: uploading",
        )

    def waiting(self) -> None:
        self._progress.remove_task(self._id)
        description = f"{self._label}: processing"
        self._id = self._progress.add_task(description, total=None)

    def advance(self) -> None:
        self._progress.advance(self._id)

    def finish(self) -> None:
        self._progress.remove_task(self._id)


def _shorten(label: str, limit: int = 40) -> str:
    """The end of `label`, at most `limit` characters, without rich markup."""
    from rich.markup import escape

    label = printable(label)
    if len(label) > limit:
        label = "…" + label[-(limit - 1) :]
    return escape(label)
