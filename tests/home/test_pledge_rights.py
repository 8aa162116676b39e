"""The permission matrix of pledges in the Wagtail admin: a unit's editors write
only in their unit's folder, and nobody in a unit publishes without staff approval
(home/workspaces.py gives each unit's group add and change, not publish)."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from home.models import PledgePage, PledgeStatus
from home.pledges.services import PLEDGE_REVIEWERS_GROUP, pledge_folder_for
from tests.factories import UnitFactory, UserFactory, give_totp, make_unit_editor
from tests.home.factories import make_pledge, pledge_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return UnitFactory(name="贵阳市民政局"), UnitFactory(name="贵阳银行股份有限公司")


def add_url(folder):
    return reverse("wagtailadmin_pages:add", args=["home", "pledgepage", folder.pk])


def test_every_unit_gets_a_pledge_folder_its_group_can_write_but_not_publish(units):
    unit_a, _unit_b = units
    folder = pledge_folder_for(unit_a)
    unit_a.refresh_from_db()
    codenames = set(
        unit_a.editor_group.page_permissions.filter(page=folder).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_editor_of_a_cannot_create_under_b(client, units):
    unit_a, unit_b = units
    pledge_folder_for(unit_a)
    folder_b = pledge_folder_for(unit_b)
    client.force_login(make_unit_editor(unit_a))
    assert client.get(add_url(folder_b)).status_code in (302, 403)
    response = client.post(add_url(folder_b), pledge_form(""))
    assert response.status_code in (302, 403)
    assert not PledgePage.objects.exists()


def test_editor_of_a_cannot_edit_submit_or_unpublish_b(client, units):
    unit_a, unit_b = units
    pledge_folder_for(unit_a)
    pledge_b = make_pledge(unit_b, year=2026, title="贵阳银行2026年度社会责任承诺书")
    draft_b = make_pledge(unit_b, year=2025, publish=False, slug="draft-2025")
    client.force_login(make_unit_editor(unit_a))
    edit_url = reverse("wagtailadmin_pages:edit", args=[pledge_b.pk])
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, pledge_form("", slug=pledge_b.slug, title="改掉"))
    pledge_b.refresh_from_db()
    assert pledge_b.title == "贵阳银行2026年度社会责任承诺书"
    draft_url = reverse("wagtailadmin_pages:edit", args=[draft_b.pk])
    client.post(draft_url, pledge_form("", slug=draft_b.slug, year=2025))
    draft_b.refresh_from_db()
    assert draft_b.current_workflow_state is None and not draft_b.live
    client.post(reverse("wagtailadmin_pages:unpublish", args=[pledge_b.pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[pledge_b.pk]))
    pledge_b.refresh_from_db()
    assert pledge_b.live


def test_editor_cannot_publish_own_pledge_without_staff_approval(client, units):
    unit_a, _unit_b = units
    folder = pledge_folder_for(unit_a)
    client.force_login(make_unit_editor(unit_a))
    data = pledge_form("")
    data.pop("action-submit")
    data["action-publish"] = "action-publish"
    client.post(add_url(folder), data)
    pledge = PledgePage.objects.get()
    assert not pledge.live
    assert pledge.status_at() in (PledgeStatus.DRAFT, PledgeStatus.SUBMITTED)


def test_editor_of_a_cannot_approve_b_submission_but_a_reviewer_can(client, units):
    unit_a, unit_b = units
    folder_b = pledge_folder_for(unit_b)
    client.force_login(make_unit_editor(unit_b))
    client.post(add_url(folder_b), pledge_form(""))
    pledge = PledgePage.objects.get()
    task_state = pledge.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[pledge.pk, "approve", task_state.pk],
    )
    client.force_login(make_unit_editor(unit_a))
    client.post(approve_url, {"comment": ""})
    pledge.refresh_from_db()
    assert not pledge.live
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    give_totp(reviewer)
    client.force_login(reviewer)
    client.post(approve_url, {"comment": ""})
    pledge.refresh_from_db()
    assert pledge.live
