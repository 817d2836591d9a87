"""What `revai-langid` prints: readable lines or JSON, never a secret.

Readable text escapes control characters, so a job's metadata or an error body
cannot drive the terminal. JSON is ASCII-only for the same reason. Every line is
also masked for the secrets of the run (the token and --source-auth values).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import attrs
from attrs import frozen

from ._errors import RevAIError
from ._models import Job, LanguageIdResult
from ._redaction import redact as redact_spellings

PROG = "revai-langid"
"""Name of the console script, used in usage lines and error messages."""

MASK = "***"
"""What a secret value is replaced with."""

_JOB_FIELDS = tuple(field.name for field in attrs.fields(Job) if field.name != "extra")
"""The job's fields in the model's order; a field the model gains is printed too."""


def redact(text: str, secrets: Sequence[str]) -> str:
    """`text` with every spelling of each secret (JSON escapes too) as `MASK`."""
    return redact_spellings(text, secrets, marker=MASK)


def printable(text: str) -> str:
    """`text` with control and other unprintable characters shown as escapes."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def iso(moment: datetime | None) -> str | None:
    """An ISO-8601 string (UTC as "Z"), or None."""
    if moment is None:
        return None
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def job_json(job: Job) -> dict[str, Any]:
    """A job as a JSON object: the API's fields, datetimes as ISO-8601 strings."""
    document: dict[str, Any] = dict(job.extra)
    for name in _JOB_FIELDS:
        value = getattr(job, name)
        if isinstance(value, datetime):
            value = iso(value)
        elif isinstance(value, str):
            value = str(value)
        document[name] = value
    return document


def job_lines(job: Job) -> list[str]:
    """A job's fields, one `name: value` line each, leaving out empty ones."""
    document = job_json(job)
    width = max(map(len, _JOB_FIELDS)) + 2
    return [
        f"{name + ':':<{width}}{printable(str(document[name]))}"
        for name in _JOB_FIELDS
        if document[name] is not None
    ]


def job_row(job: Job) -> str:
    """One line of `list`: id, status, creation time and metadata."""
    created = iso(job.created_on) or ""
    metadata = printable(job.metadata or "")
    return f"{printable(job.id)}  {job.status:<11}  {created}  {metadata}".rstrip()


def result_json(result: LanguageIdResult) -> dict[str, Any]:
    """A result as a JSON object: top language and every confidence."""
    return {
        "top_language": result.top_language,
        "language_confidences": [
            {"language": item.language, "confidence": item.confidence}
            for item in result.language_confidences
        ],
    }


def result_lines(label: str, result: LanguageIdResult, *, ranked: bool) -> list[str]:
    """`label: en (0.91)`, then (if `ranked`) every candidate, indented."""
    top = printable(result.top_language)
    if result.top_confidence is not None:
        top += f" ({result.top_confidence:.2f})"
    lines = [f"{printable(label)}: {top}"]
    if ranked and result.language_confidences:
        width = max(len(item.language) for item in result.language_confidences)
        lines += [
            f"  {printable(item.language):<{width}}  {item.confidence:.2f}"
            for item in result.language_confidences
        ]
    return lines


def error_json(error: RevAIError) -> dict[str, str]:
    """An error as a JSON object: its class name and message."""
    return {"type": type(error).__name__, "message": error.message}


@frozen
class Printer:
    """Writes a run's output to stdout and its errors to stderr, masked.

    Attributes:
        json: Whether the run prints JSON instead of readable lines.
        secrets: Values that must never be printed.
    """

    json: bool
    secrets: tuple[str, ...] = ()

    def document(self, document: object) -> None:
        """Print one JSON document on one line, and flush it."""
        self._out(json.dumps(document))

    def lines(self, lines: Iterable[str]) -> None:
        """Print readable lines."""
        for line in lines:
            self._out(line)

    def error(self, message: str) -> None:
        """Print `revai-langid: error: <message>` on stderr, on one line."""
        text = printable(" ".join(redact(message, self.secrets).split()))
        print(f"{PROG}: error: {text}", file=sys.stderr, flush=True)

    def _out(self, line: str) -> None:
        print(redact(line, self.secrets), flush=True)
