"""Certificates: staff look them up and revoke one with a reason."""

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from home.exceptions import ServiceError
from volunteers.admin.decisions import DecideIndexView, StaffDecisionView
from volunteers.forms.points import RevokeForm
from volunteers.models import Certificate
from volunteers.services import certificates as certificate_services


class CertificateRevokeView(StaffDecisionView):
    model = Certificate
    form_class = RevokeForm
    index_url_name = "volunteer_certificates:index"
    index_label = gettext_lazy("Certificates")

    def get_page_title(self):
        return _("Revoke certificate %(number)s") % {"number": self.object.number}

    def form_valid(self, form):
        try:
            certificate_services.certificate_revoke(
                certificate_id=self.object.pk,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.done(form, _("The certificate is revoked."))


class CertificateIndexView(DecideIndexView):
    decide_url_name = "volunteer_certificates:revoke"


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "volunteer_certificates"
    url_prefix = "volunteer-certificates"
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    list_display = [
        "number",
        "holder_name",
        "issuer_name",
        "total_minutes",
        "issued_on",
        "revoked_at",
    ]
    search_fields = ["number", "holder_name"]
    search_backend_name = None
    form_fields = ["revocation_reason"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", CertificateRevokeView.as_view(), name="revoke"),
        ]
