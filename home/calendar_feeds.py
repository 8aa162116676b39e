"""The shell shared by the iCalendar files the site serves (shift calendars in
volunteers, facility booking calendars in home), built with the ``icalendar``
library, which does the escaping, line folding and VTIMEZONE of RFC 5545.

Times are written local to Asia/Shanghai with that zone's VTIMEZONE, DTSTAMP in
UTC; UIDs never change, so calendar programs update an event instead of adding a
copy."""

from datetime import datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings

from icalendar import Calendar, Event, Timezone, vText

CALENDAR_TIMEZONE = "Asia/Shanghai"


@cache
def _vtimezone() -> Timezone:
    # Built from the tz database once per process: it takes tens of milliseconds.
    return Timezone.from_tzid(CALENDAR_TIMEZONE)


def local_time(moment: datetime) -> datetime:
    """``moment`` in Asia/Shanghai, which the library writes with its TZID."""
    return moment.astimezone(ZoneInfo(CALENDAR_TIMEZONE))


def event_uid(kind: str, pk: int) -> str:
    host = urlsplit(settings.CANYU_BASE_URL).hostname or "canyu"
    return f"{kind}-{pk}@{host}"


def calendar_document(events: list[Event], *, name: str, product_id: str) -> bytes:
    """A VCALENDAR around ``events``, with the Asia/Shanghai VTIMEZONE even when
    there is no event (X-WR-TIMEZONE names it)."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", product_id)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # An X- property is TEXT by default (RFC 5545 §3.8.8.2), but the library
    # writes unknown properties verbatim: ask for TEXT so a comma is escaped.
    calendar.add("X-WR-CALNAME", vText(str(name)))
    calendar.add("X-WR-TIMEZONE", CALENDAR_TIMEZONE)
    calendar.add_component(_vtimezone())
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
