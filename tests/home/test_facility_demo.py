"""`manage.py seed_facilities` (run by seed_demo) gives demo units facilities with
opening hours and bookings in every state, never two active bookings on a slot,
and a second run changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

import pytest

from home.demo import facilities as demo
from home.facilities.slots import slot_at
from home.models import BookingStatus, Facility, FacilityBooking
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_stands_still")]


@pytest.fixture
def demo_units_and_residents(db):
    for name in sorted({spec.unit for spec in demo.FACILITIES}):
        UnitFactory(name=name, address="贵阳市")
    return [UserFactory(email=f"resident{n:02d}@demo.canyu.cn") for n in range(1, 31)]


def seed() -> str:
    out = StringIO()
    call_command("seed_facilities", force=True, stdout=out)
    return out.getvalue()


def test_demo_facilities_with_hours_and_bookings_in_every_state(
    demo_units_and_residents,
):
    seed()
    assert Facility.objects.count() == len(demo.FACILITIES)
    assert not Facility.objects.filter(opening_hours__isnull=True).exists()
    statuses = set(FacilityBooking.objects.values_list("status", flat=True))
    assert statuses == set(BookingStatus.values)
    for booking in FacilityBooking.objects.select_related("facility"):
        facility = booking.facility
        assert slot_at(
            starts_at=booking.starts_at,
            periods=list(facility.opening_hours.all()),
            slot_minutes=facility.slot_minutes,
        )
        assert booking.people <= facility.capacity
    assert not FacilityBooking.objects.filter(
        status=BookingStatus.DECLINED, decision_reason=""
    ).exists()
    resident01 = demo_units_and_residents[0]
    mine = set(
        FacilityBooking.objects.filter(user=resident01).values_list("status", flat=True)
    )
    assert {BookingStatus.REQUESTED, BookingStatus.APPROVED} <= mine


def test_demo_facilities_run_twice_changes_nothing(demo_units_and_residents):
    seed()
    before = (
        Facility.objects.count(),
        FacilityBooking.objects.count(),
        list(Facility.objects.annotate(n=Count("opening_hours")).values_list("n")),
    )
    second = seed()
    after = (
        Facility.objects.count(),
        FacilityBooking.objects.count(),
        list(Facility.objects.annotate(n=Count("opening_hours")).values_list("n")),
    )
    assert after == before
    stats = [line for line in second.splitlines() if line.endswith(" unchanged")]
    assert stats and all("0 created, 0 updated" in line for line in stats)


def test_seed_facilities_refuses_to_run_with_debug_off_unless_forced(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_facilities", stdout=StringIO())
