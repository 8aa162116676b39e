"""Wagtail's privacy settings on an activity hold for its calendar feed, its
sign-up forms, the activities list and the unit's profile (issue 11, leaks)."""

from wagtail.models import PageViewRestriction

import pytest

from tests.volunteers.factories import make_activity, route_url
from volunteers.models import Signup

pytestmark = pytest.mark.django_db

SECRET_TITLE = "内部员工专场志愿服务"


@pytest.fixture
def hidden_activity(activity_index, organising_unit):
    page = make_activity(activity_index, unit=organising_unit, title=SECRET_TITLE)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return page


def test_restricted_activity_feed_forms_and_listings(
    client, hidden_activity, volunteer, organising_unit, activity_index
):
    feed = client.get(f"/volunteers/activities/{hidden_activity.pk}/calendar.ics")
    assert feed.status_code == 404
    assert SECRET_TITLE not in feed.content.decode()
    client.force_login(volunteer.user)
    shift = hidden_activity.shifts.get()
    response = client.post(route_url(hidden_activity, "shift_signup", shift.pk))
    assert b'name="password"' in response.content
    assert not Signup.objects.exists()
    assert SECRET_TITLE not in client.get(activity_index.url).content.decode()
    profile = client.get(f"/units/{organising_unit.slug}/").content.decode()
    assert SECRET_TITLE not in profile
