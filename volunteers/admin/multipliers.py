"""Staff decide the points multipliers that editors propose (approve or refuse,
with a reason; never their own proposal), and see every decision about
volunteers: who, when, what and why. Both lists are read-only; decisions go
through the services."""

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.viewsets.model import ModelViewSet

from home.exceptions import ServiceError
from volunteers.admin.decisions import DecideIndexView, StaffDecisionView
from volunteers.forms.points import MultiplierDecisionForm
from volunteers.models import MultiplierDecision, VolunteerDecision
from volunteers.selectors.decisions import approved_multiplier
from volunteers.services.multipliers import multiplier_decide


class MultiplierDecisionView(StaffDecisionView):
    model = MultiplierDecision
    form_class = MultiplierDecisionForm
    template_name = "volunteers/multiplier_admin_decision.html"
    index_url_name = "volunteer_multipliers:index"
    index_label = gettext_lazy("Points multipliers")

    def get_page_title(self):
        return _("Points multiplier of %(activity)s") % {
            "activity": self.object.activity.title
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            approved=approved_multiplier(activity_id=self.object.activity_id),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            multiplier_decide(
                actor=self.request.user,
                decision=self.object,
                approve=form.cleaned_data["action"] == MultiplierDecisionForm.APPROVE,
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.done(form, _("Decision saved."))


class MultiplierIndexView(DecideIndexView):
    decide_url_name = "volunteer_multipliers:decide"


class MultiplierDecisionViewSet(ModelViewSet):
    model = MultiplierDecision
    name = "volunteer_multipliers"
    url_prefix = "volunteer-multipliers"
    icon = "pick"
    menu_label = gettext_lazy("Points multipliers")
    index_view_class = MultiplierIndexView
    list_display = [
        "activity",
        "value",
        "status",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "reason",
    ]
    list_filter = ["status"]
    form_fields = ["status"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", MultiplierDecisionView.as_view(), name="decide"),
        ]


class VolunteerDecisionViewSet(ModelViewSet):
    model = VolunteerDecision
    name = "volunteer_decisions"
    url_prefix = "volunteer-decisions"
    icon = "list-ul"
    menu_label = gettext_lazy("Decision log")
    list_display = ["volunteer", "action", "team", "decided_by", "decided_at", "reason"]
    list_filter = ["action"]
    search_fields = ["volunteer__real_name", "reason"]
    search_backend_name = None
    form_fields = ["reason"]
    inspect_view_enabled = True
    copy_view_enabled = False
