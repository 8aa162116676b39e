"""Factories and helpers for the volunteers app's tests: volunteers, activity
pages with shifts, sign-ups, service records in any state, and rewards."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

import factory

from home.models import District
from home.services.workspaces import folder_for
from tests.factories import PublishedPageFactory, UnitFactory, UserFactory, site_home
from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    Reward,
    ServiceRecord,
    Shift,
    ShiftPlaces,
    Signup,
    UnitActivitiesPage,
    Volunteer,
)


class VolunteerFactory(factory.django.DjangoModelFactory):
    """An approved (active) volunteer with a verified account."""

    class Meta:
        model = Volunteer

    user = factory.SubFactory(UserFactory)
    real_name = factory.Sequence(lambda n: f"志愿者{n}")
    phone = factory.Sequence(lambda n: f"+86138{n:08d}")
    birth_year = 1990
    district = factory.LazyFunction(lambda: District.objects.get(code="520102"))
    community = "花果园社区"
    categories = factory.LazyFunction(lambda: ["resident"])
    code_of_conduct_accepted_at = factory.LazyFunction(timezone.now)
    status = Volunteer.Status.ACTIVE
    green_ribbon_number = factory.Sequence(lambda n: f"GY2026{n:06d}")


# Activities ---------------------------------------------------------------------


class ActivityIndexPageFactory(PublishedPageFactory):
    """The activities section, under the site's home page."""

    class Meta:
        model = ActivityIndexPage

    parent = factory.LazyFunction(site_home)
    title = "志愿服务活动"
    slug = "activities"


class ActivityPageFactory(PublishedPageFactory):
    """A published activity of ``unit`` (in the unit's activities folder, under
    the activities section, which must exist) open for sign-up, with a shift for
    each of ``shift_rows``: (starts in N days, lasts N hours, capacity)."""

    class Meta:
        model = ActivityPage

    class Params:
        now = factory.LazyFunction(timezone.now)
        shift_rows = ((2, 3, 10),)

    unit = factory.SubFactory(UnitFactory)
    parent = factory.LazyAttribute(
        lambda page: folder_for(unit=page.unit, folder_model=UnitActivitiesPage)
    )
    title = "花果园社区垃圾分类宣传"
    slug = factory.LazyFunction(lambda: f"activity-{ActivityPage.objects.count()}")
    category = "environment"
    summary = "协助社区居民正确分类投放生活垃圾。"
    district = factory.LazyFunction(lambda: District.objects.get(code="520102"))
    place = "南明区花果园社区广场"
    signup_opens_at = factory.LazyAttribute(lambda page: page.now - timedelta(days=1))
    signup_closes_at = factory.LazyAttribute(lambda page: page.now + timedelta(days=1))
    shifts = factory.LazyAttribute(
        lambda page: [
            Shift(
                starts_at=page.now + timedelta(days=days),
                ends_at=page.now + timedelta(days=days, hours=hours),
                capacity=capacity,
                role="引导员",
            )
            for days, hours, capacity in page.shift_rows
        ]
    )


def make_activity(
    index, *, unit, shifts=((2, 3, 10),), title="花果园社区垃圾分类宣传", **extra
):
    """A published activity open for sign-up, read back from the database.
    ``shifts`` are (starts in N days, lasts N hours, capacity); ``index`` (the
    activities section) must exist."""
    page = ActivityPageFactory(unit=unit, shift_rows=shifts, title=title, **extra)
    return ActivityPage.objects.get(pk=page.pk)


# Sign-ups and attendance --------------------------------------------------------


def _take_place(shift):
    """Count one more place taken (the database refuses it over capacity)."""
    ShiftPlaces.ensure(shift)
    ShiftPlaces.objects.filter(pk=shift.pk).update(confirmed=F("confirmed") + 1)


def sign_up(shift, volunteer, status=Signup.Status.CONFIRMED):
    signup = Signup.objects.create(shift=shift, volunteer=volunteer, status=status)
    if status == Signup.Status.CONFIRMED:
        _take_place(shift)
    return signup


def confirm(shift, volunteer) -> Signup:
    _take_place(shift)
    return Signup.objects.create(
        shift=shift, volunteer=volunteer, status=Signup.Status.CONFIRMED
    )


def shift_at(index, unit, *, starts_in, hours=3, capacity=100, title="社区服务"):
    """A shift starting ``starts_in`` (a timedelta, negative for the past) from
    now, lasting ``hours``."""
    now = timezone.now()
    page = make_activity(
        index,
        unit=unit,
        shifts=((0, hours, capacity),),
        title=title,
        signup_opens_at=now + starts_in - timedelta(days=10),
        signup_closes_at=now + starts_in - timedelta(days=1),
    )
    shift = page.shifts.get()
    starts_at = (now + starts_in).replace(second=0, microsecond=0)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours)
    )
    return Shift.objects.select_related("activity", "activity__unit").get(pk=shift.pk)


def record(shift, volunteer, *, status=ServiceRecord.Status.PENDING, minutes=None):
    """A closed record covering the whole shift (unless checked in)."""
    confirm(shift, volunteer)
    closed = status != ServiceRecord.Status.CHECKED_IN
    whole = int((shift.ends_at - shift.starts_at).total_seconds() // 60)
    return ServiceRecord.objects.create(
        volunteer=volunteer,
        shift=shift,
        unit_id=shift.activity.unit_id,
        status=status,
        started_at=shift.starts_at,
        ended_at=shift.ends_at if closed else None,
        minutes=(minutes if minutes is not None else whole) if closed else 0,
        rejection_reason="不符合" if status == ServiceRecord.Status.REJECTED else "",
    )


# Service records made directly (the hours work makes them in real life), for the
# points, rewards and certificate tests ---------------------------------------


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
    shifts = Shift.objects.bulk_create(shifts)
    for shift in shifts:
        ShiftPlaces.ensure(shift)
    return shifts


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


# Rewards ------------------------------------------------------------------------


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reward

    name = factory.Sequence(lambda n: f"公交卡充值{n}")
    description = "贵阳公交卡充值 20 元。"
    points_price = 100
    stock = 10
    per_person_limit = 2
    active_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


def route_url(page, name, *args) -> str:
    """The URL of one of a page's own routes (``RoutablePageMixin``) in the active
    language, as ``reverse`` gives a URL of urls.py."""
    return page.url + page.reverse_subpage(name, args=args)
