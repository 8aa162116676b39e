"""Attendance entered by the organisers of the organising unit: one volunteer's
times on a shift (entered or corrected), or everyone with a confirmed place for
the whole shift. Times are clamped to the shift, never overlap the volunteer's
other records, and every entry is kept in the record's history."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from home.models import User
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    Shift,
    Signup,
    Volunteer,
)
from volunteers.selectors.roster import require_organiser
from volunteers.services import attendance


def _clamped_times(*, shift: Shift, started_at, ended_at, now) -> tuple:
    if now < shift.starts_at:
        raise ServiceError(_("Attendance can be recorded once the shift has started."))
    start = max(started_at, shift.starts_at)
    end = min(ended_at, shift.ends_at)
    if end <= start:
        raise ServiceError(
            _(
                "The end must come after the start, within the shift's times "
                "(%(start)s to %(end)s)."
            )
            % {
                "start": attendance.local_text(shift.starts_at),
                "end": attendance.local_text(shift.ends_at),
            }
        )
    if end > now:
        raise ServiceError(_("The end time is still in the future."))
    return start, end


def log_change(*, record, kind, actor, now, reason="", old=None, correction=None):
    old = old or {}
    ServiceRecordChange.objects.create(
        record=record,
        kind=kind,
        changed_by=actor,
        changed_at=now,
        reason=reason,
        correction=correction,
        old_status=old.get("status", ""),
        old_started_at=old.get("started_at"),
        old_ended_at=old.get("ended_at"),
        old_minutes=old.get("minutes"),
        new_status=record.status,
        new_started_at=record.started_at,
        new_ended_at=record.ended_at,
        new_minutes=record.minutes,
    )


def snapshot(record: ServiceRecord) -> dict:
    return {
        "status": record.status,
        "started_at": record.started_at,
        "ended_at": record.ended_at,
        "minutes": record.minutes,
    }


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    shift: Shift,
    volunteer: Volunteer,
    started_at: datetime,
    ended_at: datetime,
    reason: str = "",
    now: datetime | None = None,
) -> ServiceRecord:
    """An organiser of the organising unit enters (or corrects) one volunteer's
    times on a shift. Only for a confirmed place; times are clamped to the shift
    and may not overlap the volunteer's other records. The record awaits
    approval; an approved record changes only through a correction. Every entry
    is kept in the record's history."""
    now = now or timezone.now()
    require_organiser(user=actor, activity=shift.activity)
    start, end = _clamped_times(
        shift=shift, started_at=started_at, ended_at=ended_at, now=now
    )
    attendance.lock_volunteers([volunteer.pk])
    if not attendance.has_confirmed_place(volunteer_id=volunteer.pk, shift=shift):
        raise ServiceError(
            _("%(name)s does not have a confirmed place on this shift.")
            % {"name": volunteer.real_name}
        )
    record = (
        ServiceRecord.objects.select_for_update()
        .filter(volunteer=volunteer, shift=shift)
        .first()
    )
    if record is not None and record.status == ServiceRecord.Status.APPROVED:
        raise ServiceError(
            _(
                "This record has been approved: it can only change through a "
                "correction requested by the volunteer."
            )
        )
    attendance.refuse_overlap(
        volunteer=volunteer,
        start=start,
        end=end,
        exclude_pk=record.pk if record else None,
    )
    values = {
        "status": ServiceRecord.Status.PENDING,
        "started_at": start,
        "ended_at": end,
        "minutes": attendance.minutes_between(start, end),
        "auto_closed": False,
        "reviewed_by": None,
        "reviewed_at": None,
        "rejection_reason": "",
        # Typed by hand: another organiser approves (records.refuse_second_hand).
        "entered_by": actor,
        "first_approved_by": None,
        "first_approved_at": None,
    }
    if record is None:
        record = ServiceRecord.objects.create(
            volunteer=volunteer,
            shift=shift,
            unit_id=shift.activity.unit_id,
            source=ServiceRecord.Source.MANUAL,
            **values,
        )
        log_change(
            record=record,
            kind=ServiceRecordChange.Kind.ENTERED,
            actor=actor,
            now=now,
            reason=reason,
        )
        return record
    old = snapshot(record)
    for field, value in values.items():
        setattr(record, field, value)
    record.save()
    log_change(
        record=record,
        kind=ServiceRecordChange.Kind.EDITED,
        actor=actor,
        now=now,
        reason=reason,
        old=old,
    )
    return record


@transaction.atomic
def attendance_record_whole_shift(
    *, actor: User, shift: Shift, now: datetime | None = None
) -> int:
    """Record that every volunteer with a confirmed place served the whole shift
    (once it has ended): a record for each one who has none, and records still
    checked in are closed at the shift's end. Records already closed are left as
    they are. All or nothing: if one volunteer's times would overlap another of
    their records, nothing is recorded. Returns the number of records written."""
    now = now or timezone.now()
    require_organiser(user=actor, activity=shift.activity)
    if now < shift.ends_at:
        raise ServiceError(
            _("The whole shift can be recorded for everyone once it has ended.")
        )
    volunteer_ids = list(
        Signup.objects.filter(shift=shift, status=Signup.Status.CONFIRMED).values_list(
            "volunteer_id", flat=True
        )
    )
    attendance.lock_volunteers(volunteer_ids)
    records = {
        record.volunteer_id: record
        for record in ServiceRecord.objects.filter(shift=shift).select_for_update()
    }
    volunteers = Volunteer.objects.filter(pk__in=volunteer_ids).order_by("pk")
    written = 0
    for volunteer in volunteers:
        record = records.get(volunteer.pk)
        if record is None:
            attendance.refuse_overlap(
                volunteer=volunteer, start=shift.starts_at, end=shift.ends_at
            )
            record = ServiceRecord.objects.create(
                volunteer=volunteer,
                shift=shift,
                unit_id=shift.activity.unit_id,
                status=ServiceRecord.Status.PENDING,
                source=ServiceRecord.Source.MANUAL,
                started_at=shift.starts_at,
                ended_at=shift.ends_at,
                minutes=attendance.minutes_between(shift.starts_at, shift.ends_at),
                entered_by=actor,
            )
            log_change(
                record=record,
                kind=ServiceRecordChange.Kind.ENTERED,
                actor=actor,
                now=now,
                reason=_("The whole shift, for everyone with a confirmed place."),
            )
            written += 1
        elif record.status == ServiceRecord.Status.CHECKED_IN:
            old = snapshot(record)
            record.status = ServiceRecord.Status.PENDING
            record.ended_at = shift.ends_at
            record.minutes = attendance.minutes_between(
                record.started_at, shift.ends_at
            )
            record.entered_by = actor
            record.save()
            log_change(
                record=record,
                kind=ServiceRecordChange.Kind.EDITED,
                actor=actor,
                now=now,
                reason=_("The whole shift, for everyone with a confirmed place."),
                old=old,
            )
            written += 1
    return written
