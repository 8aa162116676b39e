"""Per-unit rights on activity pages in the Wagtail admin: only the organising unit's
editors and organisers create, edit and publish its activities (home/workspaces.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import rich_text

import pytest

from home.models import District, UnitMembership
from home.services.workspaces import folder_for, group_name_for
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.volunteers.factories import make_activity
from volunteers.models import ActivityPage, UnitActivitiesPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(activity_index):
    unit_a = UnitFactory(name="南明区民政局")
    unit_b = UnitFactory(name="云岩区团委")
    return unit_a, unit_b


def member(unit, role):
    user = UserFactory()
    UnitMembershipFactory(unit=unit, user=user, role=role)
    return user


def add_form(folder, **overrides):
    now = timezone.localtime()
    data = {
        "title": "甲秀楼周边文明劝导",
        "slug": overrides.pop("slug", "wenming-quandao"),
        "team": "",
        "category": "traffic",
        "district": District.objects.get(code="520102").pk,
        "place": "南明区甲秀楼",
        "summary": "在路口劝导行人遵守交通信号。",
        "description": rich_text("<p>请按时到达。</p>"),
        "signup_opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "signup_closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        "cancellation_deadline_hours": 24,
        "required_skills": "",
        "minimum_age": 0,
        "points_multiplier": "1.0",
        "shifts-TOTAL_FORMS": 1,
        "shifts-INITIAL_FORMS": 0,
        "shifts-MIN_NUM_FORMS": 1,
        "shifts-MAX_NUM_FORMS": 1000,
        "shifts-0-role": "劝导员",
        "shifts-0-starts_at": (now + timedelta(days=5)).strftime("%Y-%m-%d 09:00"),
        "shifts-0-ends_at": (now + timedelta(days=5)).strftime("%Y-%m-%d 11:00"),
        "shifts-0-capacity": 8,
        "shifts-0-ORDER": 1,
        "shifts-0-id": "",
        "shifts-0-DELETE": "",
    }
    data.update(overrides)
    return data


def add_url(folder):
    return reverse(
        "wagtailadmin_pages:add", args=("volunteers", "activitypage", folder.pk)
    )


def test_a_new_unit_gets_its_group_collection_and_folder(units):
    unit_a, _unit_b = units
    unit_a.refresh_from_db()
    assert unit_a.editor_group.name == group_name_for(unit_a)
    assert unit_a.collection is not None
    folder = UnitActivitiesPage.objects.get(unit=unit_a)
    codenames = set(
        GroupPagePermission.objects.filter(
            group=unit_a.editor_group, page=folder
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page", "publish_page"}


def test_group_follows_editor_and_organiser_roles(units):
    unit_a, _unit_b = units
    editor = member(unit_a, UnitMembership.Role.EDITOR)
    organiser = member(unit_a, UnitMembership.Role.ORGANISER)
    responder = member(unit_a, UnitMembership.Role.RESPONDER)
    unit_a.refresh_from_db()
    group_users = set(unit_a.editor_group.user_set.all())
    assert group_users == {editor, organiser}
    assert responder not in group_users
    UnitMembership.objects.get(user=organiser).delete()
    assert set(unit_a.editor_group.user_set.all()) == {editor}


@pytest.mark.parametrize("role", ["editor", "organiser"])
def test_editor_creates_and_publishes_in_own_folder(client, units, role):
    unit_a, _unit_b = units
    client.force_login(member(unit_a, role))
    folder = folder_for(unit=unit_a, folder_model=UnitActivitiesPage)
    response = client.post(add_url(folder), {**add_form(folder), "action-publish": "1"})
    assert response.status_code == 302, response.content[:2000]
    page = ActivityPage.objects.get(slug="wenming-quandao")
    assert page.live
    assert page.unit == unit_a  # from the folder, not from the form
    assert page.get_parent().pk == folder.pk


def test_editor_of_a_cannot_create_under_b(client, units):
    unit_a, unit_b = units
    client.force_login(member(unit_a, "editor"))
    folder_b = folder_for(unit=unit_b, folder_model=UnitActivitiesPage)
    assert client.get(add_url(folder_b)).status_code in (302, 403)
    response = client.post(
        add_url(folder_b), {**add_form(folder_b), "action-publish": "1"}
    )
    assert response.status_code in (302, 403)
    assert not ActivityPage.objects.filter(slug="wenming-quandao").exists()


def test_editor_of_a_cannot_edit_or_publish_b_activity(client, units):
    unit_a, unit_b = units
    activity_b = make_activity(
        UnitActivitiesPage.objects.get(unit=unit_b).get_parent().specific,
        unit=unit_b,
        title="云岩区团委植树",
    )
    client.force_login(member(unit_a, "editor"))
    edit_url = reverse("wagtailadmin_pages:edit", args=(activity_b.pk,))
    assert client.get(edit_url).status_code in (302, 403)
    form = add_form(None, title="被改掉的标题", slug=activity_b.slug)
    form["shifts-INITIAL_FORMS"] = 0
    response = client.post(edit_url, {**form, "action-publish": "1"})
    assert response.status_code in (302, 403)
    activity_b.refresh_from_db()
    assert activity_b.title == "云岩区团委植树"
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(activity_b.pk,))
    client.post(unpublish_url)
    activity_b.refresh_from_db()
    assert activity_b.live
    delete_url = reverse("wagtailadmin_pages:delete", args=(activity_b.pk,))
    client.post(delete_url)
    assert ActivityPage.objects.filter(pk=activity_b.pk).exists()


def test_editor_edits_own_activity(client, units):
    unit_a, _unit_b = units
    index = UnitActivitiesPage.objects.get(unit=unit_a).get_parent().specific
    activity = make_activity(index, unit=unit_a, title="南明区敬老院探访")
    client.force_login(member(unit_a, "editor"))
    edit_url = reverse("wagtailadmin_pages:edit", args=(activity.pk,))
    assert client.get(edit_url).status_code == 200


def test_resident_and_responder_cannot_reach_the_admin(client, units):
    unit_a, _unit_b = units
    client.force_login(member(unit_a, "responder"))
    folder = folder_for(unit=unit_a, folder_model=UnitActivitiesPage)
    assert client.get(add_url(folder)).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_team_of_another_unit_is_refused(client, units):
    from volunteers.models import Team

    unit_a, unit_b = units
    team_b = Team.objects.create(
        name="云岩区青年志愿服务队",
        slug="yunyan-youth",
        unit=unit_b,
        district=District.objects.get(code="520103"),
    )
    client.force_login(member(unit_a, "editor"))
    folder = folder_for(unit=unit_a, folder_model=UnitActivitiesPage)
    response = client.post(
        add_url(folder), {**add_form(folder, team=team_b.pk), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert not ActivityPage.objects.filter(slug="wenming-quandao").exists()
