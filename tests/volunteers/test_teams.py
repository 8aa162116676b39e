"""Teams: the list and page, asking to join, the leaders' decision, leaving."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from home.exceptions import ServiceError
from home.models import District
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Team, TeamMembership, Volunteer
from volunteers.services.teams import (
    team_join_request,
    team_leave,
    team_request_decide,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(unit):
    return Team.objects.create(
        name="花果园志愿服务队",
        slug="花果园",
        unit=unit,
        district=unit.district,
        description="社区环境与邻里互助。",
    )


@pytest.fixture
def leader(team):
    volunteer = VolunteerFactory(real_name="周队长")
    TeamMembership.objects.create(
        team=team,
        volunteer=volunteer,
        role=TeamMembership.Role.LEADER,
        status=TeamMembership.Status.APPROVED,
    )
    return volunteer


def url(name, team):
    return reverse(f"volunteers:{name}", kwargs={"slug": team.slug})


def test_join_then_leader_approves(client, team, leader, volunteer):
    client.force_login(volunteer.user)
    assert client.post(url("team_join", team)).status_code == 302
    membership = TeamMembership.objects.get(team=team, volunteer=volunteer)
    assert membership.status == TeamMembership.Status.PENDING

    client.force_login(leader.user)
    page = client.get(url("team_requests", team))
    assert volunteer.real_name in page.content.decode()
    response = client.post(
        url("team_requests", team),
        {"membership": membership.pk, "decision": "approve"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == TeamMembership.Status.APPROVED
    assert membership.decided_by == leader.user


def test_leaders_are_emailed_when_someone_asks_to_join(
    team, leader, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        team_join_request(volunteer=volunteer, team=team)
    assert [m.to for m in mail.outbox] == [[leader.user.email]]
    body = mail.outbox[0].body
    assert volunteer.real_name in body
    assert url("team_requests", team) in body
    assert team.name in mail.outbox[0].subject


def test_non_leader_cannot_decide(client, team, leader, volunteer):
    membership = team_join_request(volunteer=volunteer, team=team)
    other = VolunteerFactory()
    TeamMembership.objects.create(
        team=team, volunteer=other, status=TeamMembership.Status.APPROVED
    )
    client.force_login(other.user)
    assert client.get(url("team_requests", team)).status_code == 403
    response = client.post(
        url("team_requests", team),
        {"membership": membership.pk, "decision": "approve"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        team_request_decide(actor=other.user, membership=membership, approve=True)
    membership.refresh_from_db()
    assert membership.status == TeamMembership.Status.PENDING


def test_leader_of_another_team_cannot_decide(client, team, volunteer, unit):
    membership = team_join_request(volunteer=volunteer, team=team)
    other_team = Team.objects.create(
        name="另一队", slug="another", community="某社区", district=unit.district
    )
    other_leader = VolunteerFactory()
    TeamMembership.objects.create(
        team=other_team,
        volunteer=other_leader,
        role=TeamMembership.Role.LEADER,
        status=TeamMembership.Status.APPROVED,
    )
    client.force_login(other_leader.user)
    # Posting another team's request id to one's own team page finds nothing.
    response = client.post(
        url("team_requests", other_team),
        {"membership": membership.pk, "decision": "approve"},
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == TeamMembership.Status.PENDING


def test_staff_may_decide(team, volunteer):
    membership = team_join_request(volunteer=volunteer, team=team)
    staff = UserFactory(is_staff=True)
    team_request_decide(actor=staff, membership=membership, approve=False)
    membership.refresh_from_db()
    assert membership.status == TeamMembership.Status.REJECTED


def test_only_active_volunteers_ask_to_join(team):
    pending = VolunteerFactory(
        status=Volunteer.Status.PENDING, green_ribbon_number=None
    )
    with pytest.raises(ServiceError):
        team_join_request(volunteer=pending, team=team)
    assert not TeamMembership.objects.exists()


def test_asking_twice_is_refused_and_asking_again_after_decline_works(
    team, leader, volunteer
):
    membership = team_join_request(volunteer=volunteer, team=team)
    with pytest.raises(ServiceError):
        team_join_request(volunteer=volunteer, team=team)
    team_request_decide(actor=leader.user, membership=membership, approve=False)
    again = team_join_request(volunteer=volunteer, team=team)
    assert again.pk == membership.pk
    assert again.status == TeamMembership.Status.PENDING


def test_leaving_a_team(client, team, leader, volunteer):
    membership = team_join_request(volunteer=volunteer, team=team)
    team_request_decide(actor=leader.user, membership=membership, approve=True)
    client.force_login(volunteer.user)
    assert client.post(url("team_leave", team)).status_code == 302
    membership.refresh_from_db()
    assert membership.status == TeamMembership.Status.LEFT


def test_last_leader_cannot_leave(team, leader):
    with pytest.raises(ServiceError):
        team_leave(volunteer=leader, team=team)


def test_team_page_names_only_members_who_opted_in(client, team, leader):
    for name, shown in (("公开成员", True), ("匿名成员", False)):
        TeamMembership.objects.create(
            team=team,
            volunteer=VolunteerFactory(real_name=name, show_on_leaderboards=shown),
            status=TeamMembership.Status.APPROVED,
        )
    content = client.get(url("team_detail", team)).content.decode()
    assert team.name in content
    assert "周队长" in content
    assert "公开成员" in content
    assert "匿名成员" not in content
    assert "3" in content  # counted


def test_team_list_filters_by_district_with_fixed_queries(
    client, team, django_assert_max_num_queries
):
    other_district = District.objects.exclude(pk=team.district_id).first()
    for number in range(8):
        Team.objects.create(
            name=f"队{number}",
            slug=f"team-{number}",
            community="某社区",
            district=other_district,
        )
    client.get("/")  # the cached site shell warm, as after any first visit
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("volunteers:team_list"), {"district": team.district.code}
        )
    content = response.content.decode()
    assert team.name in content
    assert "队0" not in content
    assert (
        client.get(reverse("volunteers:team_list"))
        .content.decode()
        .count("card__title")
        == 9
    )


def test_unknown_team_is_404(client):
    response = client.get(reverse("volunteers:team_detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404


def test_team_page_lists_its_activities(client, activity_index, organising_unit):
    from tests.volunteers.factories import make_activity
    from volunteers.models import Team

    team = Team.objects.create(
        name="花果园志愿服务队",
        slug="huaguoyuan-team",
        unit=organising_unit,
        district=organising_unit.district,
    )
    make_activity(activity_index, unit=organising_unit, team=team, title="关爱空巢老人")
    make_activity(activity_index, unit=organising_unit, title="别的队的活动")
    response = client.get(f"/volunteers/teams/{team.slug}/")
    text = response.content.decode()
    assert "关爱空巢老人" in text
    assert "别的队的活动" not in text
