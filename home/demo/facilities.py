"""The demo open facilities (开放设施, run by ``manage.py seed_demo`` through
``seed_facilities``): about thirty facilities of the demo units in Guiyang with
weekly opening hours, and bookings in every state (requested, approved, declined,
cancelled; past and to come) for the demo residents — resident01 has one of each.

Idempotent and deterministic: facilities are found by (unit, name) and written
only when they differ; a facility's hours and bookings are written only when it
has none. The content is in data/facilities.json."""

from collections import Counter
from datetime import time, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from home import demo
from home.demo.seeding import (
    DemoLoader,
    bulk_create_dated,
    demo_residents,
    read_data,
    seeded,
)
from home.facilities.slots import slots_on_day
from home.models import (
    BookingStatus,
    Facility,
    FacilityBooking,
    FacilityOpeningHours,
    Unit,
    UnitMembership,
)

PAST = [BookingStatus.APPROVED, BookingStatus.APPROVED, BookingStatus.DECLINED]
FUTURE = [
    BookingStatus.REQUESTED,
    BookingStatus.APPROVED,
    BookingStatus.REQUESTED,
    BookingStatus.DECLINED,
    BookingStatus.CANCELLED,
]
ACTIVE_LIMIT = 3  # as the booking service allows each resident


class DemoFacility(NamedTuple):
    unit: str
    name: str
    kind: str
    place: str  # appended to the unit's address
    capacity: int
    slot_minutes: int
    hours: str  # a weekly pattern of HOURS
    description: str
    rules: str  # a text of the data file's "rules"
    horizon_days: int = 14


def _weekly(periods) -> list[tuple[int, time, time]]:
    """(weekday, opens, closes) for each day of each {days, opens, closes}."""
    return [
        (day, time.fromisoformat(period["opens"]), time.fromisoformat(period["closes"]))
        for period in periods
        for day in period["days"]
    ]


_DATA = read_data(demo.__file__, "facilities")
HOURS = {name: _weekly(periods) for name, periods in _DATA["hours"].items()}
FACILITIES = [
    DemoFacility(**{**row, "rules": _DATA["rules"][row["rules"]]})
    for row in _DATA["facilities"]
]
PURPOSES = _DATA["purposes"]
DECLINE_REASONS = _DATA["decline_reasons"]


def random_for(key: str):
    return seeded("canyu-demo-facilities", key)


