"""What the activity page offers each visitor about a shift (issue 14, defect 7):
only an active volunteer gets a live sign-up button; a pending, suspended,
rejected or ended volunteer is told why, with a link to their volunteer page;
and a waitlisted sign-up is told its place in the queue."""

from django.urls import reverse

import pytest

from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import Signup, Volunteer
from volunteers.services.signups import signup_create

pytestmark = pytest.mark.django_db


def _page(client, activity) -> str:
    response = client.get(activity.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Volunteer.Status.PENDING, "您的志愿者注册正在审核中，审核通过后即可报名。"),
        (Volunteer.Status.SUSPENDED, "您的志愿者资格已被暂停，暂时不能报名。"),
        (Volunteer.Status.REJECTED, "您的志愿者注册未通过审核，不能报名。"),
        (Volunteer.Status.CLOSED, "您的志愿者身份已终止，不能报名。"),
    ],
)
def test_volunteer_not_yet_active_sees_why_and_no_live_button(
    client, activity, status, message
):
    volunteer = VolunteerFactory(status=status)
    shift = activity.shifts.get()
    client.force_login(volunteer.user)
    html = _page(client, activity)
    assert message in html
    assert f'href="{reverse("volunteers:profile")}"' in html
    assert route_url(activity, "shift_signup", shift.pk) not in html
    assert "报名此班次" not in html and "加入候补" not in html


def test_active_volunteer_keeps_the_sign_up_button(client, activity, volunteer):
    shift = activity.shifts.get()
    client.force_login(volunteer.user)
    html = _page(client, activity)
    assert route_url(activity, "shift_signup", shift.pk) in html
    assert "审核通过后即可报名" not in html


def test_anonymous_and_non_volunteers_keep_their_prompts(client, activity):
    html = _page(client, activity)
    assert reverse("account_login") in html
    assert reverse("volunteers:register") in html
    assert "审核通过后即可报名" not in html
    client.force_login(UserFactory())
    html = _page(client, activity)
    assert reverse("volunteers:register") in html
    assert "审核通过后即可报名" not in html


def test_waitlist_message_and_my_list_say_the_position(
    client, activity_index, organising_unit
):
    activity = make_activity(activity_index, unit=organising_unit, shifts=((2, 3, 1),))
    shift = activity.shifts.get()
    signup_create(volunteer=VolunteerFactory(), shift=shift)
    waiting = VolunteerFactory.create_batch(3)
    for position, volunteer in enumerate(waiting, start=1):
        client.force_login(volunteer.user)
        response = client.post(
            route_url(activity, "shift_signup", shift.pk), follow=True
        )
        html = response.content.decode()
        assert Signup.objects.get(volunteer=volunteer).status == "waitlisted"
        assert f"该班次已满，您在候补名单第 {position} 位。" in html
        assert f"您在候补名单第 {position} 位。" in html  # the shift's own status
    # The third one's own list of sign-ups says the same.
    profile = client.get(reverse("volunteers:profile")).content.decode()
    assert "您在候补名单第 3 位" in profile
