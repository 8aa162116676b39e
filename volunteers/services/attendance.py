"""Attendance: the rotating check-in code of a shift, check-in and check-out by a
volunteer scanning it, forgotten check-outs closed at the shift's end, and the
organisers' entry of attendance by hand.

Organisers' entry by hand is in ``attendance_entry``.

Rules kept here: one record per volunteer and shift (the database refuses a
second; a second scan finds the first); minutes are clamped to the shift; a
volunteer's records never overlap in time (checked under a lock on the
volunteer's row — on SQLite the IMMEDIATE transaction serialises writers)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.exceptions import ServiceError
from volunteers.models import (
    ServiceRecord,
    Shift,
    Signup,
    Volunteer,
)

TOKEN_SALT = "volunteers.checkin"  # noqa: S105 — a signing namespace, not a secret


class CheckinCodeError(ServiceError):
    """A check-in code that is forged, damaged or expired."""


# The rotating check-in code ---------------------------------------------------


def _window(now: datetime) -> int:
    rotate = settings.VOLUNTEER_CHECKIN_TOKEN_ROTATE_SECONDS
    return int(now.timestamp()) // rotate * rotate


def checkin_token_make(*, shift: Shift, now: datetime | None = None) -> str:
    """A signed code naming the shift and the current time window. It stays the
    same for ROTATE seconds, then changes; each one is accepted until MAX_AGE
    seconds after its window ended."""
    now = now or timezone.now()
    return signing.dumps(
        {"s": shift.pk, "t": _window(now)}, salt=TOKEN_SALT, compress=False
    )


def checkin_token_shift_id(*, token: str, now: datetime | None = None) -> int:
    """The shift a scanned code is for; ``CheckinCodeError`` when the code was
    not made by this site (forged or damaged) or is too old."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        shift_id, window = int(data["s"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise CheckinCodeError(
            _(
                "This check-in code is not valid. Scan the code that the organiser "
                "shows at the activity."
            )
        ) from error
    lasts = (
        settings.VOLUNTEER_CHECKIN_TOKEN_ROTATE_SECONDS
        + settings.VOLUNTEER_CHECKIN_TOKEN_MAX_AGE_SECONDS
    )
    if not window - lasts <= now.timestamp() < window + lasts:
        raise CheckinCodeError(
            _(
                "This check-in code has expired. Scan the code that the organiser "
                "shows now."
            )
        )
    return shift_id


# Shared rules -----------------------------------------------------------------


