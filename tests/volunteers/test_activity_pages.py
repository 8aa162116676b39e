"""The activity index (filters, places left, pagination) and the activity page
(shifts, sign-up / waitlist / cancel buttons), with query counts that do not
grow with activities, shifts or sign-ups."""

from datetime import timedelta

from django.urls import translate_url
from django.utils import timezone, translation

import pytest

from home.models import District
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import ActivityPage, Signup
from volunteers.services.signups import signup_create

pytestmark = pytest.mark.django_db


def _en(url):
    return translate_url(url, "en")


def _get_en(client, url):
    english = _en(url)
    with translation.override("en"):
        return client.get(english)


def _titles(response):
    return [activity.title for activity in response.context["page_obj"]]


def test_index_lists_activities_with_places_left(client, activity_index, activity):
    response = _get_en(client, activity_index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert activity.title in html
    assert "10 places left of 10" in html


def test_index_shows_upcoming_first(client, activity_index, organising_unit):
    make_activity(activity_index, unit=organising_unit, shifts=((9, 2, 5),), title="晚")
    make_activity(activity_index, unit=organising_unit, shifts=((2, 2, 5),), title="早")
    make_activity(
        activity_index, unit=organising_unit, shifts=((-3, 2, 5),), title="已结束"
    )
    response = client.get(activity_index.url)
    assert _titles(response) == ["早", "晚", "已结束"]


def test_index_filters(client, activity_index, organising_unit):
    other_district = District.objects.exclude(code="520102").first()
    make_activity(
        activity_index,
        unit=organising_unit,
        shifts=((2, 2, 1),),
        title="满员",
        required_skills="急救",
    )
    full = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 2, 1),), title="已满"
    )
    signup_create(volunteer=VolunteerFactory(), shift=full.shifts.get())
    far_away = make_activity(
        activity_index, unit=organising_unit, shifts=((20, 2, 5),), title="远期"
    )
    # make_activity fixes category and district; change them on the row.
    ActivityPage.objects.filter(pk=far_away.pk).update(
        category="elderly", district=other_district
    )
    url = activity_index.url
    assert sorted(_titles(client.get(url, {"district": other_district.code}))) == [
        "远期"
    ]
    assert _titles(client.get(url, {"category": "elderly"})) == ["远期"]
    assert _titles(client.get(url, {"skills": "急救"})) == ["满员"]
    assert "已满" not in _titles(client.get(url, {"places_left": "1"}))
    far = (timezone.localdate() + timedelta(days=15)).isoformat()
    assert _titles(client.get(url, {"date_from": far})) == ["远期"]
    assert "远期" not in _titles(client.get(url, {"date_to": far}))
    # A bad value is ignored, not an error.
    assert client.get(url, {"date_from": "nonsense"}).status_code == 200


def test_index_is_paginated(client, activity_index, organising_unit):
    for number in range(12):
        make_activity(activity_index, unit=organising_unit, title=f"活动{number}")
    first = client.get(activity_index.url)
    assert len(first.context["page_obj"].object_list) == 10
    second = client.get(activity_index.url, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 2


def _fill(activity_index, organising_unit, count):
    for number in range(count):
        activity = make_activity(
            activity_index,
            unit=organising_unit,
            shifts=((2 + number, 2, 2), (30 + number, 2, 1), (40 + number, 2, 3)),
            title=f"活动{number}",
        )
        for shift in activity.shifts.all():
            for _ in range(2):
                signup_create(volunteer=VolunteerFactory(), shift=shift)


def test_index_query_count_does_not_grow(
    client, activity_index, organising_unit, django_assert_max_num_queries
):
    _fill(activity_index, organising_unit, 1)
    with django_assert_max_num_queries(40) as small:
        client.get(activity_index.url)
    _fill(activity_index, organising_unit, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(activity_index.url)
    assert len(response.context["page_obj"].object_list) == 7


def test_activity_page_shows_shift_buttons(client, activity_index, organising_unit):
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((2, 2, 1), (4, 2, 3))
    )
    full, open_shift = activity.shifts.order_by("starts_at")
    signup_create(volunteer=VolunteerFactory(), shift=full)
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    html = _get_en(client, activity.url).content.decode()
    assert "Join the waitlist" in html
    assert "Sign up for this shift" in html
    assert "3 places left of 3" in html
    assert route_url(activity, "shift_signup", full.pk) in html


def test_activity_page_for_a_visitor_links_to_registration(client, activity):
    html = _get_en(client, activity.url).content.decode()
    assert "/volunteers/register/" in html
    assert "Sign in to sign up" in html
    assert "<form" not in html.split('id="shifts"')[1].split("</section>")[0]


def test_activity_page_shows_my_place_and_deadline(client, activity, volunteer):
    shift = activity.shifts.get()
    signup_create(volunteer=volunteer, shift=shift)
    client.force_login(volunteer.user)
    html = _get_en(client, activity.url).content.decode()
    deadline = timezone.localtime(shift.cancellation_closes_at(activity))
    assert "You have a place in this shift." in html
    assert f"You can cancel until {deadline:%Y-%m-%d %H:%M}" in html


def test_activity_page_query_count_does_not_grow(
    client, activity_index, organising_unit, django_assert_max_num_queries
):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    small = make_activity(activity_index, unit=organising_unit, shifts=((2, 2, 1),))
    signup_create(volunteer=volunteer, shift=small.shifts.get())
    with django_assert_max_num_queries(40) as baseline:
        client.get(small.url)
    big = make_activity(
        activity_index,
        unit=organising_unit,
        shifts=[(2 + day, 2, 2) for day in range(8)],
        title="大型活动",
    )
    for shift in big.shifts.all():
        for _ in range(3):
            signup_create(volunteer=VolunteerFactory(), shift=shift)
    signup_create(volunteer=volunteer, shift=big.shifts.order_by("starts_at")[1])
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get(big.url)
    assert response.status_code == 200
    assert Signup.objects.filter(shift__activity=big).count() == 25
