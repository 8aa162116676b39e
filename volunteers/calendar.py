"""iCalendar (RFC 5545) files of shifts, written by hand: the format is small and a
runtime dependency would buy little. Lines end in CRLF and fold at 75 octets
(never inside a UTF-8 character); text values escape backslash, semicolon, comma
and newlines; times are local to Asia/Shanghai (UTC+8 all year, no daylight
saving) with the matching VTIMEZONE; DTSTAMP is in UTC; a shift's UID never
changes, so calendar programs update an event instead of adding a copy."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

CALENDAR_TIMEZONE = "Asia/Shanghai"
LINE_OCTETS = 75
PRODUCT_ID = "-//Canyu//Green Ribbon volunteering//ZH"
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{CALENDAR_TIMEZONE}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11)."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation
    starting with a space (§3.1), without cutting a multi-byte character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size = [], [], 0
    limit = LINE_OCTETS
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # the leading space counts
        current.append(character)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def local_time(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(CALENDAR_TIMEZONE)).strftime("%Y%m%dT%H%M%S")


def utc_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def shift_uid(shift) -> str:
    host = urlsplit(settings.CANYU_BASE_URL).hostname or "canyu"
    return f"volunteer-shift-{shift.pk}@{host}"


def _event_lines(shift, *, stamp: str, url: str) -> list[str]:
    activity = shift.activity
    summary = activity.title
    if shift.role:
        summary = f"{summary}（{shift.role}）"
    description = "\n".join(part for part in (activity.summary, url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{shift_uid(shift)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={CALENDAR_TIMEZONE}:{local_time(shift.starts_at)}",
        f"DTEND;TZID={CALENDAR_TIMEZONE}:{local_time(shift.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(activity.place)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def build_calendar(shifts, *, name: str, url_for=None, now=None) -> bytes:
    """A VCALENDAR with one VEVENT per shift (each shift's ``activity`` loaded).
    ``url_for(activity)`` gives the absolute address of an activity's page."""
    stamp = utc_time(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{CALENDAR_TIMEZONE}",
        *VTIMEZONE,
    ]
    urls: dict[int, str] = {}
    for shift in shifts:
        if url_for is not None and shift.activity_id not in urls:
            urls[shift.activity_id] = url_for(shift.activity) or ""
        lines += _event_lines(shift, stamp=stamp, url=urls.get(shift.activity_id, ""))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
