"""iCalendar (RFC 5545) files of facility bookings, written by hand as
volunteers/calendar.py writes shifts (``home`` may not import the volunteers app):
CRLF lines folded at 75 octets without cutting a UTF-8 character, escaped text,
times local to Asia/Shanghai with its VTIMEZONE, DTSTAMP in UTC, and a UID per
booking that never changes, so calendar programs update rather than duplicate."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

CALENDAR_TIMEZONE = "Asia/Shanghai"
LINE_OCTETS = 75
PRODUCT_ID = "-//Canyu//Open facilities//ZH"
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
    """Lines of at most 75 octets, continuations starting with a space (§3.1)."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(character)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def local_time(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(CALENDAR_TIMEZONE)).strftime("%Y%m%dT%H%M%S")


def utc_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_uid(booking) -> str:
    host = urlsplit(settings.CANYU_BASE_URL).hostname or "canyu"
    return f"facility-booking-{booking.pk}@{host}"


def _event_lines(booking, *, stamp: str) -> list[str]:
    facility = booking.facility
    base_url = settings.CANYU_BASE_URL.rstrip("/")
    url = base_url + facility.get_absolute_url()
    status = "CONFIRMED" if booking.status == "approved" else "TENTATIVE"
    summary = f"{facility.name}（{booking.get_status_display()}）"
    description = "\n".join(
        part for part in (facility.unit.name, booking.purpose, url) if part
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{booking_uid(booking)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={CALENDAR_TIMEZONE}:{local_time(booking.starts_at)}",
        f"DTEND;TZID={CALENDAR_TIMEZONE}:{local_time(booking.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(facility.address)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{status}",
        f"URL:{url}",
        "END:VEVENT",
    ]


def build_booking_calendar(bookings, *, name: str, now=None) -> bytes:
    """A VCALENDAR with one VEVENT per booking (each with ``facility`` and its
    ``unit`` loaded)."""
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
    for booking in bookings:
        lines += _event_lines(booking, stamp=stamp)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
