"""Helpers for tests of attendance and service records: shifts in the past or
under way with confirmed volunteers, and records in any state."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from tests.volunteers.conftest import VolunteerFactory, make_activity
from volunteers.models import ServiceRecord, Shift, Signup


def confirm(shift, volunteer) -> Signup:
    Shift.objects.filter(pk=shift.pk).update(confirmed_count=F("confirmed_count") + 1)
    return Signup.objects.create(
        shift=shift, volunteer=volunteer, status=Signup.Status.CONFIRMED
    )


def shift_at(index, unit, *, starts_in, hours=3, capacity=100, title="社区服务"):
    """A shift starting ``starts_in`` (a timedelta, negative for the past) from
    now, lasting ``hours``."""
    now = timezone.now()
    page = make_activity(
        index,
        unit=unit,
        shifts=((0, hours, capacity),),
        title=title,
        signup_opens_at=now + starts_in - timedelta(days=10),
        signup_closes_at=now + starts_in - timedelta(days=1),
    )
    shift = page.shifts.get()
    starts_at = (now + starts_in).replace(second=0, microsecond=0)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours)
    )
    return Shift.objects.select_related("activity", "activity__unit").get(pk=shift.pk)


def record(shift, volunteer, *, status=ServiceRecord.Status.PENDING, minutes=None):
    """A closed record covering the whole shift (unless checked in)."""
    confirm(shift, volunteer)
    closed = status != ServiceRecord.Status.CHECKED_IN
    whole = int((shift.ends_at - shift.starts_at).total_seconds() // 60)
    return ServiceRecord.objects.create(
        volunteer=volunteer,
        shift=shift,
        unit_id=shift.activity.unit_id,
        status=status,
        started_at=shift.starts_at,
        ended_at=shift.ends_at if closed else None,
        minutes=(minutes if minutes is not None else whole) if closed else 0,
        rejection_reason="不符合" if status == ServiceRecord.Status.REJECTED else "",
    )


__all__ = ["VolunteerFactory", "confirm", "record", "shift_at"]
