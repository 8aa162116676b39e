"""A unit admin manages their own unit's members, and no one else's."""

from django.urls import reverse

import pytest

from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def members_url(unit):
    return reverse("home:unit_members", kwargs={"slug": unit.slug})


def test_unit_admin_adds_a_member_by_email(client, unit, unit_admin):
    newcomer = UserFactory(email="editor@example.cn", display_name="王编辑")
    client.force_login(unit_admin)
    response = client.post(
        members_url(unit), {"email": "Editor@Example.cn", "role": "editor"}, follow=True
    )
    assert response.status_code == 200
    assert UnitMembership.objects.filter(
        unit=unit, user=newcomer, role=UnitMembership.Role.EDITOR
    ).exists()
    assert "王编辑" in response.content.decode()


def test_adding_an_unknown_email_changes_nothing_and_says_why(client, unit, unit_admin):
    client.force_login(unit_admin)
    before = UnitMembership.objects.count()
    response = client.post(
        members_url(unit), {"email": "nobody@example.cn", "role": "editor"}
    )
    assert response.status_code == 200
    assert "nobody@example.cn" in response.content.decode()
    assert UnitMembership.objects.count() == before


def test_adding_the_same_role_twice_is_refused(client, unit, unit_admin):
    editor = UnitMembershipFactory(unit=unit, role="editor").user
    client.force_login(unit_admin)
    response = client.post(members_url(unit), {"email": editor.email, "role": "editor"})
    assert response.status_code == 200
    assert UnitMembership.objects.filter(unit=unit, user=editor).count() == 1


def test_unit_admin_removes_a_member(client, unit, unit_admin):
    membership = UnitMembershipFactory(unit=unit, role="organiser")
    client.force_login(unit_admin)
    url = reverse(
        "home:unit_member_remove",
        kwargs={"slug": unit.slug, "membership_id": membership.pk},
    )
    response = client.post(url)
    assert response.status_code == 302
    assert not UnitMembership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_be_removed(client, unit, unit_admin):
    membership = UnitMembership.objects.get(unit=unit, user=unit_admin)
    client.force_login(unit_admin)
    url = reverse(
        "home:unit_member_remove",
        kwargs={"slug": unit.slug, "membership_id": membership.pk},
    )
    client.post(url)
    assert UnitMembership.objects.filter(pk=membership.pk).exists()


def test_admin_of_another_unit_cannot_see_or_change_members(client, unit, unit_admin):
    other_unit = UnitFactory(name="贵阳市生态环境局")
    other_member = UnitMembershipFactory(unit=other_unit, role="editor")
    client.force_login(unit_admin)

    assert client.get(members_url(other_unit)).status_code == 403
    response = client.post(
        members_url(other_unit), {"email": unit_admin.email, "role": "admin"}
    )
    assert response.status_code == 403
    assert not UnitMembership.objects.filter(unit=other_unit, user=unit_admin).exists()
    remove = reverse(
        "home:unit_member_remove",
        kwargs={"slug": other_unit.slug, "membership_id": other_member.pk},
    )
    assert client.post(remove).status_code == 403
    assert UnitMembership.objects.filter(pk=other_member.pk).exists()


def test_editor_is_not_a_unit_admin(client, unit):
    editor = UnitMembershipFactory(unit=unit, role="editor").user
    client.force_login(editor)
    assert client.get(members_url(unit)).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, unit):
    response = client.get(members_url(unit))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_removal_across_units_is_not_found(client, unit, unit_admin):
    other_member = UnitMembershipFactory(role="editor")  # another unit
    client.force_login(unit_admin)
    url = reverse(
        "home:unit_member_remove",
        kwargs={"slug": unit.slug, "membership_id": other_member.pk},
    )
    assert client.post(url).status_code == 404
    assert UnitMembership.objects.filter(pk=other_member.pk).exists()
