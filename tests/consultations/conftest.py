"""Fixtures for consultations: an index page, consultations in each phase, and the
people around them (residents, the issuing unit's responder, a moderator)."""

from django.contrib.auth.models import Group

import pytest

from home.models import UnitMembership
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
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
    user = UserFactory(display_name="审核员", two_factor=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def other_resident(db):
    return UserFactory(display_name="李四")


# A published comment and a second unit with its own responder (replies) -----


@pytest.fixture
def comment(consultation, resident):
    return make_comment(consultation, resident)


@pytest.fixture
def other_unit_consultation(consultation_index):
    unit = UnitFactory(name="贵阳市交通委员会")
    return make_consultation(consultation_index, unit=unit, title="公交线网优化方案")


@pytest.fixture
def other_responder(other_unit_consultation):
    user = UserFactory(display_name="赵答复")
    UnitMembershipFactory(
        unit=other_unit_consultation.unit,
        user=user,
        role=UnitMembership.Role.RESPONDER,
    )
    return user
