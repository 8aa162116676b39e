"""A resident's own page (/me/participation/): their upcoming activity sign-ups
(confirmed places and waitlist positions) and their facility bookings, linked —
and nobody else's."""

from django.utils import timezone

import pytest

from home.facilities import services as facility_services
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import FacilityFactory, tomorrow_at
from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up
from volunteers.models import Signup

pytestmark = pytest.mark.django_db

PAGE = "/me/participation/"


def page_html(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def volunteer(resident):
    return VolunteerFactory(user=resident)


def test_upcoming_places_and_waitlist_positions_are_shown_and_linked(
    resident_client, volunteer, activity_index, unit
):
    activity = make_activity(activity_index, unit=unit, title="河滨公园清洁行动")
    full = make_activity(
        activity_index, unit=unit, shifts=((3, 2, 1),), title="敬老院陪伴活动"
    )
    place = sign_up(activity.shifts.get(), volunteer)
    sign_up(full.shifts.get(), VolunteerFactory())
    waiting = sign_up(full.shifts.get(), volunteer, status=Signup.Status.WAITLISTED)

    html = page_html(resident_client)

    assert f'href="{activity.url}#shift-{place.shift_id}"' in html
    assert f'href="{full.url}#shift-{waiting.shift_id}"' in html
    assert f"{timezone.localtime(place.shift.starts_at):%Y-%m-%d %H:%M}" in html
    assert "您在候补名单第 1 位" in html
    assert "/volunteers/me/" in html  # the full history


def test_a_volunteer_without_shifts_is_shown_where_to_find_one(
    resident_client, volunteer, activity_index
):
    html = page_html(resident_client)

    assert "您暂无即将参加的班次。" in html
    assert f'href="{activity_index.url}"' in html


def test_a_resident_who_is_not_a_volunteer_is_offered_to_register(resident_client):
    html = page_html(resident_client)

    assert "/volunteers/register/" in html


def test_only_my_sign_ups_and_bookings_appear(
    resident_client, resident, volunteer, activity_index, unit
):
    neighbour = UserFactory(display_name="邻居")
    theirs = make_activity(activity_index, unit=unit, title="邻居报名的活动")
    sign_up(theirs.shifts.get(), VolunteerFactory(user=neighbour))
    facility = FacilityFactory(unit=UnitFactory(), name="社区篮球场")
    facility_services.booking_request(
        user=neighbour,
        facility=facility,
        starts_at=tomorrow_at(9),
        people=4,
        purpose="邻居打球",
    )
    mine = FacilityFactory(unit=UnitFactory(), name="少儿绘本阅览室")
    facility_services.booking_request(
        user=resident,
        facility=mine,
        starts_at=tomorrow_at(10),
        people=2,
        purpose="亲子共读",
    )

    html = page_html(resident_client)

    assert "邻居报名的活动" not in html
    assert "社区篮球场" not in html
    assert 'id="my-bookings"' in html
    assert "少儿绘本阅览室" in html
