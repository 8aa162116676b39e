"""Reads about sign-ups: waitlist positions, a volunteer's own sign-ups."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from volunteers.models import Signup


def waitlist_position_expression():
    """An annotation: 1 for the first on the shift's waitlist, 2 for the next …
    (order of sign-up, ties broken by id). Meaningful on WAITLISTED rows only."""
    ahead = (
        Signup.objects.filter(shift=OuterRef("shift"), status=Signup.Status.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("shift")
        .annotate(position=Count("pk"))
        .values("position")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), 0)


def waitlist_position(signup: Signup) -> int | None:
    """Where a waitlisted sign-up stands in its shift's queue (1 = next)."""
    if signup.status != Signup.Status.WAITLISTED:
        return None
    return (
        Signup.objects.filter(shift_id=signup.shift_id, status=Signup.Status.WAITLISTED)
        .filter(
            Q(created_at__lt=signup.created_at)
            | Q(created_at=signup.created_at, pk__lte=signup.pk)
        )
        .count()
    )


def signups_of_volunteer_for_shifts(*, volunteer, shift_ids) -> dict[int, Signup]:
    """The volunteer's active (confirmed or waitlisted) sign-up per shift id, with
    ``waitlist_position`` annotated — one query."""
    if volunteer is None:
        return {}
    signups = Signup.objects.filter(
        volunteer=volunteer,
        shift_id__in=list(shift_ids),
        status__in=[Signup.Status.CONFIRMED, Signup.Status.WAITLISTED],
    ).annotate(waitlist_position=waitlist_position_expression())
    return {signup.shift_id: signup for signup in signups}


def _volunteer_signups(volunteer) -> QuerySet[Signup]:
    return Signup.objects.filter(volunteer=volunteer).select_related(
        "shift__activity__unit", "shift__activity__district"
    )


def my_signups(*, volunteer, now=None) -> dict[str, list[Signup]]:
    """A volunteer's own schedule, three queries whatever its size:

    - ``upcoming``: confirmed places in shifts that have not ended, soonest first;
    - ``waitlisted``: waitlist entries for shifts not started yet, soonest first,
      each with ``waitlist_position`` (1 = next to get a place);
    - ``past``: shifts that have ended which they were confirmed for (or marked
      absent from), most recent first.

    Each sign-up comes with ``shift`` and ``shift.activity`` (unit, district);
    upcoming and waitlisted ones also with ``cancellation_deadline`` and
    ``can_cancel``. The past list holds the latest 100."""
    now = now or timezone.now()
    upcoming = _volunteer_signups(volunteer).filter(
        status=Signup.Status.CONFIRMED, shift__ends_at__gt=now
    )
    waitlisted = (
        _volunteer_signups(volunteer)
        .filter(status=Signup.Status.WAITLISTED, shift__starts_at__gt=now)
        .annotate(waitlist_position=waitlist_position_expression())
    )
    past = _volunteer_signups(volunteer).filter(
        status__in=[Signup.Status.CONFIRMED, Signup.Status.NO_SHOW],
        shift__ends_at__lte=now,
    )
    result = {
        "upcoming": list(upcoming.order_by("shift__starts_at", "pk")),
        "waitlisted": list(waitlisted.order_by("shift__starts_at", "pk")),
        "past": list(past.order_by(F("shift__starts_at").desc(), "-pk")[:100]),
    }
    for signup in result["upcoming"] + result["waitlisted"]:
        signup.cancellation_deadline = signup.shift.cancellation_closes_at(
            signup.shift.activity
        )
        signup.can_cancel = now < signup.cancellation_deadline
    return result
