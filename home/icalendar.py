"""iCalendar (RFC 5545) files, written by hand: the format is small and a runtime
dependency would buy little. Shared by the shift calendars (volunteers) and the
facility booking calendars. Lines end in CRLF and fold at 75 octets (never inside
a UTF-8 character); text values escape backslash, semicolon, comma and newlines;
times are local to Asia/Shanghai (UTC+8 all year, no daylight saving) with the
matching VTIMEZONE; DTSTAMP is in UTC; UIDs never change, so calendar programs
update an event instead of adding a copy."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings

CALENDAR_TIMEZONE = "Asia/Shanghai"
LINE_OCTETS = 75
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


def event_uid(kind: str, pk: int) -> str:
    host = urlsplit(settings.CANYU_BASE_URL).hostname or "canyu"
    return f"{kind}-{pk}@{host}"


def calendar_document(events: list[list[str]], *, name: str, product_id: str) -> bytes:
    """A VCALENDAR around ``events`` (each a list of VEVENT content lines)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product_id}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{CALENDAR_TIMEZONE}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
