"""Reads for activity pages: the filtered index and one activity's shifts.

Both return everything a page shows in a fixed number of queries, whatever the
number of activities, shifts and sign-ups: shifts are prefetched in one query and
their waitlist lengths are counted in SQL. The pages call them from their own
methods (``ActivityIndexPage.listing_context``, ``ActivityPage.visitor_context``)."""

from datetime import datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from wagtail.models import Locale

from home.models import District
from volunteers.models import (
    ActivityCategory,
    ActivityIndexPage,
    ActivityPage,
    Shift,
    Signup,
    Volunteer,
)
from volunteers.selectors.signups import signups_of_volunteer_for_shifts

ACTIVITIES_PER_PAGE = 10


def _shifts_queryset() -> QuerySet[Shift]:
    return (
        Shift.objects.select_related("places")
        .annotate(
            waitlist_count=Count(
                "signups", filter=Q(signups__status=Signup.Status.WAITLISTED)
            )
        )
        .order_by("starts_at", "pk")
    )


def attach_shifts(activities) -> None:
    """Make ``activity.shift_list`` (used by ``phase``) the prefetched shifts, so
    that the phase costs no query per activity."""
    for activity in activities:
        activity.__dict__["shift_list"] = activity.prefetched_shifts


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def activities_for_index(
    *,
    index_page,
    now,
    district: str = "",
    category: str = "",
    date_from=None,
    date_to=None,
    skills: str = "",
    places_left: bool = False,
) -> QuerySet[ActivityPage]:
    """The index's live, public activities, filtered by district code, category,
    a date range (a shift starts within it, both days included), a word in the
    skills needed and "places left" (a shift not started yet with a free place).
    Activities with a shift still to come are listed first, soonest first; then
    the others, most recently ended first. Each comes with ``prefetched_shifts``
    (each with ``waitlist_count``) and its unit, team, district."""
    activities = (
        ActivityPage.objects.live().public().select_related("unit", "team", "district")
    )
    # None: every index's (the API's list, the open-data files).
    if index_page is not None:
        activities = activities.descendant_of(index_page)
    if district:
        activities = activities.filter(district__code=district)
    if category:
        activities = activities.filter(category=category)
    shift_filter = Q()
    if date_from:
        shift_filter &= Q(starts_at__gte=_day_start(date_from))
    if date_to:
        shift_filter &= Q(starts_at__lt=_day_start(date_to) + timedelta(days=1))
    if places_left:
        shift_filter &= Q(starts_at__gt=now) & (
            Q(places__isnull=True) | Q(places__confirmed__lt=F("capacity"))
        )
    if shift_filter:
        activities = activities.filter(
            pk__in=Shift.objects.filter(shift_filter).values("activity_id")
        )
    skills = (skills or "").strip()
    if skills:
        activities = activities.filter(required_skills__icontains=skills)
    return (
        activities.annotate(
            next_starts_at=Min(
                "shifts__starts_at", filter=Q(shifts__starts_at__gt=now)
            ),
            last_ends_at=Max("shifts__ends_at"),
        )
        .annotate(
            upcoming_rank=Case(
                When(next_starts_at__isnull=False, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            # Only one kind of key per rank, so NULL ordering never mixes groups.
            past_key=Case(
                When(next_starts_at__isnull=True, then=F("last_ends_at")),
                default=Value(None),
                output_field=DateTimeField(),
            ),
        )
        .order_by("upcoming_rank", "next_starts_at", F("past_key").desc(), "-pk")
        .prefetch_related(
            Prefetch("shifts", queryset=_shifts_queryset(), to_attr="prefetched_shifts")
        )
    )


def public_activities(*, now, **filters) -> QuerySet[ActivityPage]:
    """Every index's live, public activities (``activities_for_index`` with its
    filters) in the site's main language: the API's list and the open-data
    files."""
    return activities_for_index(index_page=None, now=now, **filters).filter(
        locale=Locale.get_default()
    )


def activities_page(
    *, index_page, now, page_number, per_page: int = ACTIVITIES_PER_PAGE, **filters
) -> Page:
    """One page of ``activities_for_index`` (``filters`` are its keyword
    arguments), its list evaluated and each activity's phase free of queries."""
    activities = activities_for_index(index_page=index_page, now=now, **filters)
    page = Paginator(activities, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    attach_shifts(page.object_list)
    return page


def activity_teasers(*, index_page, now, limit: int) -> list[ActivityPage]:
    """The first ``limit`` activities of the index as the index lists them
    (activities with a shift still to come first, soonest first), for a teaser
    such as the home page's. Each has ``next_shift`` (the next shift to start,
    or None), ``upcoming_places_left`` (free places in the shifts still to
    come) and ``upcoming_shift_count``. Two queries."""
    activities = list(activities_for_index(index_page=index_page, now=now)[:limit])
    attach_shifts(activities)
    for activity in activities:
        upcoming = [s for s in activity.prefetched_shifts if s.starts_at > now]
        activity.next_shift = upcoming[0] if upcoming else None
        activity.upcoming_shift_count = len(upcoming)
        activity.upcoming_places_left = sum(shift.places_left for shift in upcoming)
    return activities


def index_filter_choices() -> dict:
    """The options of the index's filter form."""
    return {
        "districts": list(District.objects.all()),
        "categories": ActivityCategory.choices,
    }


def activity_shifts(*, activity) -> list[Shift]:
    """An activity's shifts in time order, each with ``waitlist_count`` — one
    query; also becomes ``activity.shift_list`` so the phase costs nothing more."""
    shifts = list(_shifts_queryset().filter(activity=activity))
    activity.__dict__["shift_list"] = shifts
    return shifts


def activity_shifts_for_visitor(
    *, activity, volunteer: Volunteer | None, now
) -> list[Shift]:
    """An activity's shifts as one visitor sees them, each with ``my_signup``
    (their active sign-up with ``waitlist_position``, or None),
    ``cancellation_deadline``, ``can_cancel``, ``has_started``, ``can_sign_up``
    (the sign-up window is open and the shift has not started) and
    ``waitlist_count``. Two queries; an editor's preview of an activity not saved
    yet reads the shifts from the form instead."""
    if activity.pk is None:
        shifts = list(activity.shifts.all())
        mine = {}
    else:
        shifts = activity_shifts(activity=activity)
        mine = signups_of_volunteer_for_shifts(
            volunteer=volunteer, shift_ids=[shift.pk for shift in shifts]
        )
    window_open = activity.signup_opens_at <= now < activity.signup_closes_at
    for shift in shifts:
        shift.my_signup = mine.get(shift.pk)
        shift.cancellation_deadline = shift.cancellation_closes_at(activity)
        shift.can_cancel = now < shift.cancellation_deadline
        shift.has_started = shift.starts_at <= now
        shift.can_sign_up = window_open and not shift.has_started
        shift.waitlist_count = getattr(shift, "waitlist_count", 0)
    return shifts


def unit_activities_summary(*, unit, now=None, limit: int = 5) -> dict:
    """A unit's live, public activities for its profile in ``home``: ``upcoming``
    (a shift not ended yet; soonest first, with ``next_starts_at``) and
    ``recent`` (all shifts ended; most recent first, with ``last_ends_at``), at
    most ``limit`` each, and ``total``. Three queries, however many there are."""
    now = now or timezone.now()
    activities = (
        ActivityPage.objects.live()
        .public()
        .filter(unit=unit)
        .select_related("district")
        .annotate(
            next_starts_at=Min("shifts__starts_at", filter=Q(shifts__ends_at__gt=now)),
            last_ends_at=Max("shifts__ends_at"),
        )
    )
    upcoming = activities.filter(last_ends_at__gt=now).order_by("next_starts_at", "pk")
    recent = activities.filter(last_ends_at__lte=now).order_by("-last_ends_at", "-pk")
    return {
        "upcoming": list(upcoming[:limit]),
        "recent": list(recent[:limit]),
        "total": ActivityPage.objects.live().public().filter(unit=unit).count(),
    }


def activities_section() -> ActivityIndexPage | None:
    """The live activities section, where a volunteer finds an activity to join,
    or None: one query."""
    return ActivityIndexPage.objects.live().order_by("path").first()
