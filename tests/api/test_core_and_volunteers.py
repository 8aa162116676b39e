"""Units, pledges, facilities, activities and leaderboards through the public
API: the same rows and privacy as their pages."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import UnitFactory
from tests.home.factories import FacilityFactory, make_pledge, make_report
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
    sign_up,
)
from volunteers.services.points import points_sync_for_record

pytestmark = pytest.mark.django_db


def test_units_are_filtered_as_in_the_directory(client):
    UnitFactory(name="贵阳市民政局", kind="government")
    UnitFactory(name="花果园社区居委会", kind="residents_committee")

    def names(query=""):
        response = client.get(f"/api/v1/units/?{query}")
        assert response.status_code == 200
        return [unit["name"] for unit in response.json()["results"]]

    assert names() == ["花果园社区居委会", "贵阳市民政局"]
    assert names("kind=government") == ["贵阳市民政局"]
    assert names("q=社区") == ["花果园社区居委会"]
    assert client.get("/api/v1/units/?kind=nonsense").status_code == 400
    unit = client.get("/api/v1/units/%E4%B8%8D%E5%AD%98%E5%9C%A8/")
    assert unit.status_code == 404


def test_pledges_with_items_status_and_reports_not_drafts(client):
    unit = UnitFactory(name="贵阳市民政局")
    pledge = make_pledge(unit)
    make_report(pledge, annual=True, published=True)
    make_report(pledge, annual=False, published=False)
    draft = make_pledge(UnitFactory(), publish=False)

    listed = client.get("/api/v1/pledges/").json()["results"]
    assert [row["id"] for row in listed] == [pledge.pk]
    assert listed[0]["status"] == "fulfilled"
    assert len(listed[0]["items"]) == len(pledge.items.all())
    detail = client.get(f"/api/v1/pledges/{pledge.pk}/").json()
    assert len(detail["reports"]) == 1
    assert detail["reports"][0]["is_annual"] is True
    assert client.get(f"/api/v1/pledges/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/pledges/?status=fulfilled").json()["results"]
    assert not client.get("/api/v1/pledges/?status=lapsed").json()["results"]

    PageViewRestriction.objects.create(page=pledge, restriction_type="login")
    assert client.get("/api/v1/pledges/").json()["results"] == []
    assert client.get(f"/api/v1/pledges/{pledge.pk}/").status_code == 404


def test_facilities_with_opening_hours_and_free_slots(client):
    facility = FacilityFactory()
    FacilityFactory(is_active=False)

    listed = client.get("/api/v1/facilities/").json()["results"]
    assert [row["id"] for row in listed] == [facility.pk]
    assert len(listed[0]["opening_hours"]) == 14
    detail = client.get(f"/api/v1/facilities/{facility.pk}/").json()
    free = [slot for day in detail["schedule"] for slot in day["free_slots"]]
    assert len(free) >= 6 * 13  # every day but maybe today: six one-hour slots
    assert client.get("/api/v1/facilities/?kind=sports_ground").json()["results"]
    assert not client.get("/api/v1/facilities/?kind=canteen").json()["results"]


def test_activities_with_shifts_and_places_left(client, activity_index):
    unit = UnitFactory(name="南明区志愿者协会")
    activity = make_activity(activity_index, unit=unit, shifts=((2, 3, 2),))
    shift = activity.shifts.get()
    sign_up(shift, VolunteerFactory())
    sign_up(shift, VolunteerFactory())

    [row] = client.get("/api/v1/activities/").json()["results"]
    assert row["id"] == activity.pk
    assert row["phase"] == "signup"
    [listed_shift] = row["shifts"]
    assert (listed_shift["capacity"], listed_shift["places_left"]) == (2, 0)
    assert client.get("/api/v1/activities/?places_left=true").json()["results"] == []
    detail = client.get(f"/api/v1/activities/{activity.pk}/")
    assert detail.status_code == 200


def test_leaderboards_name_only_volunteers_who_opted_in(client, activity_index):
    activity = make_activity(activity_index, unit=UnitFactory())
    [shift] = add_shifts(
        activity, 1, start=timezone.now() - timedelta(minutes=5), every=timedelta(0)
    )
    named = VolunteerFactory(real_name="王公开", show_on_leaderboards=True)
    hidden = VolunteerFactory(real_name="李匿名")
    for volunteer, minutes in ((named, 120), (hidden, 300)):
        points_sync_for_record(record=service_record(volunteer, shift, minutes=minutes))

    response = client.get("/api/v1/leaderboards/?scope=volunteer&metric=hours")

    assert response.status_code == 200
    rows = response.json()
    assert [row["named"] for row in rows] == [False, True]
    assert rows[1]["name"] == "王公开"
    assert "李匿名" not in response.content.decode()
    assert client.get("/api/v1/leaderboards/?scope=nobody").status_code == 400
