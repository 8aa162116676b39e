"""Fixtures for volunteers: an activity page with a shift, an active volunteer,
the organising unit's organiser (the activities section, ``activity_index``, is in
tests/conftest.py: the home app's tests use it too)."""

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory, make_activity


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
