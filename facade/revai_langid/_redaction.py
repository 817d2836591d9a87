"""Keeping secrets out of what the library shows: error messages and log records.

The secrets are the access token and the auth header values a caller gives for a
source or notification URL. A server that echoes one back may spell it another
way than it was sent: JSON may write any character as a `\\uXXXX` escape (in
either case of hex digits, as .NET and Go do for `<`, `&` or `é`) and `/` as
`\\/`; a Python repr of bytes (in a protocol error) writes `\\'` and `\\xc3\\xa9`;
a path percent-encodes; a log line may drop or replace what is not ASCII. The
pattern built for a secret matches every such spelling, and all secrets are
replaced in one pass, longest first.

Log records of httpx, httpcore and hpack hold what a server sent, or headers on
their way out (hpack logs the HTTP/2 header block). A filter on their loggers
redacts the secrets of the clients that are open and the calls under way; it
costs nothing while those loggers are off, since a disabled logger makes no
record to filter.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import traceback
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

REDACTED = "[redacted]"
"""What replaces a secret."""

MIN_SECRET_LENGTH = 4
"""Auth header values (and parts of them) shorter than this are not redacted:
they would garble ordinary words. The access token is redacted whatever its
length."""

THIRD_PARTY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
)
"""The loggers that can record what a server sent, or headers being sent. A
filter applies only to records made on its own logger, so each is named."""

_ESCAPABLE = frozenset("\"'\\/")
"""Characters that JSON or a Python repr may write after backslashes."""

MIN_ASCII_TO_DROP = 4
"""ASCII characters a secret needs before its other characters may be missing
from an echo (a log line that dropped them) and the rest still count as it."""


def _hex(value: int, digits: int) -> str:
    """Regex text matching `value` in hex, either case."""
    return "".join(f"[{d.lower()}{d.upper()}]" for d in f"{value:0{digits}x}")


def _char_pattern(char: str, may_drop: bool) -> str:
    """Regex text matching `char` as itself or as an escape JSON, a Python repr of
    bytes or a percent-encoding may have turned it into."""
    forms = [re.escape(char)]
    if char in _ESCAPABLE:
        forms.append("\\\\+" + re.escape(char))
    units = char.encode("utf-16-be", errors="surrogatepass")
    forms.append(
        "".join(
            "\\\\+u" + _hex(int.from_bytes(units[i : i + 2], "big"), 4)
            for i in range(0, len(units), 2)
        )
    )
    encoded = _utf8(char)
    forms.append("".join(f"%{_hex(byte, 2)}" for byte in encoded))
    if not char.isascii():
        forms.append("".join("\\\\+x" + _hex(byte, 2) for byte in encoded))
        forms.append("\ufffd{1,4}")
        if may_drop:
            forms.append("")
    return f"(?:{'|'.join(forms)})"


def _utf8(char: str) -> bytes:
    """The UTF-8 bytes of `char`; a surrogate (from undecodable input) as the
    byte it stood for, or failing that as its own three bytes."""
    try:
        return char.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return char.encode("utf-8", errors="surrogatepass")


def _secret_pattern(secret: str) -> str:
    may_drop = sum(char.isascii() for char in secret) >= MIN_ASCII_TO_DROP
    return "".join(_char_pattern(char, may_drop) for char in secret)


@functools.lru_cache(maxsize=64)
def _pattern(secrets: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for every spelling of every secret, longest secret first."""
    unique = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(map(_secret_pattern, unique)))


def redact(text: str, secrets: Iterable[str], marker: str = REDACTED) -> str:
    """`text` with every spelling of every secret replaced by `marker`."""
    pattern = _pattern(tuple(secrets))
    return text if pattern is None else pattern.sub(marker, text)


def redact_bytes(content: bytes, secrets: Iterable[str]) -> bytes:
    """`content` with every spelling of every secret replaced; the same object if
    it holds none. Bytes that are not UTF-8 are kept as they are."""
    text = content.decode("utf-8", errors="surrogateescape")
    cleaned = redact(text, secrets)
    if cleaned == text:
        return content
    return cleaned.encode("utf-8", errors="surrogateescape")


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
    pattern = _pattern(tuple(secrets))
    return pattern is not None and pattern.search(text) is not None


def credential_parts(value: str) -> list[str]:
    """The parts of an auth header value worth redacting on their own.

    "Bearer abcd" gives "abcd"; an AWS Signature Version 4 value gives the value
    of each `Name=value` item ("Credential=AKIA.../..., Signature=f00d" gives
    "AKIA.../..." and "f00d"). Parts shorter than `MIN_SECRET_LENGTH` are left out.
    """
    _, _, rest = value.strip().partition(" ")
    parts = [rest.strip()]
    for item in re.split(r"[\s,]+", rest):
        parts.append(item.partition("=")[2] if "=" in item else item)
    return [part for part in dict.fromkeys(parts) if len(part) >= MIN_SECRET_LENGTH]


class SecretRegistry:
    """The secrets in use right now, counted: two clients may share a token.

    `release` takes no lock, so that a garbage-collection finalizer, which may
    run in the middle of any other method on the same thread, cannot deadlock:
    it queues the secrets, and the next call under the lock removes them.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._released: deque[tuple[str, ...]] = deque()

    def add(self, secrets: Iterable[str]) -> None:
        """Start redacting `secrets`."""
        secrets = tuple(secret for secret in secrets if secret)
        with self._lock:
            self._apply_releases()
            self._counts.update(secrets)

    def release(self, secrets: Iterable[str]) -> None:
        """Stop redacting `secrets` unless something else still uses them."""
        self._released.append(tuple(secret for secret in secrets if secret))

    @contextmanager
    def active(self, secrets: Iterable[str]) -> Iterator[None]:
        """Redact `secrets` for the duration of a `with` block."""
        secrets = tuple(secrets)
        self.add(secrets)
        try:
            yield
        finally:
            self.release(secrets)

    def current(self) -> tuple[str, ...]:
        """Every secret in use."""
        with self._lock:
            self._apply_releases()
            return tuple(self._counts)

    def _apply_releases(self) -> None:
        while self._released:
            self._counts.subtract(self._released.popleft())
        for secret in [secret for secret, count in self._counts.items() if count <= 0]:
            del self._counts[secret]


ACTIVE_SECRETS = SecretRegistry()
"""The secrets of every open client and every call under way."""


class RedactingFilter(logging.Filter):
    """Rewrites a record whose message or traceback holds an active secret;
    drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place and let it through."""
        secrets = ACTIVE_SECRETS.current()
        if not secrets:
            return True
        message = record.getMessage()
        cleaned = redact(message, secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_text, record.exc_info = redact(text, secrets), None
        return True


_FILTER = RedactingFilter()


def install_log_filter() -> None:
    """Put the redacting filter on the third-party loggers, once."""
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
