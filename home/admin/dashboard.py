"""What the shared core adds to the admin dashboard and help menu (registered in
wagtail_hooks.py): a panel of the unit's page folders for editors and
organisers, a panel of the pages waiting for the person's review, and the
editor-guide links pointed at the project's own guide (or hidden)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from home.admin.dashboard_selectors import (
    editable_folders,
    folder_figures,
    pages_awaiting_review,
)


class UnitPagesPanel(Component):
    name = "canyu_unit_pages"
    template_name = "home/admin/dashboard_unit_pages.html"
    order = 45

    def __init__(self, folders):
        self.folders = folders

    def get_context_data(self, parent_context):
        return {
            "folders": [
                {
                    "title": folder.title,
                    "section": folder.get_parent().title,
                    "explore_url": reverse("wagtailadmin_explore", args=[folder.pk]),
                    **folder_figures(folder=folder),
                }
                for folder in self.folders
            ]
        }


class ReviewQueuePanel(Component):
    name = "canyu_review_queue"
    template_name = "home/admin/dashboard_review_queue.html"
    order = 42

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        return {
            "total": len(self.pages),
            "pages": [
                {
                    "title": page.get_admin_display_title(),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
                for page in self.pages[:10]
            ],
        }


def add_dashboard_panels(request, panels) -> None:
    user = request.user
    pages = pages_awaiting_review(user=user)
    if pages:
        panels.append(ReviewQueuePanel(pages))
    folders = list(editable_folders(user=user))
    if folders:
        panels.append(UnitPagesPanel(folders))


# Wagtail's help menu items that lead to its English guide and release notes.
WAGTAIL_GUIDE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


def point_help_menu_at_own_guide(request, menu_items) -> None:
    """Drop Wagtail's English guide links; add the project's guide when one is
    configured (``CANYU_EDITOR_GUIDE_URL``)."""
    menu_items[:] = [
        item
        for item in menu_items
        if not (item.name or "").startswith(WAGTAIL_GUIDE_ITEMS)
    ]
    if settings.CANYU_EDITOR_GUIDE_URL:
        menu_items.append(
            MenuItem(
                gettext("Editor guide"),
                settings.CANYU_EDITOR_GUIDE_URL,
                name="canyu-editor-guide",
                icon_name="help",
                order=1100,
            )
        )
