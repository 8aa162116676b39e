"""Service records made directly (the hours work makes them in real life), and
rewards, for the points, rewards and certificate tests."""

from datetime import timedelta

from django.utils import timezone

import factory

from volunteers.models import Reward, ServiceRecord, Shift


def add_shifts(
    activity, count: int, *, start=None, hours: int = 2, every=timedelta(days=1)
) -> list[Shift]:
    """``count`` shifts of ``activity`` from ``start`` (by default in the past),
    one ``every`` day."""
    start = start or timezone.now() - timedelta(days=count + 1)
    shifts = [
        Shift(
            activity=activity,
            starts_at=start + every * day,
            ends_at=start + every * day + timedelta(hours=hours),
            capacity=50,
            role="引导员",
        )
        for day in range(count)
    ]
    return Shift.objects.bulk_create(shifts)


def service_record(
    volunteer, shift, *, minutes: int = 120, status: str = "approved", **extra
) -> ServiceRecord:
    """A closed record of ``volunteer`` on ``shift`` with ``minutes``."""
    started_at = extra.pop("started_at", shift.starts_at)
    return ServiceRecord.objects.create(
        volunteer=volunteer,
        shift=shift,
        unit=extra.pop("unit", None) or shift.activity.unit,
        status=status,
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=max(minutes, 1)),
        minutes=minutes,
        rejection_reason="不符合要求" if status == "rejected" else "",
        **extra,
    )


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reward

    name = factory.Sequence(lambda n: f"公交卡充值{n}")
    description = "贵阳公交卡充值 20 元。"
    points_price = 100
    stock = 10
    per_person_limit = 2
    active_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
