"""Identity claims (staff): the list of registrations whose ID number another
profile holds, with both people side by side, and the decision (whose number it
is, with a reason; both are emailed) through the claims service."""

from django import forms
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from home.exceptions import ServiceError
from volunteers.admin.decisions import DecideIndexView, StaffDecisionView
from volunteers.models import IdentityClaim
from volunteers.services import claims as services


class IdentityClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Whose ID number is it?"),
        widget=forms.RadioSelect,
        choices=[
            (IdentityClaim.Status.CLAIMANT, IdentityClaim.Status.CLAIMANT.label),
            (IdentityClaim.Status.HOLDER, IdentityClaim.Status.HOLDER.label),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=IdentityClaim._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Both people are emailed this reason."),
    )


class IdentityClaimDecideView(StaffDecisionView):
    model = IdentityClaim
    form_class = IdentityClaimDecisionForm
    template_name = "volunteers/identity_claim_admin_decision.html"
    index_url_name = "identity_claims:index"
    index_label = gettext_lazy("Identity claims")

    def get_page_title(self):
        return _("Identity claim: %(claim)s") % {"claim": self.object}

    def form_valid(self, form):
        try:
            services.identity_claim_resolve(
                staff=self.request.user,
                claim=self.object,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.done(form, _("Decision saved; both people have been emailed."))


class IdentityClaimIndexView(DecideIndexView):
    decide_url_name = "identity_claims:decide"


class IdentityClaimViewSet(ModelViewSet):
    model = IdentityClaim
    name = "identity_claims"
    url_prefix = "identity-claims"
    icon = "warning"
    menu_label = gettext_lazy("Identity claims")
    index_view_class = IdentityClaimIndexView
    list_display = ["__str__", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    form_fields = ["reason"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return IdentityClaim.objects.select_related("claimant", "holder", "decided_by")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", IdentityClaimDecideView.as_view(), name="decide"),
        ]
