"""Setting "now" in tests. A test whose outcome depends on the date sets the
clock (never the wall clock): the suite then passes on every day of the year,
and under ``CANYU_TEST_NOW`` (see tests/conftest.py) at any instant.

Times are Asia/Shanghai, the site's time zone: "this year" and "this month" are
computed there, not in UTC."""

import datetime
import zoneinfo

import time_machine

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def shanghai(year, month, day, hour=12, minute=0) -> datetime.datetime:
    """An aware instant, wall-clock time in Shanghai."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def at(moment, *, tick: bool = False):
    """Move the clock (in every thread: the live server, a real worker) to
    ``moment`` — an aware datetime, or a date meaning noon in Shanghai — for
    the ``with`` block. The clock stands still unless ``tick``."""
    if isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime):
        moment = shanghai(moment.year, moment.month, moment.day)
    return time_machine.travel(moment, tick=tick)
