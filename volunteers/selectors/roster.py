"""Reads for organisers' rosters, the reminders and the iCalendar feeds. Every
function runs a fixed number of queries, whatever the number of shifts or
sign-ups."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from home.models import UnitMembership, User
from home.permissions import is_staff_or_has_unit_role
from volunteers.models import ActivityPage, Shift, Signup, Volunteer

REMINDER_WINDOW = timedelta(hours=24)


@dataclass
class ShiftRoster:
    """One shift with its sign-ups sorted by status, each list in sign-up order
    (the waitlist's order is the order of promotion)."""

    shift: Shift
    confirmed: list = field(default_factory=list)
    waitlisted: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    no_show: list = field(default_factory=list)
    # No-shows can be marked once the shift has started.
    has_started: bool = False


def user_can_see_roster(*, user: User, activity: ActivityPage) -> bool:
    """Only the organisers of the activity's organising unit (and staff) see its
    roster and its volunteers' contact details."""
    return is_staff_or_has_unit_role(
        user, activity.unit_id, roles=[UnitMembership.Role.ORGANISER]
    )


def require_organiser(*, user: User, activity: ActivityPage) -> None:
    """PermissionDenied, with the unit's name, for anyone who may not see the
    activity's roster (``user_can_see_roster``)."""
    if user_can_see_roster(user=user, activity=activity):
        return
    message = _("Only the organisers of %(unit)s can see and manage this roster.")
    raise PermissionDenied(message % {"unit": activity.unit.name})


def organiser_activity(*, user: User, page_id: int) -> ActivityPage:
    """An activity (with its unit) for its organisers' screens: Http404 if there
    is none, PermissionDenied for anyone but the organisers (and staff)."""
    activity = get_object_or_404(
        ActivityPage.objects.select_related("unit"), pk=page_id
    )
    require_organiser(user=user, activity=activity)
    return activity


def organiser_shift(*, user: User, shift_id: int) -> Shift:
    """A shift (with its activity and unit) for the organisers' check-in code and
    attendance screens: Http404 if there is none, PermissionDenied for anyone but
    the organising unit's organisers (and staff)."""
    shift = get_object_or_404(
        Shift.objects.select_related("activity", "activity__unit"), pk=shift_id
    )
    require_organiser(user=user, activity=shift.activity)
    return shift


def activity_roster(*, activity: ActivityPage, now) -> list[ShiftRoster]:
    """The activity's shifts in time order, each with its sign-ups by status.
    Two queries."""
    rosters = {
        shift.pk: ShiftRoster(shift=shift, has_started=now >= shift.starts_at)
        for shift in Shift.objects.filter(activity=activity)
        .select_related("places")
        .order_by("starts_at", "pk")
    }
    signups = (
        Signup.objects.filter(shift__activity=activity)
        .select_related("volunteer")
        .order_by("created_at", "pk")
    )
    buckets = {
        Signup.Status.CONFIRMED: "confirmed",
        Signup.Status.WAITLISTED: "waitlisted",
        Signup.Status.CANCELLED: "cancelled",
        Signup.Status.NO_SHOW: "no_show",
    }
    for signup in signups:
        roster = rosters.get(signup.shift_id)
        if roster is None or signup.status not in buckets:
            continue
        signup.shift = roster.shift
        getattr(roster, buckets[signup.status]).append(signup)
    return list(rosters.values())


def roster_signup(*, activity: ActivityPage, signup_id: int) -> Signup | None:
    """One sign-up of the activity, with its shift and volunteer."""
    return (
        Signup.objects.filter(pk=signup_id, shift__activity=activity)
        .select_related("shift", "volunteer")
        .first()
    )


def activity_participants(
    *, activity: ActivityPage, shift_id: int | None = None
) -> QuerySet[Volunteer]:
    """The volunteers with a confirmed place on the activity (or on one of its
    shifts), once each, whose account can receive email."""
    signups = Signup.objects.filter(
        shift__activity=activity, status=Signup.Status.CONFIRMED
    )
    if shift_id is not None:
        signups = signups.filter(shift_id=shift_id)
    return (
        Volunteer.objects.filter(pk__in=signups.values("volunteer_id"))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def reminders_due(*, now) -> QuerySet[Signup]:
    """Confirmed sign-ups whose shift starts within the next 24 hours and whose
    volunteer has not been reminded yet."""
    return (
        Signup.objects.filter(
            status=Signup.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + REMINDER_WINDOW,
        )
        .order_by("shift__starts_at", "pk")
        .values_list("pk", flat=True)
    )


def shifts_for_activity_calendar(*, activity: ActivityPage) -> list[Shift]:
    """All the shifts of an activity, for its public calendar file."""
    shifts = list(Shift.objects.filter(activity=activity).order_by("starts_at", "pk"))
    for shift in shifts:
        shift.activity = activity
    return shifts


def shift_for_public_calendar(*, shift_id: int) -> Shift | None:
    """One shift of a live, public activity (with its activity), for the "add to
    calendar" file of the activity page — the shift's times and place only."""
    return (
        Shift.objects.filter(
            pk=shift_id,
            activity__in=ActivityPage.objects.live().public().values("pk"),
        )
        .select_related("activity")
        .first()
    )


def volunteer_by_calendar_token(*, token: str) -> Volunteer | None:
    if not token:
        return None
    return Volunteer.objects.filter(calendar_token=token).first()


def shifts_for_volunteer_calendar(*, volunteer: Volunteer) -> list[Shift]:
    """The shifts where the volunteer has a confirmed place, on live activities."""
    return list(
        Shift.objects.filter(
            signups__volunteer=volunteer,
            signups__status=Signup.Status.CONFIRMED,
            activity__live=True,
        )
        .select_related("activity", "activity__unit")
        .order_by("starts_at", "pk")
        .distinct()
    )
