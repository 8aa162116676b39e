"""The public activity page shows its unit's organisers (and staff) a "组织者"
panel with their tools per shift, instead of asking them to register as
volunteers; everybody else sees the page as before."""

from django.urls import reverse

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    make_activity,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    index = ActivityIndexPageFactory()
    return make_activity(index, unit=UnitFactory(), shifts=((1, 3, 10), (2, 3, 10)))


def tool_urls(activity):
    urls = [reverse("volunteers:roster", args=[activity.pk])]
    for shift in activity.shifts.all():
        urls += [
            reverse("volunteers:checkin_code", args=[shift.pk]),
            reverse("volunteers:shift_attendance", args=[shift.pk]),
        ]
    return urls


def page_for(client, user, activity) -> str:
    client.force_login(user)
    response = client.get(activity.url)
    assert response.status_code == 200
    return response.content.decode()


def organiser_of(activity):
    user = UserFactory()
    UnitMembershipFactory(
        unit=activity.unit, user=user, role=UnitMembership.Role.ORGANISER
    )
    return user


def test_an_organiser_sees_the_panel_instead_of_the_register_prompt(client, activity):
    html = page_for(client, organiser_of(activity), activity)
    assert 'id="organiser-tools"' in html
    for url in [*tool_urls(activity), reverse("volunteers:pending_approvals")]:
        assert url in html
    assert reverse("volunteers:register") not in html.split('id="shifts"')[1]


def test_a_volunteer_organiser_sees_the_panel_and_can_sign_up(client, activity):
    organiser = organiser_of(activity)
    VolunteerFactory(user=organiser)
    html = page_for(client, organiser, activity)
    assert 'id="organiser-tools"' in html
    assert "shift_signup" in html or "/signup/" in html


def test_staff_see_the_panel(client, activity):
    html = page_for(client, UserFactory(is_staff=True), activity)
    for url in tool_urls(activity):
        assert url in html


@pytest.mark.parametrize("role", ["editor", "responder", "admin", None])
def test_others_do_not_see_the_panel(client, activity, role):
    user = UserFactory()
    if role:
        UnitMembershipFactory(unit=activity.unit, user=user, role=role)
    html = page_for(client, user, activity)
    assert 'id="organiser-tools"' not in html
    for url in tool_urls(activity):
        assert url not in html
    # A resident is still asked to register.
    assert reverse("volunteers:register") in html


def test_an_organiser_of_another_unit_does_not_see_the_panel(client, activity):
    other = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(), user=other, role=UnitMembership.Role.ORGANISER
    )
    assert 'id="organiser-tools"' not in page_for(client, other, activity)
