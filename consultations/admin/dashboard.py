"""The moderator's panel on the admin dashboard: the comment queue's tabs with
their counts, each linking to its listing (registered in wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from consultations.selectors.moderation import moderation_queue_counts
from consultations.services.moderation import user_can_moderate

# The tabs the panel lists, in the order a moderator works through them.
PANEL_TABS = (
    ("pending", _("Comments awaiting moderation")),
    ("flagged", _("Reported comments still published")),
    ("hidden", _("Hidden comments")),
    ("appeals", _("Appeals to decide")),
)


class ModerationQueuePanel(Component):
    name = "canyu_moderation_queue"
    template_name = "consultations/admin/dashboard_moderation.html"
    order = 40

    def get_context_data(self, parent_context):
        counts = moderation_queue_counts()
        queue = reverse("moderation:queue")
        return {
            "total": counts["review"],
            "queue_url": queue,
            "rows": [
                {
                    "label": label,
                    "count": counts[tab],
                    "url": f"{queue}?{urlencode({'tab': tab})}",
                }
                for tab, label in PANEL_TABS
            ],
        }


def add_moderation_panel(request, panels) -> None:
    if user_can_moderate(request.user):
        panels.append(ModerationQueuePanel())
