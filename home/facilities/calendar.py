"""iCalendar files of facility bookings (the calendar shell is in
home/calendar_feeds.py)."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone

from icalendar import Event

from home.calendar_feeds import calendar_document, event_uid, local_time

PRODUCT_ID = "-//Canyu//Open facilities//ZH"


def booking_uid(booking) -> str:
    return event_uid("facility-booking", booking.pk)


def _event(booking, *, stamp) -> Event:
    facility = booking.facility
    base_url = settings.CANYU_BASE_URL.rstrip("/")
    url = base_url + facility.get_absolute_url()
    summary = f"{facility.name}（{booking.get_status_display()}）"
    description = "\n".join(
        part for part in (facility.unit.name, booking.purpose, url) if part
    )
    return Event.new(
        uid=booking_uid(booking),
        stamp=stamp,
        start=local_time(booking.starts_at),
        end=local_time(booking.ends_at),
        summary=summary,
        location=facility.address or "",
        description=description,
        status="CONFIRMED" if booking.status == "approved" else "TENTATIVE",
        url=url,
    )


def build_booking_calendar(bookings, *, name: str, now=None) -> bytes:
    """A VCALENDAR with one VEVENT per booking (each with ``facility`` and its
    ``unit`` loaded)."""
    stamp = (now or timezone.now()).astimezone(UTC)
    events = [_event(booking, stamp=stamp) for booking in bookings]
    return calendar_document(events, name=name, product_id=PRODUCT_ID)
