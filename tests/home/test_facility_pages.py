"""The public facility list (filters, pages), a facility's page and the unit's
profile render in a number of queries that does not grow with the data."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from home.models import District, FacilityBooking
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import FacilityFactory, local, make_pledge
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)  # caches filled once per process (site root paths …)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_bookings(facility, count):
    day = timezone.localdate() + timedelta(days=1)
    FacilityBooking.objects.bulk_create(
        FacilityBooking(
            facility=facility,
            user=UserFactory(),
            starts_at=local(day + timedelta(days=n // 6), 9 + n % 3 + (n % 6 // 3) * 5),
            ends_at=local(day + timedelta(days=n // 6), 10 + n % 3 + (n % 6 // 3) * 5),
            people=2,
            purpose="活动",
        )
        for n in range(count)
    )


def test_list_filters_by_district_and_kind(client):
    nanming = District.objects.get(code="520102")
    yunyan = District.objects.get(code="520103")
    court = FacilityFactory(name="南明篮球场", district=nanming, kind="sports_ground")
    room = FacilityFactory(name="云岩会议室", district=yunyan, kind="meeting_room")
    FacilityFactory(name="已关闭的阅览室", district=yunyan, is_active=False)
    url = reverse("home:facility_list")

    def names(query):
        response = client.get(url, query)
        return [f.name for f in response.context["page_obj"].object_list]

    assert sorted(names({})) == sorted([court.name, room.name])
    assert names({"district": "520103"}) == [room.name]
    assert names({"kind": "sports_ground"}) == [court.name]
    assert names({"district": "520103", "kind": "sports_ground"}) == []


def photo():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(
        title="球场", file=get_test_image_file(size=(64, 36))
    )


def test_list_is_paginated_with_a_fixed_number_of_queries(client):
    url = reverse("home:facility_list")
    FacilityFactory.create_batch(2, image=photo())
    few = queries_for(client, url)
    for _number in range(30):
        FacilityFactory(image=photo())
    assert queries_for(client, url) == few
    assert client.get(url).content.decode().count('class="facility-card__image"') == 12
    response = client.get(url, {"page": 3})
    assert len(response.context["page_obj"].object_list) == 32 - 24
    assert 'rel="prev"' in response.content.decode()


def test_facility_page_queries_do_not_grow_with_bookings(resident_client):
    facility = FacilityFactory()
    url = reverse("home:facility_detail", kwargs={"pk": facility.pk})
    add_bookings(facility, 2)
    few = queries_for(resident_client, url)
    FacilityBooking.objects.filter(facility=facility).delete()
    add_bookings(facility, 60)
    assert queries_for(resident_client, url) == few
    content = resident_client.get(url).content.decode()
    assert content.count("slot--taken") == 60
    assert "14:00–15:00" in content


def test_unit_profile_shows_facilities_and_activities_in_fixed_queries(
    client,
    activity_index,
):
    unit = UnitFactory(name="贵阳市体育局")
    url = reverse("home:unit_detail", kwargs={"slug": unit.slug})
    FacilityFactory(unit=unit, name="全民健身中心")
    make_activity(activity_index, unit=unit, title="全民健身日志愿服务")
    few = queries_for(client, url)
    make_pledge(unit, year=2024)
    for number in range(6):
        FacilityFactory(unit=unit, name=f"社区球场{number}")
        make_activity(activity_index, unit=unit, title=f"健身指导{number}")
    make_pledge(unit, year=2025)
    make_pledge(unit, year=2026)
    make_activity(
        activity_index, unit=unit, title="去年的马拉松服务", shifts=((-30, 4, 50),)
    )
    assert queries_for(client, url) == few
    content = client.get(url).content.decode()
    assert "全民健身中心" in content
    assert 'id="activities"' in content
    assert "全民健身日志愿服务" in content
    assert "去年的马拉松服务" in content
    assert 'id="pledges"' in content and "贵阳市体育局2026年度社会责任承诺书" in content
    assert reverse("home:unit_facilities", kwargs={"slug": unit.slug}) not in content


def test_unit_profile_offers_facility_management_to_its_editors(
    client, unit, unit_editor
):
    client.force_login(unit_editor)
    content = client.get(
        reverse("home:unit_detail", kwargs={"slug": unit.slug})
    ).content.decode()
    assert reverse("home:unit_facilities", kwargs={"slug": unit.slug}) in content
