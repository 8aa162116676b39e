import pytest

from tests.volunteers.factories import VolunteerFactory
from volunteers.models import ActivityPhase

pytestmark = pytest.mark.django_db


def test_activity_fixture_is_open_for_signup(activity):
    assert activity.phase == ActivityPhase.SIGNUP
    assert [shift.capacity for shift in activity.shift_list] == [10]


def test_volunteer_factory_makes_an_active_volunteer():
    volunteer = VolunteerFactory()
    assert volunteer.is_active
    assert volunteer.masked_phone.startswith("138****")
