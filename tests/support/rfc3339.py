"""RFC 3339 timestamps: a strategy for the `date-time` format, and an oracle.

`timestamps()` writes instants in every way RFC 3339 allows: `T` or `t`, `Z`,
`z` or a numeric offset, no fraction or one of 1 to 9 digits. `instant()` reads
one back independently of the library (digits past microseconds are dropped,
as the library documents). Years 1 and 9999 are left out: an offset there can
put the instant outside what `datetime` holds in UTC, a case pinned apart.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

PATTERN = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)"
)


def timestamps() -> st.SearchStrategy[str]:
    """RFC 3339 `date-time` strings from year 2 to 9998, every spelling."""
    return st.builds(
        _spell,
        st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)),
        st.times(),
        st.sampled_from("Tt"),
        st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=9)),
        st.one_of(
            st.sampled_from(["Z", "z"]),
            st.builds(_offset, st.sampled_from("+-"), st.integers(0, 23 * 60 + 59)),
        ),
    )


def instant(text: str) -> datetime:
    """The aware UTC datetime a timestamp from `timestamps()` names."""
    match = PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    zone = UTC if offset in ("Z", "z") else timezone(_offset_delta(offset))
    moment = datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), micro
    )
    return moment.replace(tzinfo=zone).astimezone(UTC)


def _spell(
    day: date, time_of_day: object, separator: str, fraction: str | None, zone: str
) -> str:
    clock = f"{time_of_day:%H:%M:%S}"
    digits = f".{fraction}" if fraction else ""
    return f"{day.isoformat()}{separator}{clock}{digits}{zone}"


def _offset(sign: str, minutes: int) -> str:
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _offset_delta(offset: str) -> timedelta:
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    return sign * timedelta(hours=hours, minutes=minutes)
