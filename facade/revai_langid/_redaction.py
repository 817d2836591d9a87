"""Keeping secrets out of what the library shows: error messages and log records.

The secrets are the access token and the auth header values a caller gives for a
source or notification URL. A server that echoes one back may spell it another
way than it was sent: JSON escapes it (`\\/`, `\\u00e9`, or `\\u003c` as Go
writes `<`). Every check here looks for each of those spellings.

Log records of httpx and httpcore hold what a server sent (response headers, the
text of a protocol error). A filter on their loggers redacts the secrets of the
clients that are open and the calls under way; it costs nothing while those
loggers are off, since a disabled logger makes no record to filter.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator

REDACTED = "[redacted]"
"""What replaces a secret."""

MIN_SECRET_LENGTH = 4
"""Auth header values shorter than this are not redacted: they would garble
ordinary words. The access token is redacted whatever its length."""

THIRD_PARTY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
"""The loggers that can record what a server sent. A filter applies only to
records made on its own logger, so each is named."""


def spellings(secret: str) -> set[str]:
    """`secret` as sent, and as JSON may escape it."""
    forms = {secret}
    for ensure_ascii in (True, False):
        escaped = json.dumps(secret, ensure_ascii=ensure_ascii)[1:-1]
        forms |= {escaped, escaped.replace("/", "\\/"), _go_escaped(escaped)}
    return {form for form in forms if form}


def _go_escaped(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _longest_first(secrets: Iterable[str]) -> list[str]:
    forms = {form for secret in secrets if secret for form in spellings(secret)}
    return sorted(forms, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every spelling of every secret replaced by `REDACTED`."""
    for form in _longest_first(secrets):
        text = text.replace(form, REDACTED)
    return text


def redact_bytes(content: bytes, secrets: Iterable[str]) -> bytes:
    """`content` with every spelling's UTF-8 bytes replaced; the same object if
    it holds none."""
    for form in _longest_first(secrets):
        encoded = form.encode("utf-8", errors="replace")
        if encoded in content:
            content = content.replace(encoded, REDACTED.encode())
    return content


def redact_data(data: object, secrets: Iterable[str]) -> object:
    """Decoded JSON with every string (keys too) redacted."""
    secrets = tuple(secrets)
    if isinstance(data, str):
        return redact(data, secrets)
    if isinstance(data, list):
        return [redact_data(item, secrets) for item in data]
    if isinstance(data, dict):
        return {
            redact_data(key, secrets): redact_data(value, secrets)
            for key, value in data.items()
        }
    return data


def holds_secret(text: str, secrets: Iterable[str]) -> bool:
    """Whether `text` holds any spelling of any secret."""
    return any(form in text for form in _longest_first(secrets))


class SecretRegistry:
    """The secrets in use right now, counted: two clients may share a token."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[str]) -> None:
        """Start redacting `secrets`."""
        with self._lock:
            self._counts.update(secret for secret in secrets if secret)

    def discard(self, secrets: Iterable[str]) -> None:
        """Stop redacting `secrets`, unless something else still uses them."""
        with self._lock:
            self._counts.subtract(secret for secret in secrets if secret)
            self._counts = +self._counts

    @contextlib.contextmanager
    def active(self, secrets: Iterable[str]) -> Iterator[None]:
        """Redact `secrets` for the duration of a `with` block."""
        secrets = tuple(secrets)
        self.add(secrets)
        try:
            yield
        finally:
            self.discard(secrets)

    def current(self) -> tuple[str, ...]:
        """Every secret in use."""
        with self._lock:
            return tuple(self._counts)


ACTIVE_SECRETS = SecretRegistry()
"""The secrets of every open client and every call under way."""


class RedactingFilter(logging.Filter):
    """Rewrites a record whose message holds an active secret; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place and let it through."""
        secrets = ACTIVE_SECRETS.current()
        if not secrets:
            return True
        message = record.getMessage()
        cleaned = redact(message, secrets)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


_FILTER = RedactingFilter()


def install_log_filter() -> None:
    """Put the redacting filter on the third-party loggers, once."""
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
