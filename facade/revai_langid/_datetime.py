"""Reading the API's ISO-8601 timestamps into timezone-aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dateutil.parser import isoparse

_LEAP_SECOND = re.compile(r"(?<=[T ]\d\d:\d\d):60")


def parse_datetime(value: str) -> datetime:
    """Read an ISO-8601 timestamp as an aware datetime in UTC.

    Accepts `Z` and numeric offsets, 1 to 7 (or more) fractional digits (digits
    past microseconds are dropped) and stamps without a zone, which the API means
    as UTC whatever the local zone of this machine. A leap second (`:60`) reads as
    the first instant of the next minute; a stamp whose UTC instant falls outside
    years 1 to 9999 is clamped to the nearest end of that range.

    Args:
        value: The timestamp, e.g. `2018-05-05T23:23:22.29Z`.

    Returns:
        The same instant as an aware datetime whose tzinfo is `datetime.UTC`.

    Raises:
        ValueError: If `value` is not an ISO-8601 timestamp.
    """
    text, leap = _LEAP_SECOND.subn(":59", value)
    parsed = _parse(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC) + timedelta(seconds=leap)
    except OverflowError:
        offset = parsed.utcoffset() or timedelta()
        edge = datetime.min if offset > timedelta() else datetime.max
        return edge.replace(tzinfo=UTC)


def _parse(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return isoparse(text)
