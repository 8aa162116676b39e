"""The admin flow: a unit editor writes a pledge with its commitments and the
signed letter in the Wagtail admin and submits it; a member of "Pledge reviewers"
approves it; it goes live and appears in the directory."""

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from home.models import PledgePage, PledgeStatus
from home.pledges.services import (
    PLEDGE_REVIEWERS_GROUP,
    pledge_folder_for,
    pledge_index_ensure,
)
from tests.clock import shanghai
from tests.factories import UserFactory, give_totp, make_unit_editor
from tests.home.factories import make_pledge, pledge_form

pytestmark = pytest.mark.django_db


def test_editor_submits_and_a_reviewer_approves(client, unit, time_machine):
    # Mid-2026: the 2026 pledge is "published" (from 2 December it is "report due").
    time_machine.move_to(shanghai(2026, 6, 15), tick=True)
    pledge_index_ensure()
    folder = pledge_folder_for(unit)
    editor = make_unit_editor(unit, display_name="赵编辑")
    unit.refresh_from_db()
    client.force_login(editor)

    upload = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "承诺书签章扫描件",
            "file": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
            "collection": unit.collection_id,
        },
    )
    assert upload.status_code == 302
    from wagtail.documents import get_document_model

    letter = get_document_model().objects.get(title="承诺书签章扫描件")

    add_url = reverse("wagtailadmin_pages:add", args=["home", "pledgepage", folder.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, pledge_form(letter.pk))
    assert response.status_code == 302, response.context["form"].errors
    pledge = PledgePage.objects.get()
    assert pledge.unit == unit and not pledge.live
    assert pledge.items.count() == 2 and pledge.signed_letter == letter
    assert pledge.status_at() == PledgeStatus.SUBMITTED
    task_state = pledge.current_workflow_task_state
    assert task_state is not None
    # Not public yet.
    assert 'class="pledge-card' not in client.get("/pledges/").content.decode()

    # The editor cannot approve their own pledge.
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[pledge.pk, "approve", task_state.pk],
    )
    client.post(approve_url, {"comment": ""})
    pledge.refresh_from_db()
    assert not pledge.live

    reviewer = UserFactory(display_name="审核员", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    give_totp(reviewer)  # staff need two-factor authentication
    client.force_login(reviewer)
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (200, 302)
    pledge.refresh_from_db()
    assert pledge.live
    assert pledge.status_at() == PledgeStatus.PUBLISHED
    client.logout()
    assert "2026年度社会责任承诺书" in client.get("/pledges/").content.decode()


def test_the_admin_form_refuses_a_second_pledge_for_the_same_year(client, unit):
    make_pledge(unit, year=2026)
    folder = pledge_folder_for(unit)
    editor = make_unit_editor(unit)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "pledgepage", folder.pk])
    data = pledge_form("", slug="another")
    data.pop("action-submit")
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert PledgePage.objects.count() == 1


def test_the_editor_previews_the_pledge_as_edited(client, unit):
    pledge = make_pledge(unit, year=2026, publish=False)
    pledge_folder_for(unit)
    editor = make_unit_editor(unit)
    client.force_login(editor)
    data = pledge_form("", slug=pledge.slug)
    data.pop("action-submit")
    data["items-0-title"] = "预览中的新承诺"
    response = client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[pledge.pk]), data
    )
    assert response.json()["is_valid"] is True
    preview = client.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=[pledge.pk])
    )
    assert preview.status_code == 200
    assert "预览中的新承诺" in preview.content.decode()
