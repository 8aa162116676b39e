"""iCalendar files of shifts (the calendar shell is in home/calendar_feeds.py)."""

from datetime import UTC

from django.utils import timezone

from icalendar import Event

from home.calendar_feeds import calendar_document, event_uid, local_time

PRODUCT_ID = "-//Canyu//Green Ribbon volunteering//ZH"


def shift_uid(shift) -> str:
    return event_uid("volunteer-shift", shift.pk)


def _event(shift, *, stamp, url: str) -> Event:
    activity = shift.activity
    summary = activity.title
    if shift.role:
        summary = f"{summary}（{shift.role}）"
    description = "\n".join(part for part in (activity.summary, url) if part)
    return Event.new(
        uid=shift_uid(shift),
        stamp=stamp,
        start=local_time(shift.starts_at),
        end=local_time(shift.ends_at),
        summary=summary,
        location=activity.place or "",
        description=description,
        url=url or None,
    )


def build_calendar(shifts, *, name: str, url_for=None, now=None) -> bytes:
    """A VCALENDAR with one VEVENT per shift (each shift's ``activity`` loaded).
    ``url_for(activity)`` gives the absolute address of an activity's page."""
    stamp = (now or timezone.now()).astimezone(UTC)
    urls: dict[int, str] = {}
    events = []
    for shift in shifts:
        if url_for is not None and shift.activity_id not in urls:
            urls[shift.activity_id] = url_for(shift.activity) or ""
        events.append(_event(shift, stamp=stamp, url=urls.get(shift.activity_id, "")))
    return calendar_document(events, name=name, product_id=PRODUCT_ID)
