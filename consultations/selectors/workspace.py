"""The consultations' panels of a person's workspace (/me/), registered with
``home.extensions`` from ``ConsultationsConfig``: the responders' comments owed an
answer and the moderators' queue.

The counts are those of the lists the links open, from the same selectors: the
responders' counts (``responder_comment_counts``, which the dashboard's figures
are made of) and the queue's
tab counts (``moderation_queue_counts``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.selectors.moderation import (
    DEFAULT_QUEUE_TAB,
    moderation_queue_counts,
)
from consultations.selectors.replies import (
    CommentStatus,
    responder_comment_counts,
)
from consultations.services.moderation import user_can_moderate
from home.extensions import WorkspaceLink, WorkspacePanel
from home.models import UnitMembership, User
from home.twofactor import has_two_factor
from home.workspace_panels import role_panel, units_with_role


def _responder_panel(user: User) -> WorkspacePanel:
    counts = responder_comment_counts(user=user)
    dashboard = reverse("consultations:respond_dashboard")
    return role_panel(
        "responder",
        pgettext("workspace", "Responder"),
        [
            WorkspaceLink(
                label=_("Comments awaiting an answer"),
                url=dashboard,
                count=counts[CommentStatus.UNANSWERED],
                tone="warning",
            ),
            WorkspaceLink(
                label=_("Overdue"),
                url=f"{dashboard}?status={CommentStatus.OVERDUE}",
                count=counts[CommentStatus.OVERDUE],
                tone="danger",
            ),
        ],
    )


def _moderator_panel() -> WorkspacePanel:
    counts = moderation_queue_counts()
    return role_panel(
        "moderator",
        pgettext("workspace", "Comment moderator"),
        [
            WorkspaceLink(
                label=_("Comments to review"),
                url=reverse("moderation:queue"),
                count=counts[DEFAULT_QUEUE_TAB],
                note=_("in the admin"),
                tone="warning",
            )
        ],
    )


def consultations_workspace_panels(*, user: User, memberships) -> list[WorkspacePanel]:
    if not has_two_factor(user):
        return []
    panels = []
    if units_with_role(memberships, UnitMembership.Role.RESPONDER):
        panels.append(_responder_panel(user))
    if user_can_moderate(user):
        panels.append(_moderator_panel())
    return panels
