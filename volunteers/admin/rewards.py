"""The reward catalogue (staff add and edit items; the stock is changed by a
difference, through the service) and redemptions (hand over, or cancel, which
returns the points and the item)."""

from django import forms
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from home.exceptions import ServiceError
from volunteers.admin.decisions import DecideIndexView, StaffDecisionView
from volunteers.forms.points import RedemptionDecisionForm
from volunteers.models import Redemption, Reward
from volunteers.services import rewards as reward_services


class StockChangeForm(WagtailAdminModelForm):
    """Editing a reward never writes the stock read when the form was shown: staff
    give a change (+ to add items, - to remove), applied to the stock as it is
    now, so that redemptions made meanwhile are kept."""

    stock_change = forms.IntegerField(
        label=gettext_lazy("Change the stock by"),
        initial=0,
        required=False,
        help_text=gettext_lazy(
            "A positive number adds items, a negative one removes them. "
            "Redemptions made while you edit are kept."
        ),
    )

    class Meta:
        model = Reward
        fields = [
            "name",
            "description",
            "image",
            "points_price",
            "per_person_limit",
            "active_from",
            "active_until",
        ]


class RewardEditView(EditView):
    """Saves the catalogue fields, then applies the stock change through the
    service; a refused change rolls back the whole edit."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.save(update_fields=StockChangeForm.Meta.fields)
        reward_services.reward_stock_adjust(
            reward=instance,
            difference=self.form.cleaned_data.get("stock_change") or 0,
            by=self.request.user,
        )
        return instance

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except reward_services.StockBelowZero as error:
            form.add_error("stock_change", str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)


class RewardViewSet(ModelViewSet):
    model = Reward
    url_prefix = "volunteer-rewards"
    icon = "pick"
    menu_label = gettext_lazy("Rewards")
    list_display = [
        "name",
        "points_price",
        "stock",
        "per_person_limit",
        "active_from",
        "active_until",
    ]
    search_fields = ["name"]
    search_backend_name = None
    form_fields = [
        "name",
        "description",
        "image",
        "points_price",
        "stock",
        "per_person_limit",
        "active_from",
        "active_until",
    ]
    copy_view_enabled = False
    edit_view_class = RewardEditView

    def get_form_class(self, for_update=False):
        if for_update:
            return StockChangeForm
        return super().get_form_class(for_update=for_update)


class RedemptionDecisionView(StaffDecisionView):
    model = Redemption
    form_class = RedemptionDecisionForm
    index_url_name = "volunteer_redemptions:index"
    index_label = gettext_lazy("Redemptions")

    def get_page_title(self):
        return _("Redemption of %(reward)s by %(name)s") % {
            "reward": self.object.reward.name,
            "name": self.object.volunteer.real_name,
        }

    def form_valid(self, form):
        try:
            if form.cleaned_data["action"] == RedemptionDecisionForm.FULFIL:
                reward_services.redemption_fulfil(
                    redemption_id=self.object.pk, by=self.request.user
                )
            else:
                reward_services.redemption_cancel(
                    redemption_id=self.object.pk,
                    by=self.request.user,
                    reason=form.cleaned_data["reason"],
                )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return self.done(form, _("Decision saved."))


class RedemptionIndexView(DecideIndexView):
    decide_url_name = "volunteer_redemptions:decide"


class RedemptionViewSet(ModelViewSet):
    model = Redemption
    name = "volunteer_redemptions"
    url_prefix = "volunteer-redemptions"
    icon = "tick"
    menu_label = gettext_lazy("Redemptions")
    index_view_class = RedemptionIndexView
    list_display = ["volunteer", "reward", "points", "status", "created_at"]
    list_filter = ["status", "reward"]
    form_fields = ["status"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", RedemptionDecisionView.as_view(), name="decide"),
        ]
