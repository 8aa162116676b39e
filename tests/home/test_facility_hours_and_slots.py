"""Opening hours are validated (closing after opening, no overlaps), and a
facility's free slots come from its hours, in Asia/Shanghai time, minus the slots
already taken."""

from datetime import UTC, date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from home.facilities import selectors, services
from home.facilities.slots import slot_at, slots_on_day
from home.models import FacilityBooking, FacilityOpeningHours, Weekday
from home.models.facilities import validate_opening_hours
from tests.factories import UserFactory
from tests.home.factories import FacilityFactory, local

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 6, 3)  # a Monday


def test_valid_hours_pass_including_two_periods_a_day():
    validate_opening_hours(
        [
            (0, time(8), time(12)),
            (0, time(12), time(18)),  # touching is not overlapping
            (6, time(9), time(11)),
        ]
    )


@pytest.mark.usefixtures("messages_in_english")
def test_closing_before_opening_and_overlaps_are_refused_with_each_problem():
    with pytest.raises(ValidationError) as raised:
        validate_opening_hours(
            [
                (0, time(8), time(12)),
                (0, time(11), time(14)),
                (2, time(18), time(9)),
            ]
        )
    messages = raised.value.messages
    assert any("Monday" in m and "overlap" in m for m in messages)
    assert any("Wednesday" in m and "after opening" in m for m in messages)


def test_database_refuses_hours_that_close_before_they_open(facility):
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityOpeningHours.objects.create(
            facility=facility, weekday=0, opens=time(10), closes=time(9)
        )


def test_replacing_hours_with_an_overlap_changes_nothing(facility, unit_admin):
    before = list(facility.opening_hours.values_list("weekday", "opens", "closes"))
    with pytest.raises(ServiceError):
        services.facility_opening_hours_replace(
            actor=unit_admin,
            facility=facility,
            periods=[(1, time(9), time(12)), (1, time(10), time(11))],
        )
    after = list(facility.opening_hours.values_list("weekday", "opens", "closes"))
    assert after == before


def test_slots_fill_each_period_whole_in_shanghai_time(facility):
    periods = [
        FacilityOpeningHours(weekday=0, opens=time(9), closes=time(11, 30)),
        FacilityOpeningHours(weekday=0, opens=time(14), closes=time(15)),
        FacilityOpeningHours(weekday=1, opens=time(9), closes=time(10)),
    ]
    slots = slots_on_day(day=MONDAY, periods=periods, slot_minutes=60)
    # 09–10, 10–11 (11:00–11:30 is too short for a slot), 14–15; not Tuesday's.
    assert [(s.starts_at.hour, s.ends_at.hour) for s in slots] == [
        (9, 10),
        (10, 11),
        (14, 15),
    ]
    assert all(s.starts_at.utcoffset() == timedelta(hours=8) for s in slots)
    # 09:00 in Guiyang is 01:00 UTC.
    assert slots[0].starts_at.astimezone(UTC).hour == 1
    assert slot_at(starts_at=local(MONDAY, 10), periods=periods, slot_minutes=60)
    assert not slot_at(
        starts_at=local(MONDAY, 10, 30), periods=periods, slot_minutes=60
    )
    assert not slot_at(starts_at=local(MONDAY, 11), periods=periods, slot_minutes=60)


def test_schedule_follows_weekdays_horizon_and_taken_slots():
    facility = FacilityFactory(
        booking_horizon_days=7,
        slot_minutes=30,
        hours=[
            (Weekday.MONDAY, time(9), time(10)),
            (Weekday.FRIDAY, time(18), time(19)),
        ],
    )
    now = local(MONDAY, 9, 10)  # Monday's first slot has begun
    FacilityBooking.objects.create(
        facility=facility,
        user=UserFactory(),
        starts_at=local(MONDAY + timedelta(days=4), 18, 30),
        ends_at=local(MONDAY + timedelta(days=4), 19),
        people=5,
        purpose="羽毛球",
    )
    schedule = selectors.facility_schedule(facility=facility, now=now)
    days = [
        (d.day, [(s.starts_at.strftime("%H:%M"), s.taken) for s in d.slots])
        for d in schedule
    ]
    assert days == [
        (MONDAY, [("09:30", False)]),
        (MONDAY + timedelta(days=4), [("18:00", False), ("18:30", True)]),
        # The next Monday is 7 days on: inside the horizon.
        (MONDAY + timedelta(days=7), [("09:00", False), ("09:30", False)]),
    ]
    assert [len(d.free_slots) for d in schedule] == [1, 1, 2]


def test_cancelled_and_declined_bookings_leave_the_slot_free():
    facility = FacilityFactory(hours=[(Weekday.MONDAY, time(9), time(10))])
    for status in ("cancelled", "declined"):
        FacilityBooking.objects.create(
            facility=facility,
            user=UserFactory(),
            starts_at=local(MONDAY, 9),
            ends_at=local(MONDAY, 10),
            people=1,
            purpose="会议",
            status=status,
        )
    schedule = selectors.facility_schedule(facility=facility, now=local(MONDAY, 7))
    assert [s.taken for s in schedule[0].slots] == [False]


def test_schedule_costs_one_query_with_prefetched_hours(django_assert_num_queries):
    facility = FacilityFactory(booking_horizon_days=14)
    for offset in range(1, 10):
        day = timezone.localdate() + timedelta(days=offset)
        FacilityBooking.objects.create(
            facility=facility,
            user=UserFactory(),
            starts_at=local(day, 9),
            ends_at=local(day, 10),
            people=1,
            purpose="读书会",
        )
    facility = selectors.facility_for_page(pk=facility.pk)
    with django_assert_num_queries(1):
        schedule = selectors.facility_schedule(facility=facility, now=timezone.now())
    assert sum(1 for d in schedule for s in d.slots if s.taken) == 9


@pytest.mark.usefixtures("messages_in_english")
def test_opening_hours_summary_groups_runs_of_days_with_the_same_hours():
    from home.templatetags.facility_tags import opening_hours_summary

    hours = [
        FacilityOpeningHours(weekday=day, opens=time(9), closes=time(12))
        for day in range(5)
    ] + [
        FacilityOpeningHours(weekday=5, opens=time(8), closes=time(12)),
        FacilityOpeningHours(weekday=5, opens=time(14), closes=time(20)),
        FacilityOpeningHours(weekday=6, opens=time(8), closes=time(12)),
        FacilityOpeningHours(weekday=6, opens=time(14), closes=time(20)),
    ]
    rows = [(row["days"], row["periods"]) for row in opening_hours_summary(hours)]
    assert rows == [
        ("Monday to Friday", "09:00–12:00"),
        ("Saturday and Sunday", "08:00–12:00, 14:00–20:00"),
    ]
