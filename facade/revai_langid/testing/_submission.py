"""Checking a job submission as Rev does, for JSON and for multipart bodies."""

from __future__ import annotations

import json
import re
import struct
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ._multipart import Part

MAX_METADATA = 512
MAX_MEDIA_URL = 2048
MAX_CALLBACK_URL = 1024
MAX_DELETE_AFTER_SECONDS = 2_592_000
BYTES_PER_SECOND = 16_000
_MAX_OPTIONS_BYTES = 1024 * 1024
_INVALID = "Your request parameters didn't pass validation."

WEB_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]")
"""An absolute http or https URL: the pattern openapi.yaml gives every URL field."""

AUTHORIZATION = re.compile(r"^\S+ +\S")
"""An ``Authorization`` value, "<scheme> <token>": openapi.yaml's pattern."""


class InvalidSubmission(Exception):
    """The submission is rejected with a 400.

    Attributes:
        detail: The problem's ``detail`` text.
        parameters: Messages by parameter name, or None when no field is at fault.
    """

    def __init__(
        self, detail: str, parameters: Mapping[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.parameters = dict(parameters) if parameters else None


@dataclass(frozen=True)
class Submission:
    """What the fake keeps of an accepted submission (never the auth headers).

    Attributes:
        metadata: The metadata text, or None.
        media_url: The deprecated ``media_url``, or None.
        callback_url: The deprecated ``callback_url``, or None.
        delete_after_seconds: The retention in seconds, or None when not given.
        media_seconds: Duration reported once the job completes (None for URLs).
    """

    metadata: str | None = None
    media_url: str | None = None
    callback_url: str | None = None
    delete_after_seconds: int | None = None
    media_seconds: float | None = None


class _Problems:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise InvalidSubmission(_INVALID, self.by_field)


def from_json(raw: bytes) -> Submission:
    """Check an ``application/json`` submission.

    Raises:
        InvalidSubmission: The body is not a JSON object or a field is invalid.
    """
    options = _json_object(raw, "The request body")
    problems = _Problems()
    media_url = _json_source(options, problems)
    submission = _shared_options(options, problems)
    problems.raise_if_any()
    return replace(submission, media_url=media_url)


def from_multipart(parts: Sequence[Part]) -> Submission:
    """Check a ``multipart/form-data`` submission (``media`` and ``options``).

    Raises:
        InvalidSubmission: A part is missing, repeated or invalid.
    """
    problems = _Problems()
    media = _single_part(parts, "media", problems, required=True)
    options_part = _single_part(parts, "options", problems, required=False)
    options = _options_document(options_part)
    for key in ("source_config", "media_url"):
        if options.get(key) is not None:
            problems.add(key, f"The {key} field cannot be used with an uploaded file.")
    submission = _shared_options(options, problems)
    problems.raise_if_any()
    assert media is not None
    return replace(submission, media_seconds=media_seconds(media))


def media_seconds(media: Part) -> float:
    """The duration the fake reports for an upload, in seconds.

    A WAV file the ``wave`` module can read gives its real duration; anything
    else is taken for a 128 kbit/s stream (16,000 bytes a second), rounded to
    milliseconds.
    """
    seconds = _wav_seconds(media)
    if seconds is not None:
        return seconds
    return round(media.length / BYTES_PER_SECOND, 3)


def _wav_seconds(media: Part) -> float | None:
    head = media.read(12)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    try:
        with wave.open(media.stream(), "rb") as reader:
            frames, rate = reader.getnframes(), reader.getframerate()
    except (wave.Error, EOFError, struct.error, ValueError):
        return None
    return frames / rate if rate > 0 else None


def _json_object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        document = json.loads(raw)
    except ValueError:
        raise InvalidSubmission(f"{what} is not valid JSON.") from None
    if not isinstance(document, dict):
        raise InvalidSubmission(f"{what} must be a JSON object.")
    return document


def _options_document(part: Part | None) -> dict[str, Any]:
    if part is None:
        return {}
    if part.length > _MAX_OPTIONS_BYTES:
        raise InvalidSubmission("The options part is larger than 1 MiB.")
    return _json_object(part.read(), "The options part")


def _single_part(
    parts: Sequence[Part], name: str, problems: _Problems, *, required: bool
) -> Part | None:
    found = [part for part in parts if part.name == name]
    if len(found) > 1:
        problems.add(name, f"Only one {name} part is allowed.")
        return None
    if not found and required:
        problems.add(name, f"A {name} part is required.")
    return found[0] if found else None


def _json_source(options: Mapping[str, Any], problems: _Problems) -> str | None:
    has_config = _config(options, "source_config", problems)
    media_url = _url(options, "media_url", MAX_MEDIA_URL, problems)
    if has_config and options.get("media_url") is not None:
        both = "Only one of source_config and media_url may be given."
        problems.add("source_config", both)
        problems.add("media_url", both)
    elif not has_config and options.get("media_url") is None:
        problems.add("source_config", "A source_config (or media_url) is required.")
    return media_url


def _shared_options(options: Mapping[str, Any], problems: _Problems) -> Submission:
    has_notification = _config(options, "notification_config", problems)
    callback_url = _url(options, "callback_url", MAX_CALLBACK_URL, problems)
    if has_notification and options.get("callback_url") is not None:
        both = "Only one of notification_config and callback_url may be given."
        problems.add("notification_config", both)
        problems.add("callback_url", both)
    return Submission(
        metadata=_text(options, "metadata", MAX_METADATA, problems),
        callback_url=callback_url,
        delete_after_seconds=_delete_after(options, problems),
    )


def _text(
    options: Mapping[str, Any], key: str, limit: int, problems: _Problems
) -> str | None:
    value = options.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.add(key, f"The {key} field must be a string.")
        return None
    if len(value) > limit:
        problems.add(key, f"The {key} field must be at most {limit} characters long.")
    return value


def _url(
    options: Mapping[str, Any], key: str, limit: int, problems: _Problems
) -> str | None:
    value = _text(options, key, limit, problems)
    if value is not None and not WEB_URL.match(value):
        problems.add(key, f"The {key} field must be an absolute http or https URL.")
    return value


def _config(options: Mapping[str, Any], key: str, problems: _Problems) -> bool:
    value = options.get(key)
    if value is None:
        return False
    if not isinstance(value, dict):
        problems.add(key, f"The {key} field must be an object.")
        return True
    url = value.get("url")
    if not isinstance(url, str) or not WEB_URL.match(url):
        problems.add(f"{key}.url", "The url must be an absolute http or https URL.")
    only_authorization = key == "notification_config"
    _auth_headers(value.get("auth_headers"), key, only_authorization, problems)
    return True


def _auth_headers(
    value: Any, key: str, only_authorization: bool, problems: _Problems
) -> None:
    field = f"{key}.auth_headers"
    if value is None:
        return
    if not isinstance(value, dict) or not all(
        isinstance(item, str) for item in value.values()
    ):
        problems.add(field, "The auth_headers must map header names to strings.")
        return
    for name, header in value.items():
        if name == "Authorization":
            if not AUTHORIZATION.match(header):
                problems.add(field, "Authorization must read '<scheme> <token>'.")
        elif only_authorization:
            problems.add(field, "Only the Authorization header is allowed.")


def _delete_after(options: Mapping[str, Any], problems: _Problems) -> int | None:
    value = options.get("delete_after_seconds")
    if value is None:
        return None
    key = "delete_after_seconds"
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(key, f"The {key} field must be an integer.")
        return None
    if not 0 <= value <= MAX_DELETE_AFTER_SECONDS:
        limit = MAX_DELETE_AFTER_SECONDS
        problems.add(key, f"The {key} field must be between 0 and {limit}.")
    return value
