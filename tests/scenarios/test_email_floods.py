"""Issue 11, "Email floods": "Join/leave a team in a loop: both leaders are
emailed each time." """

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

import pytest

from tests.volunteers.factories import VolunteerFactory
from volunteers.models import Team, TeamMembership

pytestmark = pytest.mark.django_db


def test_a_join_leave_loop_emails_each_leader_once(
    client, unit, django_capture_on_commit_callbacks
):
    cache.clear()
    team = Team.objects.create(
        name="花果园志愿服务队", slug="huaguoyuan", unit=unit, district=unit.district
    )
    for name in ("周队长", "吴队长"):
        TeamMembership.objects.create(
            team=team,
            volunteer=VolunteerFactory(real_name=name),
            role=TeamMembership.Role.LEADER,
            status=TeamMembership.Status.APPROVED,
        )
    client.force_login(VolunteerFactory().user)
    join = reverse("volunteers:team_join", kwargs={"slug": team.slug})
    leave = reverse("volunteers:team_leave", kwargs={"slug": team.slug})
    with django_capture_on_commit_callbacks(execute=True):
        for _round in range(4):
            client.post(join)
            client.post(leave)
        client.post(join)
    assert len(mail.outbox) == 2, f"{len(mail.outbox)} emails to the two leaders"
