"""Admin screens of consent: staff publish policy versions and look up who
accepted which (registered in home/wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from home.admin.exports import SafeExportIndexView
from home.models import ConsentRecord, PolicyVersion
from home.permissions import ModelWidePermissionPolicy, is_platform_staff


class PolicyVersionPermissionPolicy(ModelWidePermissionPolicy):
    """Staff add and correct versions; none is deleted, as acceptances name it."""

    def user_has_permission(self, user, action):
        return action in ("add", "change", "view") and is_platform_staff(user)


class PolicyVersionViewSet(ModelViewSet):
    model = PolicyVersion
    icon = "doc-full"
    menu_label = _("Policy versions")
    url_prefix = "policy-versions"
    list_display = ["kind", "version", "effective_on", "created_at"]
    list_filter = ["kind"]
    search_fields = ["version"]
    search_backend_name = None
    panels = [
        FieldPanel("kind"),
        FieldPanel("version"),
        FieldPanel("effective_on"),
        FieldPanel("page"),
        FieldPanel("url"),
        FieldPanel("summary"),
    ]
    copy_view_enabled = False


class ConsentRecordViewSet(ModelViewSet):
    """Read-only: acceptances are written only when people accept."""

    model = ConsentRecord
    icon = "tick"
    menu_label = _("Consent records")
    url_prefix = "consent-records"
    list_display = ["user", "policy_version", "method", "accepted_at", "withdrawn_at"]
    list_filter = ["policy_version__kind", "method", "policy_version"]
    search_fields = ["user__email"]
    search_backend_name = None
    list_export = ["user", "policy_version", "method", "accepted_at", "withdrawn_at"]
    export_filename = "consent-records"
    index_view_class = SafeExportIndexView
    form_fields = ["withdrawn_at"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ConsentRecord.objects.select_related("user", "policy_version")


class ConsentViewSetGroup(ModelViewSetGroup):
    menu_label = _("Consent")
    menu_icon = "tick"
    menu_order = 210
    items = (PolicyVersionViewSet, ConsentRecordViewSet)
