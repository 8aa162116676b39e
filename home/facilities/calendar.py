"""iCalendar files of facility bookings (the format is in home/icalendar.py)."""

from django.conf import settings
from django.utils import timezone

from home.icalendar import (
    CALENDAR_TIMEZONE,
    calendar_document,
    escape_text,
    event_uid,
    local_time,
    utc_time,
)

PRODUCT_ID = "-//Canyu//Open facilities//ZH"


def booking_uid(booking) -> str:
    return event_uid("facility-booking", booking.pk)


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
    events = [_event_lines(booking, stamp=stamp) for booking in bookings]
    return calendar_document(events, name=name, product_id=PRODUCT_ID)
