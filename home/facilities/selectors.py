"""Reads for open facilities: the public directory, one facility's free slots, a
unit's facilities and booking requests, a resident's bookings. Each returns what a
page shows in a fixed number of queries, however many facilities, opening hours
and bookings there are."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from wagtail.images import get_image_model

from home.facilities.slots import bookable_days, slots_on_day
from home.models import (
    ACTIVE_BOOKING_STATUSES,
    BookingCalendarToken,
    BookingStatus,
    Facility,
    FacilityBooking,
    FacilityOpeningHours,
    Unit,
    UnitMembership,
    User,
)
from home.permissions import is_staff_or_has_unit_role

# The photo renditions the pages show; prefetched so a list costs no query per item.
CARD_IMAGE = "fill-480x270"
PAGE_IMAGE = "fill-960x540"
# At most this many days of slots on a facility's page.
SCHEDULE_DAYS = 14
FACILITY_MANAGER_ROLES = (UnitMembership.Role.ADMIN, UnitMembership.Role.EDITOR)


def user_can_manage_unit_facilities(*, user: User, unit: Unit) -> bool:
    """Staff, and the unit's own admins and editors, manage its facilities and
    decide on their bookings."""
    return is_staff_or_has_unit_role(user, unit, roles=FACILITY_MANAGER_ROLES)


def _with_image(queryset: QuerySet[Facility], spec: str) -> QuerySet[Facility]:
    images = get_image_model().objects.prefetch_renditions(spec)
    return queryset.prefetch_related(Prefetch("image", queryset=images))


def _hours_prefetch() -> Prefetch:
    return Prefetch(
        "opening_hours",
        queryset=FacilityOpeningHours.objects.order_by("weekday", "opens"),
        to_attr="hours_list",
    )


def facilities_directory(
    *, district_code: str = "", kind: str = ""
) -> QuerySet[Facility]:
    """Active facilities for the public list, filtered by district code and kind,
    with unit, district, photo renditions and opening hours."""
    facilities = Facility.objects.filter(is_active=True).select_related(
        "unit", "district"
    )
    if district_code:
        facilities = facilities.filter(district__code=district_code)
    if kind:
        facilities = facilities.filter(kind=kind)
    facilities = facilities.prefetch_related(_hours_prefetch())
    return _with_image(facilities, CARD_IMAGE).order_by(
        "district__sort_order", "unit__name", "name", "pk"
    )


def facility_for_page(*, pk: int) -> Facility | None:
    """An active facility with its unit, district, photo and opening hours
    (``hours_list``)."""
    facilities = (
        Facility.objects.filter(pk=pk, is_active=True)
        .select_related("unit", "district", "pledge_item__page")
        .prefetch_related(_hours_prefetch())
    )
    return _with_image(facilities, PAGE_IMAGE).first()


@dataclass
class ScheduleSlot:
    starts_at: datetime
    ends_at: datetime
    taken: bool = False


@dataclass
class ScheduleDay:
    day: date
    slots: list[ScheduleSlot] = field(default_factory=list)

    @property
    def free_slots(self) -> list[ScheduleSlot]:
        return [slot for slot in self.slots if not slot.taken]


def facility_schedule(
    *, facility: Facility, now: datetime, days: int = SCHEDULE_DAYS
) -> list[ScheduleDay]:
    """The facility's slots from now to the end of its booking horizon (at most
    ``days`` days after today), from its opening hours (``hours_list`` when
    prefetched), each marked taken when an active booking overlaps it. Slots
    already begun are left out. One query for the bookings (and one for the
    hours when not prefetched)."""
    periods = getattr(facility, "hours_list", None)
    if periods is None:
        periods = list(facility.opening_hours.all())
    today = timezone.localdate(now)
    horizon = min(facility.booking_horizon_days, days)
    schedule = []
    for day in bookable_days(today=today, horizon_days=horizon):
        slots = [
            ScheduleSlot(starts_at=s.starts_at, ends_at=s.ends_at)
            for s in slots_on_day(
                day=day, periods=periods, slot_minutes=facility.slot_minutes
            )
            if s.starts_at > now
        ]
        if slots:
            schedule.append(ScheduleDay(day=day, slots=slots))
    if not schedule:
        return []
    window_start = schedule[0].slots[0].starts_at
    window_end = schedule[-1].slots[-1].ends_at
    taken = list(
        FacilityBooking.objects.filter(
            facility=facility,
            status__in=ACTIVE_BOOKING_STATUSES,
            starts_at__lt=window_end,
            ends_at__gt=window_start,
        ).values_list("starts_at", "ends_at")
    )
    for schedule_day in schedule:
        for slot in schedule_day.slots:
            slot.taken = any(
                start < slot.ends_at and end > slot.starts_at for start, end in taken
            )
    return schedule


def unit_facilities(*, unit: Unit, include_inactive: bool = False):
    """A unit's facilities (active only unless asked), with opening hours."""
    facilities = Facility.objects.filter(unit=unit).select_related("district")
    if not include_inactive:
        facilities = facilities.filter(is_active=True)
    return facilities.prefetch_related(_hours_prefetch()).order_by("name", "pk")