def minutes_between(start: datetime, end: datetime) -> int:
    return max(int((end - start).total_seconds() // 60), 0)


def local_text(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def lock_volunteers(volunteer_ids) -> None:
    """Lock the volunteers' rows (in a fixed order, so two writers never wait
    for each other): their records are checked and written one writer at a time."""
    list(
        Volunteer.objects.select_for_update()
        .filter(pk__in=list(volunteer_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def refuse_overlap(
    *,
    volunteer: Volunteer,
    start: datetime,
    end: datetime,
    exclude_pk: int | None = None,
) -> None:
    """Refuse times that overlap another live record of the volunteer. A record
    still checked in counts until its shift ends. Call under the volunteer's lock."""
    others = (
        ServiceRecord.objects.filter(volunteer=volunteer, started_at__lt=end)
        .exclude(status=ServiceRecord.Status.REJECTED)
        .filter(
            Q(ended_at__gt=start) | Q(ended_at__isnull=True, shift__ends_at__gt=start)
        )
        .select_related("shift__activity")
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    other = others.order_by("started_at").first()
    if other is None:
        return
    raise ServiceError(
        _(
            "%(name)s already has a service record from %(start)s to %(end)s "
            "(%(activity)s) that overlaps these times."
        )
        % {
            "name": volunteer.real_name,
            "start": local_text(other.started_at),
            "end": local_text(other.ended_at or other.shift.ends_at),
            "activity": other.shift.activity.title,
        }
    )


def has_confirmed_place(*, volunteer_id: int, shift: Shift) -> bool:
    return Signup.objects.filter(
        shift=shift, volunteer_id=volunteer_id, status=Signup.Status.CONFIRMED
    ).exists()


def checkin_opens_at(shift: Shift) -> datetime:
    return shift.starts_at - timedelta(minutes=settings.VOLUNTEER_CHECKIN_OPENS_MINUTES)


# Check-in and check-out -------------------------------------------------------


@transaction.atomic
def checkin(
    *, volunteer: Volunteer, shift: Shift, now: datetime | None = None
) -> tuple[ServiceRecord, bool]:
    """Check a volunteer with a confirmed place in. Opens a set time before the
    shift (VOLUNTEER_CHECKIN_OPENS_MINUTES) and closes at its end; the record
    starts at the scan or at the shift's start, whichever is later. A second scan
    (or a second tab) finds the record made by the first: returns
    ``(record, created)``."""
    now = now or timezone.now()
    lock_volunteers([volunteer.pk])
    existing = ServiceRecord.objects.filter(volunteer=volunteer, shift=shift).first()
    if existing is not None:
        return existing, False
    if not volunteer.is_active:
        raise ServiceError(_("Only active volunteers can check in."))
    if not has_confirmed_place(volunteer_id=volunteer.pk, shift=shift):
        raise ServiceError(
            _(
                "You do not have a confirmed place on this shift, so you cannot "
                "check in."
            )
        )
    opens = checkin_opens_at(shift)
    if now < opens:
        raise ServiceError(
            _("Check-in for this shift opens at %(time)s.")
            % {"time": local_text(opens)}
        )
    if now >= shift.ends_at:
        raise ServiceError(
            _(
                "This shift has ended, so check-in is closed. Ask the organiser to "
                "record your attendance."
            )
        )
    started = max(now, shift.starts_at)
    refuse_overlap(volunteer=volunteer, start=started, end=shift.ends_at)
    try:
        with transaction.atomic():
            record = ServiceRecord.objects.create(
                volunteer=volunteer,
                shift=shift,
                unit_id=shift.activity.unit_id,
                status=ServiceRecord.Status.CHECKED_IN,
                source=ServiceRecord.Source.QR,
                started_at=started,
            )
    except IntegrityError:  # a parallel scan won: the database kept one record
        return ServiceRecord.objects.get(volunteer=volunteer, shift=shift), False
    return record, True


@transaction.atomic
def checkout(
    *, volunteer: Volunteer, shift: Shift, now: datetime | None = None
) -> ServiceRecord:
    """Check a volunteer out: the record ends at the scan or at the shift's end,
    whichever is earlier, and awaits the organiser's approval. A conditional
    UPDATE (WHERE status = checked in) lets only one of two scans close it."""
    now = now or timezone.now()
    record = ServiceRecord.objects.filter(volunteer=volunteer, shift=shift).first()
    if record is None:
        raise ServiceError(_("You have not checked in for this shift."))
    if record.status != ServiceRecord.Status.CHECKED_IN:
        raise ServiceError(_("You have already checked out of this shift."))
    ended = min(now, shift.ends_at)
    if ended <= record.started_at:
        raise ServiceError(
            _("The shift has not started yet: check out when you leave.")
        )
    minutes = minutes_between(record.started_at, ended)
    updated = ServiceRecord.objects.filter(
        pk=record.pk, status=ServiceRecord.Status.CHECKED_IN
    ).update(
        status=ServiceRecord.Status.PENDING,
        ended_at=ended,
        minutes=minutes,
        updated_at=now,
    )
    if not updated:
        raise ServiceError(_("You have already checked out of this shift."))
    record.refresh_from_db()
    return record


def close_forgotten_checkouts(*, now: datetime | None = None) -> int:
    """Close the records still checked in whose shift has ended: they end at the
    shift's end, are flagged (check-out missing) and await approval. Safe to run
    twice or concurrently: each is closed by a conditional UPDATE. Returns how
    many this run closed."""
    now = now or timezone.now()
    closed = 0
    forgotten = ServiceRecord.objects.filter(
        status=ServiceRecord.Status.CHECKED_IN, shift__ends_at__lte=now
    ).values_list("pk", "started_at", "shift__ends_at")
    for pk, started_at, ends_at in list(forgotten):
        closed += ServiceRecord.objects.filter(
            pk=pk, status=ServiceRecord.Status.CHECKED_IN
        ).update(
            status=ServiceRecord.Status.PENDING,
            ended_at=ends_at,
            minutes=minutes_between(started_at, ends_at),
            auto_closed=True,
            updated_at=now,
        )
    return closed
