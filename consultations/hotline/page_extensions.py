"""Where the hotline's pages plug into the shared core (``home.extensions``):
the workspace panel (/me/) of the people who handle, enter, dispatch or
oversee requests. Registered from ``HotlineConfig.ready()``."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from home.extensions import WorkspaceLink, WorkspacePanel
from home.models import Unit
from home.permissions import has_privileged_permission, is_platform_staff
from home.twofactor import has_two_factor

from .models import Request
from .selectors import unit_queue
from .selectors_pages import HANDLER_ROLES

PANEL_ORDER = 35  # after the responders' panel


def hotline_workspace_panels(*, user, memberships) -> list[WorkspacePanel]:
    """The 12319 panel: the unit's queue with its open count, and for operators,
    dispatchers and city staff their desks. Two queries at most."""
    if not has_two_factor(user):
        return []
    staff = is_platform_staff(user)
    unit_ids = {m.unit_id for m in memberships if m.role in HANDLER_ROLES}
    operator = staff or has_privileged_permission(user, "hotline.operate_hotline")
    dispatcher = staff or has_privileged_permission(user, "hotline.dispatch_hotline")
    overseer = staff or has_privileged_permission(user, "hotline.oversee_hotline")
    links = []
    if unit_ids or staff:
        # The count of the list the link opens (views/units.py: queue).
        open_requests = unit_queue(
            unit_ids=Unit.objects.values("pk") if staff else list(unit_ids)
        )
        links.append(
            WorkspaceLink(
                label=_("Request queue"),
                url=reverse("hotline:queue"),
                count=open_requests.count(),
                tone="warning",
            )
        )
    if operator or dispatcher:
        waiting = Request.objects.filter(
            Q(status=Request.Status.SENT_BACK)
            | Q(
                extension_requested=True,
                extended=False,
                status__in=Request.OPEN_STATUSES,
            )
        ).count()
        links.append(
            WorkspaceLink(
                label=_("Dispatch desk"),
                url=reverse("hotline:dispatch"),
                count=waiting,
                tone="warning",
            )
        )
    if operator:
        links.append(
            WorkspaceLink(label=_("Enter a call"), url=reverse("hotline:operator_new"))
        )
    if overseer:
        links.append(
            WorkspaceLink(label=_("City dashboard"), url=reverse("hotline:dashboard"))
        )
    if not links:
        return []
    return [
        WorkspacePanel(
            key="hotline", title=_("12319 line"), order=PANEL_ORDER, links=links
        )
    ]


def register() -> None:
    from home import extensions

    extensions.register_workspace_panels(hotline_workspace_panels)
