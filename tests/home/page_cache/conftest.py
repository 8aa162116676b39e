"""People and pages for the page cache's invalidation tests."""

from django.contrib.auth.models import Group

import pytest

from home.models import UnitMembership
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache_on):
    """These tests are about the page cache: on, as in production."""


@pytest.fixture
def issuing_unit(db):
    return UnitFactory(name="贵阳市生态环境局")


@pytest.fixture
def consultation(issuing_unit):
    return make_consultation(ConsultationIndexPageFactory(), unit=issuing_unit)


@pytest.fixture
def comment(consultation):
    return make_comment(
        consultation, UserFactory(display_name="张评论"), body="建议增设分类垃圾桶。"
    )


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
