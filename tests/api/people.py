"""Fixtures of the authenticated API's tests (tests/api/test_auth_*,
test_me_*): the volunteers app's people, imported by the modules that use them."""

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import VolunteerFactory


@pytest.fixture
def organising_unit(db):
    return UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")


@pytest.fixture
def organiser(organising_unit):
    """An organiser of the unit, with two-factor (TOTP) set up."""
    user = UserFactory(display_name="马组织")
    UnitMembershipFactory(
        unit=organising_unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    return user


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(real_name="陈志愿")
