"""Fixtures shared by the access-log tests: an organising unit with an organiser,
an activity whose shift two volunteers signed up for, and a staff member with
two-factor."""

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory, give_totp
from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up


@pytest.fixture
def organising_unit(db):
    return UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")


@pytest.fixture
def organiser(organising_unit):
    user = UserFactory(display_name="马组织", email="organiser@example.cn")
    UnitMembershipFactory(
        unit=organising_unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    return user


@pytest.fixture
def activity(activity_index, organising_unit):
    return make_activity(activity_index, unit=organising_unit, title="社区清洁日")


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(real_name="陈志愿", user__email="chen@example.cn")


@pytest.fixture
def roster(activity, volunteer):
    """陈志愿 and 王第二 signed up for the activity's shift."""
    other = VolunteerFactory(real_name="王第二", user__email="wang@example.cn")
    shift = activity.shifts.get()
    sign_up(shift, volunteer)
    sign_up(shift, other)
    return {"volunteer": volunteer, "other": other}


@pytest.fixture
def staff(db):
    user = UserFactory(
        email="staff@example.cn", is_staff=True, is_superuser=True, display_name="平台"
    )
    give_totp(user)
    return user
