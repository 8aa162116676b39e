"""Reviewing service records (approve, reject) and correcting them.

Order No. 67: whoever organises records, whoever records certifies. Only the
organisers of the organising unit (and staff) review a unit's records, never
their own. An approved record changes only through a correction the volunteer
asked for and an organiser accepted; the change is kept in its history.

Every change that can move points calls ``points_sync_for_record`` inside the
transaction. A refusal raises ``ServiceError`` or ``PermissionDenied``."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify, notify_with_email_templates
from home.models import UnitMembership, User
from home.permissions import is_staff_or_has_unit_role
from volunteers.models import (
    ServiceRecord,
    ServiceRecordChange,
    ServiceRecordCorrection,
    Volunteer,
)
from volunteers.services import attendance, attendance_entry
from volunteers.services.points import points_sync_for_record

REASON_MAX_LENGTH = 300
CORRECTION_REASON_MAX_LENGTH = 500


def user_reviews_unit(*, user: User, unit_id: int) -> bool:
    """Staff, and the organisers of the unit, review its service records."""
    return is_staff_or_has_unit_role(
        user, unit_id, roles=[UnitMembership.Role.ORGANISER]
    )


def require_reviewer(*, user: User, record: ServiceRecord) -> None:
    if record.volunteer.user_id == user.pk:
        raise PermissionDenied(
            _("You cannot approve, reject or correct your own service record.")
        )
    if not user_reviews_unit(user=user, unit_id=record.unit_id):
        raise PermissionDenied(
            _("Only the organisers of %(unit)s can review its service records.")
            % {"unit": record.unit.name}
        )


def _clean_reason(reason: str, *, required_message: str, limit: int) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(required_message)
    if len(reason) > limit:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.") % {"max": limit}
        )
    return reason


def _records(record_ids) -> list[ServiceRecord]:
    ids = sorted({int(pk) for pk in record_ids})
    if not ids:
        raise ServiceError(_("Choose at least one record."))
    # Locked in id order, so that two bulk decisions over overlapping records
    # wait for each other instead of deadlocking.
    records = list(
        ServiceRecord.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("volunteer__user", "unit", "shift__activity")
        .order_by("pk")
    )
    if len(records) != len(ids):
        raise ServiceError(_("Some of the chosen records no longer exist."))
    return records


def _already_decided() -> ServiceError:
    return ServiceError(
        _(
            "Some of the chosen records are no longer awaiting approval (someone "
            "may have just decided them): nothing was changed. Reload the page and "
            "try again."
        )
    )


def refuse_second_hand(*, user: User, record: ServiceRecord) -> None:
    """Separation of duties: the organiser who typed or changed a record's times
    by hand, or who gave the first of its two approvals, does not approve it."""
    if record.entered_by_id == user.pk:
        raise ServiceError(
            _(
                "You entered or changed the times of %(name)s's record by hand: "
                "another organiser must approve it."
            )
            % {"name": record.volunteer.real_name}
        )
    if record.first_approved_by_id == user.pk:
        raise ServiceError(
            _(
                "%(name)s's record is longer than its shift and you gave its first "
                "approval: another organiser must give the second."
            )
            % {"name": record.volunteer.real_name}
        )


@transaction.atomic
def records_approve(
    *, actor: User, record_ids, now: datetime | None = None
) -> list[ServiceRecord]:
    """Approve pending records, one or many: all or nothing. Hand-entered or
    hand-edited times need an organiser other than the one who typed them; a
    record longer than its shift needs two different approvers (the first
    approval is kept and the record stays pending until the second). A
    conditional UPDATE (WHERE status = pending) makes two organisers approving
    at once approve once; the loser is told and changes nothing. No email (a
    volunteer would get one per shift); points follow through
    ``points_sync_for_record``."""
    now = now or timezone.now()
    records = _records(record_ids)
    for record in records:
        require_reviewer(user=actor, record=record)
        refuse_second_hand(user=actor, record=record)
    first = [
        r.pk for r in records if r.longer_than_shift and not r.first_approved_by_id
    ]
    final = [r.pk for r in records if r.pk not in first]
    updated = ServiceRecord.objects.filter(
        pk__in=first, status=ServiceRecord.Status.PENDING, first_approved_by=None
    ).update(first_approved_by=actor, first_approved_at=now, updated_at=now)
    updated += ServiceRecord.objects.filter(
        pk__in=final, status=ServiceRecord.Status.PENDING
    ).update(
        status=ServiceRecord.Status.APPROVED,
        reviewed_by=actor,
        reviewed_at=now,
        rejection_reason="",
        updated_at=now,
    )
    if updated != len(records):
        raise _already_decided()
    for record in records:
        record.refresh_from_db()
        points_sync_for_record(record=record)
        if record.status == ServiceRecord.Status.APPROVED:
            _notify_approved(record)
    return records


def _notify_approved(record: ServiceRecord) -> None:
    """An inbox notice (and an SMS if chosen), no email: a volunteer would get
    one per shift."""
    user = record.volunteer.user
    if not user.is_active:
        return
    with email_language():
        title = _("Your service hours for “%(activity)s” are approved") % {
            "activity": record.shift.activity.title
        }
    notify(user=user, kind="hours_approved", title=title, url=_record_link(record))


@transaction.atomic
def records_reject(
    *, actor: User, record_ids, reason: str, now: datetime | None = None
) -> list[ServiceRecord]:
    """Reject pending records with a reason, one or many: all or nothing, like
    approval. Each volunteer is emailed the reason (the email leaves once the
    transaction commits)."""
    now = now or timezone.now()
    reason = _clean_reason(
        reason,
        required_message=_("Give the reason for the rejection."),
        limit=REASON_MAX_LENGTH,
    )
    records = _records(record_ids)
    for record in records:
        require_reviewer(user=actor, record=record)
    updated = ServiceRecord.objects.filter(
        pk__in=[r.pk for r in records], status=ServiceRecord.Status.PENDING
    ).update(
        status=ServiceRecord.Status.REJECTED,
        reviewed_by=actor,
        reviewed_at=now,
        rejection_reason=reason,
        updated_at=now,
    )
    if updated != len(records):
        raise _already_decided()
    for record in records:
        record.refresh_from_db()
        points_sync_for_record(record=record)
        _email_volunteer(
            record=record, template="service_record_rejected", reason=reason
        )
    return records


def _record_link(record: ServiceRecord) -> str:
    with email_language():
        path = reverse("volunteers:my_service_record", kwargs={"record_id": record.pk})
    return settings.CANYU_BASE_URL + path


def _email_volunteer(*, record: ServiceRecord, template: str, reason: str) -> None:
    user = record.volunteer.user
    if not user.is_active:
        return
    link = _record_link(record)
    notify_with_email_templates(
        user=user,
        kind="hours_approved",
        template=f"volunteers/emails/{template}",
        url=link,
        context={
            "name": record.volunteer.real_name,
            "record": record,
            "activity": record.shift.activity,
            "unit": record.unit,
            "reason": reason,
            "link": link,
        },
    )


# Corrections ------------------------------------------------------------------


@transaction.atomic
def correction_request(
    *,
    volunteer: Volunteer,
    record: ServiceRecord,
    started_at: datetime,
    ended_at: datetime,
    reason: str,
) -> ServiceRecordCorrection:
    """A volunteer asks for their record's times to be corrected, with a reason.
    The times must lie within the shift; one request at a time per record."""
    if record.volunteer_id != volunteer.pk:
        raise PermissionDenied(_("You can only ask to correct your own records."))
    reason = _clean_reason(
        reason,
        required_message=_("Say why the record should be corrected."),
        limit=CORRECTION_REASON_MAX_LENGTH,
    )
    if record.status == ServiceRecord.Status.CHECKED_IN:
        raise ServiceError(
            _("Check out first: a record can be corrected once it is closed.")
        )
    shift = record.shift
    if not (shift.starts_at <= started_at < ended_at <= shift.ends_at):
        raise ServiceError(
            _(
                "The times must lie within the shift (%(start)s to %(end)s), and "
                "the end must come after the start."
            )
            % {
                "start": attendance.local_text(shift.starts_at),
                "end": attendance.local_text(shift.ends_at),
            }
        )
    if (started_at, ended_at) == (record.started_at, record.ended_at):
        raise ServiceError(_("These are the times already recorded."))
    if record.corrections.filter(
        status=ServiceRecordCorrection.Status.PENDING
    ).exists():
        raise ServiceError(
            _("A correction of this record is already awaiting a decision.")
        )
    return ServiceRecordCorrection.objects.create(
        record=record,
        requested_by=volunteer.user,
        proposed_started_at=started_at,
        proposed_ended_at=ended_at,
        reason=reason,
    )


def _claim(*, correction, actor, status, reason, now) -> None:
    """Decide a pending correction once: a conditional UPDATE, so that two
    organisers deciding at once decide it once."""
    claimed = ServiceRecordCorrection.objects.filter(
        pk=correction.pk, status=ServiceRecordCorrection.Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, decision_reason=reason)
    if not claimed:
        raise ServiceError(_("This correction has already been decided."))
    correction.status = status
    correction.decided_by = actor
    correction.decided_at = now
    correction.decision_reason = reason


@transaction.atomic
def correction_accept(
    *,
    actor: User,
    correction: ServiceRecordCorrection,
    reason: str = "",
    now: datetime | None = None,
) -> ServiceRecord:
    """An organiser of the organising unit accepts a correction: the record takes
    the proposed times and is approved (the organiser has now checked them). The
    old and new values, who, when and why are kept in the record's history; the
    points follow through ``points_sync_for_record``."""
    now = now or timezone.now()
    record = correction.record
    require_reviewer(user=actor, record=record)
    reason = " ".join((reason or "").split())[:REASON_MAX_LENGTH]
    _claim(
        correction=correction,
        actor=actor,
        status=ServiceRecordCorrection.Status.ACCEPTED,
        reason=reason,
        now=now,
    )
    attendance.lock_volunteers([record.volunteer_id])
    record = ServiceRecord.objects.select_for_update().get(pk=record.pk)
    attendance.refuse_overlap(
        volunteer=correction.record.volunteer,
        start=correction.proposed_started_at,
        end=correction.proposed_ended_at,
        exclude_pk=record.pk,
    )
    old = attendance_entry.snapshot(record)
    record.started_at = correction.proposed_started_at
    record.ended_at = correction.proposed_ended_at
    record.minutes = attendance.minutes_between(record.started_at, record.ended_at)
    record.status = ServiceRecord.Status.APPROVED
    record.reviewed_by = actor
    record.reviewed_at = now
    record.rejection_reason = ""
    # The times are now the volunteer's, checked by this organiser.
    record.entered_by = None
    record.first_approved_by = None
    record.first_approved_at = None
    record.save()
    why = correction.reason if not reason else f"{correction.reason} — {reason}"
    attendance_entry.log_change(
        record=record,
        kind=ServiceRecordChange.Kind.CORRECTION,
        actor=actor,
        now=now,
        reason=why,
        old=old,
        correction=correction,
    )
    points_sync_for_record(record=record)
    return record


@transaction.atomic
def correction_decline(
    *,
    actor: User,
    correction: ServiceRecordCorrection,
    reason: str,
    now: datetime | None = None,
) -> ServiceRecordCorrection:
    """An organiser declines a correction with a reason; the record stays as it
    was and the volunteer is emailed the reason."""
    now = now or timezone.now()
    record = correction.record
    require_reviewer(user=actor, record=record)
    reason = _clean_reason(
        reason,
        required_message=_("Give the reason for declining the correction."),
        limit=REASON_MAX_LENGTH,
    )
    _claim(
        correction=correction,
        actor=actor,
        status=ServiceRecordCorrection.Status.DECLINED,
        reason=reason,
        now=now,
    )
    _email_volunteer(
        record=record, template="service_correction_declined", reason=reason
    )
    return correction