def unit_bookings(
    *, unit: Unit, now: datetime, status: str = BookingStatus.REQUESTED
) -> QuerySet[FacilityBooking]:
    """Bookings of the unit's facilities in one status; open requests and
    approved bookings still to come are listed soonest first, decided or
    cancelled ones most recent first."""
    bookings = FacilityBooking.objects.filter(
        facility__unit=unit, status=status
    ).select_related("facility", "user", "decided_by")
    if status in ACTIVE_BOOKING_STATUSES:
        return bookings.filter(ends_at__gt=now).order_by("starts_at", "pk")
    return bookings.order_by("-starts_at", "-pk")


def user_bookings(*, user: User, now: datetime, limit: int = 10) -> dict:
    """A resident's bookings for their account page: ``upcoming`` (requested or
    approved, not ended yet, soonest first) and ``recent`` (the rest of the last
    30 days: declined, cancelled or past), each with its facility and unit."""
    bookings = FacilityBooking.objects.filter(user=user).select_related(
        "facility", "facility__unit"
    )
    upcoming = list(
        bookings.filter(status__in=ACTIVE_BOOKING_STATUSES, ends_at__gt=now).order_by(
            "starts_at", "pk"
        )[:limit]
    )
    upcoming_ids = [booking.pk for booking in upcoming]
    recent = list(
        bookings.filter(starts_at__gte=now - timedelta(days=30))
        .exclude(pk__in=upcoming_ids)
        .order_by("-starts_at", "-pk")[:limit]
    )
    return {"upcoming": upcoming, "recent": recent}


def user_bookings_for_calendar(*, user: User) -> QuerySet[FacilityBooking]:
    """The bookings in a resident's calendar feed: requested and approved, from a
    month ago on."""
    since = timezone.now() - timedelta(days=30)
    return (
        FacilityBooking.objects.filter(
            user=user, status__in=ACTIVE_BOOKING_STATUSES, ends_at__gte=since
        )
        .select_related("facility", "facility__unit")
        .order_by("starts_at", "pk")
    )


def user_by_booking_calendar_token(*, token: str) -> User | None:
    found = (
        BookingCalendarToken.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def booking_calendar_token_of(*, user: User) -> str | None:
    return (
        BookingCalendarToken.objects.filter(user=user)
        .values_list("token", flat=True)
        .first()
    )


def booking_request_counts(*, unit_ids, now: datetime) -> dict[int, int]:
    """Per unit, how many open requests its bookings list (``unit_bookings`` with
    the default status) shows: one query for every unit."""
    rows = (
        FacilityBooking.objects.filter(
            facility__unit_id__in=unit_ids,
            status=BookingStatus.REQUESTED,
            ends_at__gt=now,
        )
        .values("facility__unit_id")
        .annotate(requests=Count("pk"))
        .order_by()
    )
    return {row["facility__unit_id"]: row["requests"] for row in rows}
