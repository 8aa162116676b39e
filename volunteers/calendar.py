"""iCalendar files of shifts (the format is in home/icalendar.py)."""

from django.utils import timezone

from home.icalendar import (
    CALENDAR_TIMEZONE,
    calendar_document,
    escape_text,
    event_uid,
    local_time,
    utc_time,
)

PRODUCT_ID = "-//Canyu//Green Ribbon volunteering//ZH"


def shift_uid(shift) -> str:
    return event_uid("volunteer-shift", shift.pk)


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
    urls: dict[int, str] = {}
    events = []
    for shift in shifts:
        if url_for is not None and shift.activity_id not in urls:
            urls[shift.activity_id] = url_for(shift.activity) or ""
        events.append(
            _event_lines(shift, stamp=stamp, url=urls.get(shift.activity_id, ""))
        )
    return calendar_document(events, name=name, product_id=PRODUCT_ID)