class FacilitiesDemo(DemoLoader):
    def run(self) -> None:
        with transaction.atomic():
            units = {u.name: u for u in Unit.objects.select_related("district")}
            facilities = self.seed_facilities(units)
            self.seed_hours(facilities)
            self.seed_bookings(facilities)
        self.write_stats()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo facilities ready: {Facility.objects.count()} facilities, "
                f"{FacilityBooking.objects.count()} bookings."
            )
        )

    def seed_facilities(self, units) -> list[tuple[Facility, DemoFacility]]:
        existing = {(f.unit_id, f.name): f for f in Facility.objects.all()}
        seeded_rows, new, changed = [], [], []
        for spec in FACILITIES:
            unit = units.get(spec.unit)
            if unit is None:  # seed_demo has not made this unit
                continue
            values = {
                "kind": spec.kind,
                "address": f"{unit.address}{spec.place}",
                "district_id": unit.district_id,
                "description": spec.description,
                "rules": spec.rules,
                "capacity": spec.capacity,
                "slot_minutes": spec.slot_minutes,
                "booking_horizon_days": spec.horizon_days,
                "is_active": True,
            }
            facility = existing.get((unit.pk, spec.name))
            if facility is None:
                facility = Facility(unit=unit, name=spec.name, **values)
                new.append(facility)
            else:
                differs = {k: v for k, v in values.items() if getattr(facility, k) != v}
                for field, value in differs.items():
                    setattr(facility, field, value)
                (changed if differs else seeded_rows).append(facility)
                if differs:
                    self.stats["Facility"]["updated"] += 1
                else:
                    self.stats["Facility"]["unchanged"] += 1
            facility._demo_spec = spec
        for facility in new:
            facility.full_clean(exclude=["unit", "district"])
        Facility.objects.bulk_create(new)
        self.stats["Facility"]["created"] += len(new)
        for facility in changed:
            facility.save()
        rows = [*seeded_rows, *changed, *new]
        return [(facility, facility._demo_spec) for facility in rows]

    def seed_hours(self, facilities) -> None:
        with_hours = set(
            FacilityOpeningHours.objects.values_list("facility_id", flat=True)
        )
        rows = [
            FacilityOpeningHours(facility=facility, weekday=w, opens=o, closes=c)
            for facility, spec in facilities
            if facility.pk not in with_hours
            for w, o, c in HOURS[spec.hours]
        ]
        FacilityOpeningHours.objects.bulk_create(rows)
        self.stats["FacilityOpeningHours"]["created"] += len(rows)
        self.stats["FacilityOpeningHours"]["unchanged"] += len(with_hours)

    def seed_bookings(self, facilities) -> None:
        booked = set(
            FacilityBooking.objects.values_list("facility_id", flat=True).distinct()
        )
        residents = demo_residents()
        if not residents:
            return
        deciders = {}
        for membership in UnitMembership.objects.filter(
            role__in=[UnitMembership.Role.ADMIN, UnitMembership.Role.EDITOR]
        ).order_by("role"):
            deciders.setdefault(membership.unit_id, membership.user_id)
        active = Counter(
            FacilityBooking.objects.filter(
                status__in=[BookingStatus.REQUESTED, BookingStatus.APPROVED],
                ends_at__gt=self.now,
            ).values_list("user_id", flat=True)
        )
        turn = 0
        rows = []
        for facility, spec in facilities:
            if facility.pk in booked:
                self.stats["FacilityBooking"]["unchanged"] += 1
                continue
            rng = random_for(f"{spec.unit}:{spec.name}")
            periods = [
                FacilityOpeningHours(weekday=w, opens=o, closes=c)
                for w, o, c in HOURS[spec.hours]
            ]
            today = timezone.localdate(self.now)
            past = self._slots(today, range(-21, 0), periods, spec.slot_minutes)
            future = self._slots(today, range(1, 11), periods, spec.slot_minutes)
            picks = [
                *zip(PAST, rng.sample(past, min(len(PAST), len(past))), strict=False),
                *zip(
                    FUTURE,
                    rng.sample(future, min(len(FUTURE), len(future))),
                    strict=False,
                ),
            ]
            for status, slot in picks:
                is_active = slot.ends_at > self.now and status in (
                    BookingStatus.REQUESTED,
                    BookingStatus.APPROVED,
                )
                for _attempt in range(len(residents)):
                    user = residents[turn % len(residents)]
                    turn += 1
                    if not is_active or active[user.pk] < ACTIVE_LIMIT:
                        break
                else:
                    continue
                if is_active:
                    active[user.pk] += 1
                rows.append(self._booking(facility, user, status, slot, rng, deciders))
        bulk_create_dated(FacilityBooking, rows)
        self.stats["FacilityBooking"]["created"] += len(rows)

    @staticmethod
    def _slots(today, offsets, periods, slot_minutes):
        return [
            slot
            for offset in offsets
            for slot in slots_on_day(
                day=today + timedelta(days=offset),
                periods=periods,
                slot_minutes=slot_minutes,
            )
        ]

    def _booking(self, facility, user, status, slot, rng, deciders):
        requested_at = min(
            slot.starts_at - timedelta(days=rng.randint(1, 6)),
            self.now - timedelta(hours=rng.randint(1, 48)),
        )
        decided = status in (BookingStatus.APPROVED, BookingStatus.DECLINED)
        people = max(1, min(facility.capacity, rng.randint(2, 15)))
        return FacilityBooking(
            facility=facility,
            user=user,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            people=people,
            purpose=rng.choice(PURPOSES),
            status=status,
            decision_reason=(
                rng.choice(DECLINE_REASONS) if status == BookingStatus.DECLINED else ""
            ),
            decided_by_id=deciders.get(facility.unit_id) if decided else None,
            decided_at=(
                min(requested_at + timedelta(hours=3), self.now) if decided else None
            ),
            cancelled_at=(
                min(requested_at + timedelta(hours=5), self.now)
                if status == BookingStatus.CANCELLED
                else None
            ),
            created_at=requested_at,
        )
