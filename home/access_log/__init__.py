"""Who looked at whose personal data: the one place that records it.

Views and exports that show or hand out another person's personal data call
``access_record`` (the roster and its downloads, the volunteer review pages,
service-record screens and exports, unit member lists, certificates downloaded by
someone else, team requests, a unit's facility bookings, the admin's account and
volunteer screens). A person looking at their own data is never recorded.

Why a model of our own rather than django-auditlog's access log: auditlog writes
one ``LogEntry`` per *object* (content type + primary key as text, extra facts in
a JSON column). Here the question is per *person* — "who saw my data" — and one
roster download shows thirty people, so we need one row per person with an
indexed person column, the unit the viewer acted for as a real column (filters,
the person's own page) and no copy of the data itself in the log. See README.md,
"Personal data access log"."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from home.models import AccessRecord, Unit, UnitMembership
from home.permissions import is_platform_staff

__all__ = ["AccessRecord", "access_record", "access_records_purge"]

_FIELD_LENGTH = 200


def _ids(subjects: Iterable) -> set[int]:
    ids = set()
    for subject in subjects:
        if subject is None:
            continue
        ids.add(subject if isinstance(subject, int) else subject.pk)
    ids.discard(None)
    return ids


def _acting(*, viewer, unit: Unit | None, team_name: str) -> tuple[str, str]:
    """For whom the viewer acted: the unit whose role let them in, a team they
    lead, or the platform's staff; with the name as it is now."""
    if (
        unit is not None
        and UnitMembership.objects.filter(unit=unit, user=viewer).exists()
    ):
        return AccessRecord.ActedAs.UNIT, unit.name
    if is_platform_staff(viewer):
        return AccessRecord.ActedAs.STAFF, ""
    if team_name:
        return AccessRecord.ActedAs.TEAM, team_name
    if unit is not None:
        return AccessRecord.ActedAs.UNIT, unit.name
    # A screen scoped to all the viewer's units (the review list): name them.
    names = (
        Unit.objects.filter(memberships__user=viewer)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return AccessRecord.ActedAs.UNIT, "、".join(names)[:_FIELD_LENGTH]


def access_record(
    *,
    viewer,
    subjects: Iterable[Model | int],
    what: str,
    unit: Unit | None = None,
    team_name: str = "",
    detail: str = "",
    request=None,
) -> int:
    """Records that ``viewer`` saw or downloaded the personal data of each of
    ``subjects`` (users or user ids) on a screen of kind ``what``
    (``AccessRecord.What``), acting for ``unit`` (or as a leader of the team
    ``team_name``, or as staff). ``detail`` says what it was about (an activity's
    title, a team's name) and must hold no one's personal data. The viewer's own
    data is left out. One row per person, written in one query; returns the
    number written."""
    if viewer is None or not viewer.is_authenticated:
        return 0
    subject_ids = _ids(subjects) - {viewer.pk}
    if not subject_ids:
        return 0
    acted_as, acting_for = _acting(viewer=viewer, unit=unit, team_name=team_name)
    now = timezone.now()
    path = request.path[:300] if request is not None else ""
    AccessRecord.objects.bulk_create(
        AccessRecord(
            viewer=viewer,
            subject_id=subject_id,
            what=what,
            acted_as=acted_as,
            unit=unit,
            acting_for=acting_for,
            detail=detail[:_FIELD_LENGTH],
            path=path,
            accessed_at=now,
        )
        for subject_id in sorted(subject_ids)
    )
    return len(subject_ids)


def access_records_purge(*, now=None) -> int:
    """Deletes the records older than ``CANYU_ACCESS_LOG_RETENTION_DAYS``; safe to
    run twice. Returns the number deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CANYU_ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessRecord.objects.filter(accessed_at__lt=cutoff).delete()
    return deleted
