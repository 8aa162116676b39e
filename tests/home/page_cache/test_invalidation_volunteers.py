"""Volunteering and units: a sign-up or a cancellation (places left), a
leaderboard rollup, a pledge report, a facility booking and a unit's own data
are on the next anonymous request."""

from datetime import timedelta

from django.utils import timezone

import pytest

from home.facilities.services.bookings import booking_request
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import FacilityFactory, make_pledge, make_report, tomorrow_at
from tests.home.page_cache.helpers import cached_page, next_page
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
)
from volunteers.services.points import points_sync_for_record
from volunteers.services.signups import signup_cancel, signup_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(activity_index):
    return make_activity(
        activity_index, unit=UnitFactory(name="贵阳市志愿者协会"), shifts=((2, 3, 5),)
    )


def places_left(html: str) -> str:
    """The activity page's shift card, where places left are shown."""
    return html.split("<main", 1)[1]


def test_a_sign_up_and_a_cancellation_show_on_the_next_request(client, activity):
    shift = activity.shifts.get()
    before = cached_page(client, activity.url)
    signup = signup_create(volunteer=VolunteerFactory(), shift=shift)
    after_signup = next_page(client, activity.url)
    assert places_left(after_signup) != places_left(before)
    assert "4" in places_left(after_signup)
    cached_page(client, activity.url)
    signup_cancel(volunteer=signup.volunteer, signup=signup)
    after_cancel = next_page(client, activity.url)
    assert places_left(after_cancel) == places_left(before)


def test_a_leaderboard_rollup_shows_on_the_next_request(client, activity):
    url = "/volunteers/leaderboards/"
    shift = add_shifts(
        activity, 1, start=timezone.now() - timedelta(minutes=5), every=timedelta(0)
    )[0]
    named = VolunteerFactory(real_name="王公开", show_on_leaderboards=True)
    assert "王公开" not in cached_page(client, url)
    points_sync_for_record(record=service_record(named, shift, minutes=120))
    assert "王公开" in next_page(client, url)


def test_a_pledge_report_shows_on_the_next_request(client):
    pledge = make_pledge(UnitFactory(name="贵阳市民政局"))
    assert "年度履诺报告" not in cached_page(client, pledge.url)
    make_report(pledge, annual=True, published=True)
    assert "年度履诺报告" in next_page(client, pledge.url)


def test_a_booking_shows_on_the_next_request(client):
    facility = FacilityFactory(name="职工篮球场")
    url = facility.get_absolute_url()
    before = cached_page(client, url)
    starts_at = tomorrow_at(9)
    booking_request(
        user=UserFactory(),
        facility=facility,
        starts_at=starts_at,
        people=4,
        purpose="邻里篮球赛",
    )
    after = next_page(client, url)
    assert after != before


def test_a_units_data_shows_on_the_next_request(client):
    unit = UnitFactory(name="贵阳市交通委员会")
    pledge = make_pledge(unit)
    for url in (unit.get_absolute_url(), "/units/", pledge.url):
        assert "贵阳市交通运输局" not in cached_page(client, url)
    unit.name = "贵阳市交通运输局"
    unit.save()
    for url in (unit.get_absolute_url(), "/units/", pledge.url):
        assert "贵阳市交通运输局" in next_page(client, url)
