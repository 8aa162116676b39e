"""Fixtures for volunteers: activity pages with shifts, active volunteers, the
organising unit's organiser."""

from datetime import timedelta

from django.utils import timezone

import factory
import pytest

from home.models import District, HomePage, UnitMembership
from home.services.workspaces import folder_for
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from volunteers.models import (
    ActivityIndexPage,
    ActivityPage,
    Shift,
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


@pytest.fixture
def activity_index(db):
    home = HomePage.objects.get()
    index = ActivityIndexPage(title="志愿服务活动", slug="activities")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_activity(
    index, *, unit, shifts=((2, 3, 10),), title="花果园社区垃圾分类宣传", **extra
):
    """A published activity open for sign-up. ``shifts`` are (starts in N days,
    lasts N hours, capacity)."""
    now = timezone.now()
    page = ActivityPage(
        title=title,
        slug=extra.pop("slug", f"activity-{ActivityPage.objects.count()}"),
        unit=unit,
        category="environment",
        summary="协助社区居民正确分类投放生活垃圾。",
        district=District.objects.get(code="520102"),
        place="南明区花果园社区广场",
        signup_opens_at=extra.pop("signup_opens_at", now - timedelta(days=1)),
        signup_closes_at=extra.pop("signup_closes_at", now + timedelta(days=1)),
        **extra,
    )
    for days, hours, capacity in shifts:
        starts_at = now + timedelta(days=days)
        page.shifts.add(
            Shift(
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=hours),
                capacity=capacity,
                role="引导员",
            )
        )
    folder = folder_for(unit=unit, folder_model=UnitActivitiesPage)
    folder.add_child(instance=page)
    page.save_revision().publish()
    return ActivityPage.objects.get(pk=page.pk)


@pytest.fixture
def organising_unit(db):
    return UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")


@pytest.fixture
def activity(activity_index, organising_unit):
    return make_activity(activity_index, unit=organising_unit)


@pytest.fixture
def organiser(organising_unit):
    user = UserFactory(display_name="马组织")
    UnitMembershipFactory(
        unit=organising_unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    return user


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(real_name="陈志愿")
