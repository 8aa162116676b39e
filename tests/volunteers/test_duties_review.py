"""Separation of duties in the volunteer review (issue 11, "Organisers approve
themselves"): nobody reviews their own profile; a unit refuses a volunteer from
its own teams only; platform-wide suspension and reinstatement are staff
decisions with a reason, emailed; every decision is logged and shown to staff."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from home.models import UnitMembership
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    give_totp,
)
from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Team, TeamMembership, Volunteer, VolunteerDecision
from volunteers.services.review import volunteer_approve

pytestmark = pytest.mark.django_db

Status = Volunteer.Status
Action = VolunteerDecision.Action


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def shengtai():
    return UnitFactory(name="生态局")


@pytest.fixture
def shengtai_team(shengtai):
    return Team.objects.create(
        name="生态志愿队", slug="shengtai", unit=shengtai, district=shengtai.district
    )


@pytest.fixture
def shengtai_organiser(shengtai):
    user = UserFactory(display_name="shengtai.organiser")
    UnitMembershipFactory(unit=shengtai, user=user, role=UnitMembership.Role.ORGANISER)
    return user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, display_name="孙审核")


def _review(client, user, volunteer, **data):
    client.force_login(user)
    url = reverse("volunteers:review_detail", args=[volunteer.pk])
    return client.post(url, data)


def test_organiser_cannot_approve_own_registration(
    client, shengtai_team, shengtai_organiser
):
    # The organiser registers as a volunteer choosing its own unit's team.
    own = VolunteerFactory(
        user=shengtai_organiser,
        real_name="组织者本人",
        status=Status.PENDING,
        green_ribbon_number=None,
    )
    TeamMembership.objects.create(team=shengtai_team, volunteer=own)

    client.force_login(shengtai_organiser)
    listing = client.get(reverse("volunteers:review_list")).content.decode()
    assert "组织者本人" not in listing
    response = _review(client, shengtai_organiser, own, action="approve")
    assert response.status_code in (403, 404)
    own.refresh_from_db()
    assert own.status == Status.PENDING
    assert own.green_ribbon_number is None
    with pytest.raises(PermissionDenied):
        volunteer_approve(reviewer=shengtai_organiser, volunteer=own)
    assert not VolunteerDecision.objects.exists()


def test_organiser_cannot_reapprove_after_staff_suspension(
    client,
    shengtai,
    shengtai_team,
    shengtai_organiser,
    staff,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    own = VolunteerFactory(user=shengtai_organiser, real_name="组织者本人")
    other = VolunteerFactory(real_name="队员乙")
    for volunteer in (own, other):
        TeamMembership.objects.create(
            team=shengtai_team, volunteer=volunteer, status="approved"
        )
    colleague = UnitMembershipFactory(
        unit=shengtai, role=UnitMembership.Role.ORGANISER
    ).user

    # Staff suspend both, with a reason (without one, nothing happens).
    assert _review(client, staff, own, action="suspend").status_code == 400
    for volunteer in (own, other):
        response = _review(client, staff, volunteer, action="suspend", reason="违规")
        assert response.status_code == 302
        volunteer.refresh_from_db()
        assert volunteer.status == Status.SUSPENDED

    # The organiser approves itself again: refused.
    response = _review(client, shengtai_organiser, own, action="approve")
    assert response.status_code in (403, 404)
    # A colleague of the unit cannot reinstate anyone either.
    response = _review(client, colleague, other, action="approve")
    assert response.status_code == 400
    response = _review(client, colleague, other, action="reinstate", reason="x")
    assert response.status_code == 400
    for volunteer in (own, other):
        volunteer.refresh_from_db()
        assert volunteer.status == Status.SUSPENDED

    # Staff reinstate, with a reason the volunteer is emailed.
    mail.outbox.clear()
    with capture(execute=True):
        response = _review(client, staff, other, action="reinstate", reason="申诉成立")
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Status.ACTIVE
    assert [message.to for message in mail.outbox] == [[other.user.email]]
    assert "申诉成立" in mail.outbox[0].body
    log = VolunteerDecision.objects.filter(volunteer=other)
    assert [(row.action, row.decided_by, row.reason) for row in log] == [
        (Action.REINSTATE, staff, "申诉成立"),
        (Action.SUSPEND, staff, "违规"),
    ]


def test_unit_suspending_an_applicant_only_refuses_them_from_its_teams(
    client, staff, django_capture_on_commit_callbacks
):
    huaguoyuan = UnitFactory(name="花果园")
    team = Team.objects.create(
        name="花果园服务队", slug="hgy", unit=huaguoyuan, district=huaguoyuan.district
    )
    elsewhere = Team.objects.create(
        name="别处服务队", slug="bc", unit=UnitFactory(), district=huaguoyuan.district
    )
    organiser = UnitMembershipFactory(
        unit=huaguoyuan, role=UnitMembership.Role.ORGANISER
    ).user
    volunteer001 = VolunteerFactory(real_name="volunteer001")
    asked = TeamMembership.objects.create(team=team, volunteer=volunteer001)
    member = TeamMembership.objects.create(
        team=elsewhere, volunteer=volunteer001, status="approved"
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _review(
            client, organiser, volunteer001, action="suspend", reason="不合适"
        )
    assert response.status_code == 302

    volunteer001.refresh_from_db()
    asked.refresh_from_db()
    member.refresh_from_db()
    assert volunteer001.status == Status.ACTIVE  # not suspended platform-wide
    assert asked.status == TeamMembership.Status.REJECTED
    assert asked.decided_by == organiser
    assert member.status == TeamMembership.Status.APPROVED  # another unit's team
    decision = VolunteerDecision.objects.get(volunteer=volunteer001)
    assert (decision.action, decision.team, decision.decided_by) == (
        Action.TEAM_REFUSE,
        team,
        organiser,
    )
    assert decision.reason == "不合适"
    assert [message.to for message in mail.outbox] == [[volunteer001.user.email]]
    assert "花果园服务队" in mail.outbox[0].body
    assert "不合适" in mail.outbox[0].body
    # The volunteer has left the unit's queue.
    url = reverse("volunteers:review_detail", args=[volunteer001.pk])
    assert client.get(url).status_code == 404

    # Staff see the decision in the admin: on the volunteer and in the log.
    admin = UserFactory(is_staff=True, is_superuser=True)
    give_totp(admin)
    client.force_login(admin)
    page = client.get(reverse("volunteer_review:review", args=[volunteer001.pk]))
    content = page.content.decode()  # the admin speaks the staff's language
    assert "被拒绝加入服务队" in content or "Refused from a team" in content
    assert "不合适" in content
    log = client.get(reverse("volunteer_decisions:index")).content.decode()
    assert "volunteer001" in log
    assert "不合适" in log


def test_leader_cannot_decide_own_join_request(client):
    from volunteers.services.teams import team_request_decide

    team = Team.objects.create(
        name="社区队", slug="sq", unit=UnitFactory(), district=UnitFactory().district
    )
    leader = VolunteerFactory()
    TeamMembership.objects.create(
        team=team, volunteer=leader, role="leader", status="approved"
    )
    other_team = Team.objects.create(
        name="另一队", slug="ly", unit=team.unit, district=team.district
    )
    TeamMembership.objects.create(
        team=other_team, volunteer=leader, role="leader", status="approved"
    )
    # Staff who are also volunteers: their own request still needs someone else.
    staff_volunteer = VolunteerFactory(user=UserFactory(is_staff=True))
    request = TeamMembership.objects.create(team=team, volunteer=staff_volunteer)
    with pytest.raises(PermissionDenied):
        team_request_decide(
            actor=staff_volunteer.user, membership=request, approve=True
        )
    request.refresh_from_db()
    assert request.status == TeamMembership.Status.PENDING
