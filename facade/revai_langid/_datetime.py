"""Reading the API's ISO-8601 timestamps into timezone-aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil.parser import isoparse


def parse_datetime(value: str) -> datetime:
    """Read an ISO-8601 timestamp as an aware datetime in UTC.

    Accepts `Z` and numeric offsets, 1 to 7 (or more) fractional digits (digits
    past microseconds are dropped) and stamps without a zone, which the API means
    as UTC whatever the local zone of this machine.

    Args:
        value: The timestamp, e.g. `2018-05-05T23:23:22.29Z`.

    Returns:
        The same instant as an aware datetime whose tzinfo is `datetime.UTC`.

    Raises:
        ValueError: If `value` is not an ISO-8601 timestamp.
    """
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = isoparse(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
