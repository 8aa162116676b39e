"""Service records: staff look them up (filters by status, source, missing
check-out and unit) and inspect one. Records are written only through the
services (check-in, attendance, approval, corrections), so the screen is
read-only (the view-only policy is registered in wagtail_hooks)."""

from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from volunteers.models import ServiceRecord


class ServiceRecordViewSet(ModelViewSet):
    model = ServiceRecord
    url_prefix = "service-records"
    icon = "time"
    menu_label = gettext_lazy("Service records")
    menu_order = 261
    add_to_admin_menu = True
    list_display = [
        "volunteer",
        "unit",
        "started_at",
        "minutes",
        "status",
        "auto_closed",
    ]
    list_filter = ["status", "source", "auto_closed", "unit"]
    search_fields = ["volunteer__real_name", "volunteer__green_ribbon_number"]
    search_backend_name = None
    form_fields = ["status"]  # no edit view is reachable (view-only policy)
    inspect_view_enabled = True
    inspect_view_fields = [
        "volunteer",
        "shift",
        "unit",
        "status",
        "source",
        "started_at",
        "ended_at",
        "minutes",
        "auto_closed",
        "reviewed_by",
        "reviewed_at",
        "rejection_reason",
    ]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ServiceRecord.objects.select_related("volunteer", "unit", "shift")
