"""The points ledger, read-only: entries are written only by the points
services (the view-only policy is registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from volunteers.models import PointsEntry


class PointsEntryViewSet(ModelViewSet):
    model = PointsEntry
    url_prefix = "volunteer-points"
    icon = "list-ul"
    menu_label = gettext_lazy("Points ledger")
    list_display = ["volunteer", "kind", "points", "minutes", "note", "created_at"]
    list_filter = ["kind"]
    form_fields = ["note"]
    copy_view_enabled = False
