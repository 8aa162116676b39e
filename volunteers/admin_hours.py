"""Wagtail admin screen of service records: staff look them up (filters by
status, source, missing check-out and unit) and inspect one. Records are written
only through the services (check-in, attendance, approval, corrections), so the
screen is read-only."""

from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from volunteers.models import ServiceRecord


class StaffReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return (
            action == "view" and user.is_active and (user.is_staff or user.is_superuser)
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


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


register_permission_policy(ServiceRecord, StaffReadOnlyPolicy(ServiceRecord))
