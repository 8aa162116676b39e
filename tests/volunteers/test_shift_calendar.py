""" "加入日历" on the public activity page (issue 14, defect 10): each shift to come
links a public .ics of that one shift, which parses, carries the shift's times in
Asia/Shanghai and nothing about the people signed up."""

from datetime import timedelta

from django.urls import reverse

import icalendar
import pytest

from tests.volunteers.factories import VolunteerFactory, make_activity
from volunteers.models import ActivityPage
from volunteers.services.signups import signup_create

pytestmark = pytest.mark.django_db


def test_each_shift_offers_add_to_calendar_with_a_valid_event(
    client, activity_index, organising_unit
):
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 3, 10), (3, 4, 5))
    )
    ActivityPage.objects.filter(pk=activity.pk).update(place="南明区甲秀楼")
    shifts = list(activity.shifts.order_by("starts_at"))
    volunteer = VolunteerFactory(real_name="陈志愿")
    signup_create(volunteer=volunteer, shift=shifts[0])

    html = client.get(activity.url).content.decode()
    assert "加入日历" in html
    for shift in shifts:
        url = reverse("volunteers:shift_calendar", kwargs={"shift_id": shift.pk})
        assert f'href="{url}"' in html

        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        content = response.content
        calendar = icalendar.Calendar.from_ical(content)
        (event,) = calendar.walk("VEVENT")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert start == shift.starts_at.replace(microsecond=0)
        assert end == shift.ends_at.replace(microsecond=0)
        assert start.utcoffset() == timedelta(hours=8)
        assert str(event["SUMMARY"]).startswith(activity.title)
        assert str(event["LOCATION"]) == "南明区甲秀楼"
        text = content.decode()
        for personal in (volunteer.real_name, volunteer.user.email, volunteer.phone):
            assert personal not in text


def test_shift_of_an_unpublished_activity_has_no_calendar(client, activity):
    shift = activity.shifts.get()
    url = reverse("volunteers:shift_calendar", kwargs={"shift_id": shift.pk})
    assert client.get(url).status_code == 200
    activity.unpublish()
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("volunteers:shift_calendar", kwargs={"shift_id": 999999})
        ).status_code
        == 404
    )
