"""Slot arithmetic. Opening hours are wall-clock times in the site's zone
(Asia/Shanghai, UTC+8 all year); a period from ``opens`` to ``closes`` holds slots
of ``slot_minutes`` starting at ``opens``, as many as fit whole."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def local_moment(day: date, at) -> datetime:
    """``at`` (a time of day) on ``day``, as an aware moment in the site's zone."""
    return timezone.make_aware(
        datetime.combine(day, at), timezone.get_default_timezone()
    )


def slots_on_day(*, day: date, periods, slot_minutes: int) -> list[Slot]:
    """The slots of one day from its periods (objects with weekday, opens, closes;
    only those of ``day``'s weekday count), in time order."""
    length = timedelta(minutes=slot_minutes)
    slots = []
    for period in sorted(periods, key=lambda p: p.opens):
        if period.weekday != day.weekday():
            continue
        start = local_moment(day, period.opens)
        end_of_period = local_moment(day, period.closes)
        while start + length <= end_of_period:
            slots.append(Slot(starts_at=start, ends_at=start + length))
            start += length
    return slots


def bookable_days(*, today: date, horizon_days: int) -> list[date]:
    """Today and the following days residents may book, ``horizon_days`` in all
    after today (so a horizon of 14 days reaches the same weekday two weeks on)."""
    return [today + timedelta(days=offset) for offset in range(horizon_days + 1)]


def slot_at(*, starts_at: datetime, periods, slot_minutes: int) -> Slot | None:
    """The slot that starts exactly at ``starts_at``, or None when the opening
    hours hold no such slot."""
    local = timezone.localtime(starts_at, timezone.get_default_timezone())
    for slot in slots_on_day(
        day=local.date(), periods=periods, slot_minutes=slot_minutes
    ):
        if slot.starts_at == starts_at:
            return slot
    return None
