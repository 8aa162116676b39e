"""Fixtures for consultations: an index page, consultations in each phase, and the
people around them (residents, the issuing unit's responder, a moderator)."""

from django.contrib.auth.models import Group

import pytest

from home.models import UnitMembership
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_consultation,
)
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory


@pytest.fixture
def consultation_index(db):
    return ConsultationIndexPageFactory()


@pytest.fixture
def issuing_unit(db):
    return UnitFactory(name="贵阳市生态环境局")


@pytest.fixture
def consultation(consultation_index, issuing_unit):
    return make_consultation(consultation_index, unit=issuing_unit)


@pytest.fixture
def responder(issuing_unit):
    user = UserFactory(display_name="王答复")
    UnitMembershipFactory(
        unit=issuing_unit, user=user, role=UnitMembership.Role.RESPONDER
    )
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(display_name="审核员")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def other_resident(db):
    return UserFactory(display_name="李四")
