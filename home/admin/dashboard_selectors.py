"""Reads for the admin dashboard's panels (home/admin/dashboard.py): the page
folders a person may edit, with what waits in them, and the pages waiting for
their review in a workflow."""

from django.db.models import QuerySet

from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState

EDITING_PERMISSIONS = ("add_page", "change_page", "publish_page")


def editable_folders(*, user) -> QuerySet[Page]:
    """The pages (a unit's folders) where the groups of ``user`` were given
    editing rights, with their section (the parent) loaded, in tree order."""
    folder_ids = GroupPagePermission.objects.filter(
        group__in=user.groups.all(),
        permission__codename__in=EDITING_PERMISSIONS,
    ).values("page_id")
    return Page.objects.filter(pk__in=folder_ids).order_by("path")


def folder_figures(*, folder: Page) -> dict[str, int]:
    """How many pages the folder holds, how many have unpublished changes, and how
    many are in a workflow (submitted, or sent back for changes)."""
    pages = Page.objects.descendant_of(folder)
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    return {
        "pages": len(page_ids),
        "drafts": pages.filter(has_unpublished_changes=True).count(),
        "in_workflow": WorkflowState.objects.active()
        .filter(base_content_type__model="page", object_id__in=page_ids)
        .count(),
    }


def page_reviews(*, user) -> QuerySet[TaskState]:
    """The pages' workflow tasks that ``user`` may approve: the list on the
    dashboard and the count on the person's workspace (/me/) are both this."""
    return TaskState.objects.reviewable_by(user).filter(
        workflow_state__base_content_type__model="page"
    )


def pages_awaiting_review(*, user) -> list[Page]:
    """The pages whose current workflow task ``user`` may approve, newest first."""
    page_ids = [
        int(object_id)
        for object_id in page_reviews(user=user)
        .order_by("-started_at")
        .values_list("workflow_state__object_id", flat=True)
    ]
    pages = Page.objects.in_bulk(page_ids)
    return [pages[pk] for pk in page_ids if pk in pages]
