"""The moderation log of the Wagtail admin, with its CSV/XLSX export.
Registered in consultations/wagtail_hooks.py."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import BaseListingView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from consultations.admin.moderation import ListingViewSet, ModeratorRequired
from consultations.forms.moderation import ModerationLogFilterSet
from consultations.selectors import moderation as selectors
from home.spreadsheets import FormulaSafeExportMixin


class ModerationLogView(
    ModeratorRequired, FormulaSafeExportMixin, SpreadsheetExportMixin, BaseListingView
):
    page_title = gettext_lazy("Moderation log")
    header_icon = "history"
    index_url_name = "moderation_log:index"
    index_results_url_name = "moderation_log:index_results"
    filterset_class = ModerationLogFilterSet
    paginate_by = 50
    export_filename = "moderation-log"
    list_export = [
        "created_at",
        "action",
        "moderator",
        "reason",
        "comment_id",
        "consultation",
        "violation",
    ]

    def get_base_queryset(self):
        return selectors.moderation_log()

    @property
    def export_headings(self):
        return {
            "created_at": _("Time"),
            "action": _("Action"),
            "moderator": _("Moderator"),
            "violation": _("Rule broken"),
            "reason": _("Reason"),
            "comment_id": _("Comment number"),
            "consultation": _("Consultation"),
        }

    def to_row_dict(self, item):
        return {
            # Local time without the zone or microseconds, as people read it.
            "created_at": timezone.localtime(item.created_at).replace(
                tzinfo=None, microsecond=0
            ),
            "action": item.get_action_display(),
            "moderator": selectors.moderator_display_name(item.moderator),
            "violation": item.get_violation_display(),
            "reason": item.reason,
            "comment_id": item.comment_id,
            "consultation": item.comment.target.title,
        }

    def stream_csv(self, queryset):
        yield "\ufeff"  # Excel reads the Chinese text as UTF-8 with the mark
        yield from super().stream_csv(queryset)

    @property
    def columns(self):
        return [
            DateColumn("created_at", label=_("Time")),
            Column("action", label=_("Action"), accessor="get_action_display"),
            TitleColumn(
                "comment",
                label=_("Comment"),
                accessor=lambda d: Truncator(d.comment.body).chars(60),
                get_url=lambda d: reverse("moderation:comment", args=[d.comment_id]),
            ),
            Column(
                "consultation",
                label=_("Consultation"),
                accessor="comment.target.title",
            ),
            Column(
                "moderator",
                label=_("Moderator"),
                accessor=lambda d: selectors.moderator_display_name(d.moderator),
            ),
            Column(
                "violation", label=_("Rule broken"), accessor="get_violation_display"
            ),
            Column("reason", label=_("Reason")),
        ]

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                context["object_list"], self.request.GET["export"]
            )
        return super().render_to_response(context, **response_kwargs)


class LogViewSet(ListingViewSet):
    name = "moderation_log"
    url_prefix = "moderation-log"
    icon = "history"
    menu_label = gettext_lazy("Moderation log")
    listing_view = ModerationLogView
    index_name = "index"
