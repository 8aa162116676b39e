"""Fixtures for open facilities."""

import pytest

from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    make_unit_editor,
)
from tests.home.factories import FacilityFactory


@pytest.fixture
def facility(unit):
    return FacilityFactory(unit=unit, name="职工篮球场")


@pytest.fixture
def unit_editor(unit):
    return make_unit_editor(unit, display_name="王编辑")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="贵阳市图书馆")


@pytest.fixture
def other_unit_admin(other_unit):
    return UnitMembershipFactory(
        unit=other_unit, user=UserFactory(display_name="赵管理")
    ).user


@pytest.fixture
def messages_in_english():
    """Read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
