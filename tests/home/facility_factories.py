"""Factories and helpers for open-facility tests."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

import factory

from home.models import District, Facility, FacilityOpeningHours
from tests.factories import UnitFactory

# Every day 09:00–12:00 and 14:00–17:00, one-hour slots.
DEFAULT_HOURS = [(weekday, time(9), time(12)) for weekday in range(7)] + [
    (weekday, time(14), time(17)) for weekday in range(7)
]


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"职工篮球场{n}")
    kind = "sports_ground"
    address = "贵阳市南明区花果园大街1号"
    district = factory.LazyFunction(lambda: District.objects.get(code="520102"))
    description = "标准室外篮球场，灯光照明。"
    rules = "请穿运动鞋入场，爱护场地设施。"
    capacity = 20
    slot_minutes = 60
    booking_horizon_days = 14

    @factory.post_generation
    def hours(facility, create, extracted, **kwargs):
        if not create:
            return
        periods = DEFAULT_HOURS if extracted is None else extracted
        FacilityOpeningHours.objects.bulk_create(
            FacilityOpeningHours(facility=facility, weekday=w, opens=o, closes=c)
            for w, o, c in periods
        )


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def tomorrow_at(hour: int = 9, minute: int = 0) -> datetime:
    return local(tomorrow(), hour, minute)
