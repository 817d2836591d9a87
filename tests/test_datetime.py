"""Timestamps become aware UTC datetimes, whatever their form and the local zone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from revai_langid._datetime import parse_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-05-05T23:23:22.29Z", datetime(2018, 5, 5, 23, 23, 22, 290000, UTC)),
        ("2018-09-15T05:14:38.13", datetime(2018, 9, 15, 5, 14, 38, 130000, UTC)),
        ("2023-03-01T12:34:56.1234567Z", datetime(2023, 3, 1, 12, 34, 56, 123456, UTC)),
        ("2023-03-01T12:34:56.1Z", datetime(2023, 3, 1, 12, 34, 56, 100000, UTC)),
        ("2023-03-01T12:34:56+02:00", datetime(2023, 3, 1, 10, 34, 56, tzinfo=UTC)),
        ("2023-03-01T12:34:56.5-05:30", datetime(2023, 3, 1, 18, 4, 56, 500000, UTC)),
        ("2023-03-01T24:00:00Z", datetime(2023, 3, 2, tzinfo=UTC)),
    ],
)
def test_parse_datetime_returns_aware_utc(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("text", ["", "yesterday", "2023-13-01T00:00:00Z", "12:00"])
def test_parse_datetime_refuses_garbage(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the documented contract
        parse_datetime(text)


def test_stamp_without_zone_is_utc_in_new_york() -> None:
    code = (
        "from revai_langid._datetime import parse_datetime;"
        "print(parse_datetime('2018-09-15T05:14:38.13').isoformat())"
    )
    env = {**os.environ, "TZ": "America/New_York"}
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.strip() == "2018-09-15T05:14:38.130000+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-12-31T23:59:60Z", datetime(2017, 1, 1, tzinfo=UTC)),
        ("0001-01-01T00:00:00+13:19", datetime.min.replace(tzinfo=UTC)),
        ("9999-12-31T23:59:59-05:00", datetime.max.replace(tzinfo=UTC)),
    ],
)
def test_leap_seconds_and_range_edges_still_parse(
    text: str, expected: datetime
) -> None:
    assert parse_datetime(text) == expected
