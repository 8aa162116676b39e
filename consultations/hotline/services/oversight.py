"""Oversight jobs (run by Celery beat, each safe to run twice): reminders to
the handling unit before a deadline, and escalation of overdue requests — to
the district platform first, then, a working day later, to city staff. An
``Escalation`` row per (request, level) makes a second run a no-op."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from ..models import Escalation, Request
from ..working_time import add_working_days
from .common import Kind, Status, city_staff, platform_unit_id, record
from .notices import tell_unit, tell_users

# How long before a deadline the unit is reminded, by tier (minutes).
DEFAULT_REMIND_BEFORE = {"urgent": 20, "normal": 4 * 60, "complex": 24 * 60}
WORKING = (Status.ACCEPTED, Status.IN_PROGRESS)


def _remind_before(tier: str) -> datetime.timedelta:
    minutes = getattr(settings, "HOTLINE_REMIND_BEFORE_MINUTES", {}).get(
        tier, DEFAULT_REMIND_BEFORE[tier]
    )
    return datetime.timedelta(minutes=minutes)


def _overdue_filter(now):
    """Open and overdue: not accepted in time, or not replied in time (a
    stopped clock and a sent-back request wait for someone else)."""
    return Q(status=Status.SUBMITTED, accept_due_at__lt=now) | Q(
        status__in=WORKING, resolve_due_at__lt=now
    )


def send_reminders(*, now=None) -> int:
    """Remind the handling unit once per deadline when it comes within the
    tier's window. Returns how many reminders went out."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=1)
    sent = 0
    candidates = Request.objects.filter(
        Q(status=Status.SUBMITTED, accept_reminded_at__isnull=True)
        | Q(status__in=WORKING, resolve_reminded_at__isnull=True)
    ).filter(
        Q(status=Status.SUBMITTED, accept_due_at__range=(now, horizon))
        | Q(status__in=WORKING, resolve_due_at__range=(now, horizon))
    )
    for request in candidates:
        accepting = request.status == Status.SUBMITTED
        due = request.accept_due_at if accepting else request.resolve_due_at
        if due - now > _remind_before(request.tier):
            continue
        field = "accept_reminded_at" if accepting else "resolve_reminded_at"
        with transaction.atomic():
            changed = Request.objects.filter(
                pk=request.pk, status=request.status, **{f"{field}__isnull": True}
            ).update(**{field: now})
            if not changed:
                continue
            record(request, Kind.REMINDED, unit=request.handling_unit, at=now)
            message = (
                gettext_noop("Reminder: accept %(reference)s (%(place)s) in time.")
                if accepting
                else gettext_noop(
                    "Reminder: the answer to %(reference)s (%(place)s) is due soon."
                )
            )
            tell_unit(request.handling_unit_id, request, message)
            sent += 1
    return sent


def _escalate(request: Request, level: str, now) -> bool:
    try:
        with transaction.atomic():
            Escalation.objects.create(
                request=request,
                level=level,
                unit_id=request.handling_unit_id,
                created_at=now,
            )
    except IntegrityError:
        return False  # already escalated at this level: a second run
    record(
        request,
        Kind.ESCALATED,
        unit=request.handling_unit,
        level=Escalation.Level(level).value,
        at=now,
    )
    if level == Escalation.Level.DISTRICT:
        tell_unit(
            platform_unit_id(request.district_id),
            request,
            gettext_noop("Overdue: %(reference)s (%(place)s) needs your supervision."),
        )
    else:
        tell_users(
            city_staff(),
            request,
            gettext_noop("Overdue at city level: %(reference)s (%(place)s)."),
        )
    return True


def escalate_overdue(*, now=None) -> int:
    """Escalate every overdue request: to the district platform as soon as it
    is overdue, to city staff once it is a working day past the deadline.
    Once per level, whatever the number of runs. Returns how many escalations
    were made."""
    now = now or timezone.now()
    made = 0
    overdue = Request.objects.filter(_overdue_filter(now)).exclude(
        escalations__level=Escalation.Level.CITY
    )
    for request in overdue.prefetch_related("escalations"):
        levels = {row.level for row in request.escalations.all()}
        if Escalation.Level.DISTRICT not in levels:
            made += _escalate(request, Escalation.Level.DISTRICT, now)
        accepting = request.status == Status.SUBMITTED
        due = request.accept_due_at if accepting else request.resolve_due_at
        if add_working_days(due, 1) <= now:
            made += _escalate(request, Escalation.Level.CITY, now)
    return made
