"""Only the project's own workflow exists: Wagtail's default "Moderators approval"
on the root page is gone (an organiser's activity is not sent to the comment
moderators), pledges go to the "Pledge reviewers", names are Chinese only, and
the workflow emails are in Chinese for a Chinese reviewer even when the editor's
admin is in English."""

import importlib
import re

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

import pytest

from home.models import PledgePage, UnitMembership
from home.pledges.services import (
    PLEDGE_REVIEWERS_GROUP,
    PLEDGE_TASK_NAME,
    PLEDGE_WORKFLOW_NAME,
    pledge_folder_for,
    pledge_index_ensure,
)
from home.services.workspaces import folder_for
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    make_unit_editor,
)
from tests.home.factories import pledge_form
from volunteers.models import UnitActivitiesPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("home.migrations.0016_project_workflows_only")
LATIN = re.compile(r"[A-Za-z]")


def test_only_the_projects_workflow_exists_and_none_sits_on_the_root():
    pledge_index_ensure()
    assert list(Workflow.objects.values_list("name", flat=True)) == [
        PLEDGE_WORKFLOW_NAME
    ]
    assert list(Task.objects.values_list("name", flat=True)) == [PLEDGE_TASK_NAME]
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    root = Page.get_first_root_node()
    assert root.get_workflow() is None


def test_workflow_and_task_names_are_chinese_only():
    pledge_index_ensure()
    for name in [
        *Workflow.objects.values_list("name", flat=True),
        *Task.objects.values_list("name", flat=True),
    ]:
        assert not LATIN.search(name), name


def test_default_groups_keep_no_page_rights_on_the_root_but_moderators_moderate():
    root = Page.get_first_root_node()
    assert not GroupPagePermission.objects.filter(page=root).exists()
    moderators = Group.objects.get(name="Moderators")
    codenames = set(moderators.permissions.values_list("codename", flat=True))
    assert {"moderate_comment", "access_admin"} <= codenames


def test_migration_cleans_an_existing_database_and_renames_the_pledge_workflow():
    """An existing site: Wagtail's default workflow still on the root, the
    Editors' rights on it, the pledge workflow under its old bilingual name."""
    pledge_index_ensure()
    root = Page.get_first_root_node()
    moderators = Group.objects.get(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    default = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=default, task=task, sort_order=0)
    WorkflowPage.objects.create(page=root, workflow=default)
    editors, _created = Group.objects.get_or_create(name="Editors")
    GroupPagePermission.objects.create(
        group=editors,
        page=root,
        permission=Permission.objects.get(codename="add_page"),
    )
    Workflow.objects.filter(name=PLEDGE_WORKFLOW_NAME).update(
        name="单位承诺书审核 (Pledge review)"
    )
    Task.objects.filter(name=PLEDGE_TASK_NAME).update(
        name="承诺书审核 (Staff approval)"
    )

    migration.project_workflows_only(apps, None)
    migration.project_workflows_only(apps, None)  # twice: nothing more to do

    assert list(Workflow.objects.values_list("name", flat=True)) == [
        PLEDGE_WORKFLOW_NAME
    ]
    assert list(Task.objects.values_list("name", flat=True)) == [PLEDGE_TASK_NAME]
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert Group.objects.filter(name="Moderators").exists()


def test_organiser_is_not_offered_moderators_approval_for_an_activity(
    client, activity_index
):
    unit = UnitFactory(name="云岩区团委")
    organiser = UserFactory()
    UnitMembershipFactory(
        unit=unit,
        user=organiser,
        role=UnitMembership.Role.ORGANISER,
        two_factor=True,
    )
    folder = folder_for(unit=unit, folder_model=UnitActivitiesPage)
    client.force_login(organiser)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("volunteers", "activitypage", folder.pk)
    )
    response = client.get(add_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Moderators" not in html
    assert 'name="action-submit"' not in html
    assert 'name="action-publish"' in html


def _submit_pledge(client, unit, editor):
    pledge_index_ensure()
    folder = pledge_folder_for(unit)
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
    letter = get_document_model().objects.get(title="承诺书签章扫描件")
    add_url = reverse("wagtailadmin_pages:add", args=["home", "pledgepage", folder.pk])
    response = client.post(add_url, pledge_form(letter.pk))
    assert response.status_code == 302
    return PledgePage.objects.get()


def test_pledge_submission_goes_to_the_reviewers_in_chinese(
    client, unit, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(display_name="陈慧敏", two_factor=True)
    reviewer.groups.add(Group.objects.get(name=PLEDGE_REVIEWERS_GROUP))
    editor = make_unit_editor(unit, display_name="赵编辑")
    unit.refresh_from_db()
    # The editor reads the admin in English; the reviewer chose no language.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    UserProfile.get_for_user(reviewer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pledge = _submit_pledge(client, unit, editor)

    task_state = pledge.current_workflow_task_state
    assert task_state.task.name == PLEDGE_TASK_NAME
    assert list(task_state.task.specific.groups.all()) == [
        Group.objects.get(name=PLEDGE_REVIEWERS_GROUP)
    ]
    to_reviewer = [message for message in mail.outbox if message.to == [reviewer.email]]
    assert to_reviewer, [message.subject for message in mail.outbox]
    for message in to_reviewer:
        assert "承诺书审核" in message.subject
        # Chinese, not English: no Latin word left but the page title's own.
        assert not LATIN.search(message.subject), message.subject
        assert "您好" in message.body or "你好" in message.body, message.body
        assert "has been submitted" not in message.body
