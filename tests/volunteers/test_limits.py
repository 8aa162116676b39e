"""Issue 11, "Email floods" and limits on the volunteers' actions: past its rate,
an attempt is refused over HTTP with the limit's message and changes nothing;
a join/leave loop emails the team's leaders once a day."""

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from home.models import District
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory, route_url, sign_up
from volunteers.models import Signup, Team, TeamMembership, Volunteer

pytestmark = pytest.mark.django_db

LIMIT_MESSAGE = "操作过于频繁"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def limit(settings, action, rate):
    settings.CANYU_RATE_LIMITS = {
        **settings.CANYU_RATE_LIMITS,
        action: {"user": rate, "ip": "1000/h"},
    }


@pytest.fixture
def team(unit):
    team = Team.objects.create(
        name="花果园志愿服务队", slug="花果园", unit=unit, district=unit.district
    )
    for name in ("周队长", "吴队长"):
        TeamMembership.objects.create(
            team=team,
            volunteer=VolunteerFactory(real_name=name),
            role=TeamMembership.Role.LEADER,
            status=TeamMembership.Status.APPROVED,
        )
    return team


def team_url(name, team):
    return reverse(f"volunteers:{name}", kwargs={"slug": team.slug})


def test_join_leave_loop_emails_each_leader_once(
    client, team, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(volunteer.user)
    with django_capture_on_commit_callbacks(execute=True):
        for _round in range(4):
            assert client.post(team_url("team_join", team)).status_code == 302
            assert client.post(team_url("team_leave", team)).status_code == 302
        client.post(team_url("team_join", team))
    assert len(mail.outbox) == 2  # one per leader, not one per join
    membership = TeamMembership.objects.get(team=team, volunteer=volunteer)
    assert membership.status == TeamMembership.Status.PENDING


def test_join_leave_past_the_rate_is_refused_and_changes_nothing(
    client, settings, team, volunteer
):
    limit(settings, "team_membership", "3/h")
    client.force_login(volunteer.user)
    client.post(team_url("team_join", team))
    client.post(team_url("team_leave", team))
    client.post(team_url("team_join", team))
    response = client.post(team_url("team_leave", team), follow=True)
    assert LIMIT_MESSAGE in response.text
    membership = TeamMembership.objects.get(team=team, volunteer=volunteer)
    assert membership.status == TeamMembership.Status.PENDING


def test_roster_messages_past_the_rate_are_refused(
    client,
    settings,
    organiser,
    activity,
    volunteer,
    django_capture_on_commit_callbacks,
):
    limit(settings, "roster_message", "2/d")
    sign_up(activity.shifts.get(), volunteer)
    client.force_login(organiser)
    url = reverse("volunteers:roster_message", kwargs={"page_id": activity.pk})
    data = {"subject": "集合地点变更", "body": "请改到北门集合。"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
        refused = client.post(url, data)
    assert refused.status_code == 400
    assert LIMIT_MESSAGE in refused.text
    assert len(mail.outbox) == 2


def test_registration_attempts_past_the_rate_are_refused(client, settings):
    limit(settings, "volunteer_registration", "2/d")
    client.force_login(UserFactory())
    bad = {"real_name": "王小明", "code_of_conduct": "on"}  # invalid: not saved
    client.post("/volunteers/register/", bad)
    client.post("/volunteers/register/", bad)
    valid = {
        "real_name": "王小明",
        "phone": "13812345678",
        "gender": "male",
        "birth_year": "1990",
        "district": District.objects.get(code="520102").pk,
        "community": "花果园社区",
        "categories": ["resident"],
        "code_of_conduct": "on",
        "sensitive_data_consent": "on",
    }
    response = client.post("/volunteers/register/", valid)
    assert response.status_code == 400
    assert LIMIT_MESSAGE in response.text
    assert not Volunteer.objects.filter(real_name="王小明").exists()


def test_signup_cancel_loop_past_the_rate_is_refused(
    client, settings, activity, volunteer
):
    limit(settings, "shift_signup", "2/h")
    shift = activity.shifts.get()
    client.force_login(volunteer.user)
    client.post(route_url(activity, "shift_signup", shift.pk))
    signup = Signup.objects.get(volunteer=volunteer)
    client.post(route_url(activity, "signup_cancel", signup.pk))
    response = client.post(route_url(activity, "shift_signup", shift.pk), follow=True)
    assert LIMIT_MESSAGE in response.text
    assert not Signup.objects.filter(status=Signup.Status.CONFIRMED).exists()


def test_other_volunteers_are_not_limited_by_one(client, settings, activity):
    limit(settings, "shift_signup", "1/h")
    shift = activity.shifts.get()
    first, second = VolunteerFactory(), VolunteerFactory()
    for volunteer in (first, second):
        client.force_login(volunteer.user)
        client.post(route_url(activity, "shift_signup", shift.pk))
    assert Signup.objects.filter(status=Signup.Status.CONFIRMED).count() == 2
