"""Reads for the person's workspace (/me/): the shared core's own panels — a
unit's members and booking requests, the unit's pages in the admin, the pages
awaiting the person's review and the admin itself — registered in
``home.apps`` like the feature apps' panels (``home.extensions``).

Every count is the count of the list its link opens, read through the same
selector; each panel runs a fixed number of queries whatever the number of units.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.models import GroupApprovalTask

from home.admin.dashboard_selectors import page_reviews
from home.extensions import WorkspaceLink, WorkspacePanel
from home.facilities import selectors as facility_selectors
from home.models import UnitMembership
from home.models.folders import UnitFolderMixin
from home.permissions import has_privileged_permission, is_platform_staff
from home.twofactor import ADMIN_ACCESS_PERMISSION, has_two_factor

Role = UnitMembership.Role

# The order of the role panels on the page (the feature apps use the same keys).
PANEL_ORDER = {
    "organiser": 10,
    "admin": 20,
    "responder": 30,
    "editor": 40,
    "moderator": 50,
    "reviewer": 60,
    "staff": 70,
}


def units_with_role(memberships, role) -> list:
    """The units where the person holds ``role``, by name, each once."""
    units = {m.unit_id: m.unit for m in memberships if m.role == role}
    return sorted(units.values(), key=lambda unit: unit.name)


def role_panel(key: str, title: str, links=None, **extra) -> WorkspacePanel:
    return WorkspacePanel(
        key=key, title=title, order=PANEL_ORDER[key], links=links or [], **extra
    )


def _facility_links(unit, requests) -> list[WorkspaceLink]:
    """A facility manager's (admin or editor) booking requests and facilities."""
    return [
        WorkspaceLink(
            label=_("Facility booking requests"),
            url=reverse("home:unit_bookings", kwargs={"slug": unit.slug}),
            count=requests.get(unit.pk, 0),
            unit=unit,
            tone="warning",
        ),
        WorkspaceLink(
            label=_("Manage facilities"),
            url=reverse("home:unit_facilities", kwargs={"slug": unit.slug}),
            unit=unit,
        ),
    ]


def _admin_panel(admin_units, requests) -> WorkspacePanel | None:
    if not admin_units:
        return None
    links = []
    for unit in admin_units:
        links += _facility_links(unit, requests)
        links.append(
            WorkspaceLink(
                label=_("Members"),
                url=reverse("home:unit_members", kwargs={"slug": unit.slug}),
                unit=unit,
            )
        )
    return role_panel("admin", pgettext("workspace", "Unit administrator"), links)


def _editor_panel(editor_units, requests, admin_units) -> WorkspacePanel | None:
    if not editor_units:
        return None
    by_id = {unit.pk: unit for unit in editor_units}
    links = []
    # One query per kind of folder (activities, pledges …), not per unit.
    for folder_model in UnitFolderMixin.unit_folder_models():
        label = str(folder_model._meta.verbose_name)
        folders = folder_model.objects.filter(unit_id__in=list(by_id)).only(
            "pk", "unit_id"
        )
        for folder in folders:
            links.append(
                WorkspaceLink(
                    label=label,
                    url=reverse("wagtailadmin_explore", args=[folder.pk]),
                    unit=by_id[folder.unit_id],
                    note=_("in the admin"),
                )
            )
    links.sort(key=lambda link: link.label)
    # Editors decide bookings too; a unit's admin sees them in the admin panel.
    for unit in editor_units:
        if unit not in admin_units:
            links += _facility_links(unit, requests)
    return role_panel("editor", pgettext("workspace", "Editor"), links)


def pages_to_review(*, user) -> int:
    """How many pages await ``user``'s approval in a workflow task: the length
    of the admin dashboard's list (``page_reviews``)."""
    return page_reviews(user=user).count()


def _reviewer_panel(user) -> WorkspacePanel | None:
    """Staff, and members of a group that approves a workflow task (the pledge
    reviewers), with entry to the admin."""
    if not has_privileged_permission(user, ADMIN_ACCESS_PERMISSION):
        return None
    reviews = (
        user.is_superuser
        or GroupApprovalTask.objects.filter(
            active=True, groups__in=user.groups.all()
        ).exists()
    )
    if not reviews:
        return None
    link = WorkspaceLink(
        label=_("Pages awaiting your review"),
        url=reverse("wagtailadmin_home"),
        count=pages_to_review(user=user),
        note=_("in the admin"),
        tone="warning",
    )
    return role_panel("reviewer", pgettext("workspace", "Reviewer"), [link])


def _staff_panel(user) -> WorkspacePanel | None:
    if not is_platform_staff(user):
        return None
    return role_panel(
        "staff",
        pgettext("workspace", "Platform staff"),
        [
            WorkspaceLink(label=_("The admin"), url=reverse("wagtailadmin_home")),
            WorkspaceLink(label=_("Unit directory"), url=reverse("home:unit_list")),
        ],
    )


def core_workspace_panels(*, user, memberships) -> list[WorkspacePanel]:
    """The shared core's panels for ``user`` (none without two-factor: every
    power needs it)."""
    if not has_two_factor(user):
        return []
    admin_units = units_with_role(memberships, Role.ADMIN)
    editor_units = units_with_role(memberships, Role.EDITOR)
    requests = {}
    if admin_units or editor_units:
        requests = facility_selectors.booking_request_counts(
            unit_ids={unit.pk for unit in [*admin_units, *editor_units]},
            now=timezone.now(),
        )
    panels = [
        _admin_panel(admin_units, requests),
        _editor_panel(editor_units, requests, admin_units),
        _reviewer_panel(user),
        _staff_panel(user),
    ]
    return [panel for panel in panels if panel is not None]
