"""Only the project's own workflows, with Chinese names.

Wagtail's migrations leave a "Moderators approval" workflow (a group-approval task
of the same name for the "Moderators" group) on the root page, so every page
without a workflow of its own — an organiser's activity — was offered
"提交给Moderators approval" and went to the *comment* moderators. This removes
that workflow, its task and any workflow assigned to the root page (pages still
in it stay as drafts). The pledge review workflow (created after every migrate by
``home.pledges.services.pledge_review_workflow_ensure``) gets its Chinese-only
names.

Wagtail's "Editors" group, which the project does not use, loses its page rights
on the root page (add and change on every unit's pages); a unit's people edit
through their unit's group, on their unit's folders only. The "Moderators" group
lost its page rights in consultations 0005 and keeps its comment moderation.

Safe on a fresh database (nothing to rename yet) and on an existing one; the
reverse does nothing."""

from django.db import migrations

WAGTAIL_DEFAULT_NAME = "Moderators approval"
RENAMES = {
    "workflow": {"单位承诺书审核 (Pledge review)": "单位承诺书审核"},
    "task": {"承诺书审核 (Staff approval)": "承诺书审核"},
}


def project_workflows_only(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    WorkflowPage.objects.filter(page__depth=1).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).delete()
    # Its task, unless another workflow uses it (deleting it deletes its Task row).
    GroupApprovalTask.objects.filter(
        name=WAGTAIL_DEFAULT_NAME, workflow_tasks__isnull=True
    ).delete()

    for old, new in RENAMES["workflow"].items():
        if not Workflow.objects.filter(name=new).exists():
            Workflow.objects.filter(name=old).update(name=new)
    for old, new in RENAMES["task"].items():
        if not Task.objects.filter(name=new).exists():
            Task.objects.filter(name=old).update(name=new)

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0015_access_log_attendance"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(project_workflows_only, migrations.RunPython.noop),
    ]
