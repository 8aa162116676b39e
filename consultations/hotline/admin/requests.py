"""The requests, read-only, for city staff and dispatchers: the units work on
them on the front end, where the rules are enforced."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from home.permissions import ModelWidePermissionPolicy

from ..models import Request


class ReadOnlyPolicy(ModelWidePermissionPolicy):
    """Those with the view permission look; nobody adds, changes or deletes."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class RequestIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("category", "district", "handling_unit")
        )


class RequestViewSet(ModelViewSet):
    name = "hotline_request"
    url_prefix = "hotline/request"
    model = Request
    icon = "mail"
    menu_label = _("Hotline requests")
    list_display = [
        "reference",
        "category",
        "district",
        "handling_unit",
        "status",
        "tier",
        "created_at",
    ]
    list_filter = ["status", "tier", "category", "district", "channel"]
    search_fields = ["reference", "place", "description"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "channel",
        "category",
        "district",
        "community",
        "place",
        "description",
        "tier",
        "status",
        "handling_unit",
        "round",
        "accept_due_at",
        "resolve_due_at",
        "accepted_at",
        "replied_at",
        "closed_at",
        "close_reason",
        "merged_into",
        "created_at",
    ]
    copy_view_enabled = False
    index_view_class = RequestIndexView
