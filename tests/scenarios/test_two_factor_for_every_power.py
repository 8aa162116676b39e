"""Issue 11, "Two-factor only guards /admin/ and only for is_staff": "Moderators
and unit editors open /admin/ without it; a staff account without TOTP reaches
every unit's rosters [...] on the public site." """

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from home.models import UnitMembership
from tests.factories import UserFactory
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db


def _without_totp(**fields):
    """A plain account (no authenticator), then given its powers."""
    user = UserFactory()
    type(user).objects.filter(pk=user.pk).update(**fields)
    user.refresh_from_db()
    return user


def test_privileged_accounts_without_totp_are_stopped(client, unit, activity_index):
    moderator = _without_totp()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = _without_totp()
    UnitMembership.objects.create(
        unit=unit, user=editor, role=UnitMembership.Role.EDITOR
    )
    staff = _without_totp(is_staff=True)
    roster = reverse(
        "volunteers:roster",
        kwargs={"page_id": make_activity(activity_index, unit=unit).pk},
    )

    reached = []
    for who, user, url in (
        ("a moderator", moderator, "/admin/"),
        ("a unit editor", editor, "/admin/"),
        ("a staff account", staff, roster),
    ):
        client.force_login(user)
        if client.get(url).status_code == 200:
            reached.append(f"{who} without TOTP opened {url}")
    assert not reached, "; ".join(reached)
