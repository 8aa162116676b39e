"""Admin screens of the shared core: units (with their members), districts and the
email outbox, grouped under one menu item (registered in home/wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from home.account_closure.admin import AccountClosureViewSet
from home.admin.exports import SafeExportIndexView
from home.models import District, OutboundEmail, Unit


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "kind", "district", "credit_code", "is_verified"]
    list_filter = ["kind", "district", "is_verified"]
    search_fields = ["name", "credit_code", "contact_name"]
    # Plain substring search: it finds Chinese names without word segmentation.
    search_backend_name = None
    list_export = [
        "name",
        "kind",
        "district",
        "credit_code",
        "address",
        "contact_name",
        "contact_email",
        "is_verified",
    ]
    export_filename = "units"
    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
    copy_view_enabled = False


class DistrictViewSet(ModelViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "sort_order"]
    copy_view_enabled = False


class OutboundEmailViewSet(ModelViewSet):
    """Read-mostly: staff see what was sent, what waits and what failed."""

    model = OutboundEmail
    icon = "mail"
    menu_label = _("Email outbox")
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    form_fields = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject",
        "to",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    copy_view_enabled = False


class CoreViewSetGroup(ModelViewSetGroup):
    menu_label = _("Units and people")
    menu_icon = "group"
    menu_order = 200
    items = (UnitViewSet, DistrictViewSet, OutboundEmailViewSet, AccountClosureViewSet)
