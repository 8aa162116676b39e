"""Wagtail admin screens of points (registered from wagtail_hooks): the reward
catalogue (staff add and edit items), redemptions (hand over or cancel, which
returns the points and the stock), certificates (revoke with a reason) and the
ledger, read-only."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import EditView, IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from home.exceptions import ServiceError
from home.permissions import StaffReadOnlyPermissionPolicy, is_platform_staff
from volunteers.forms.points import RedemptionDecisionForm, RevokeForm
from volunteers.models import Certificate, PointsEntry, Redemption, Reward
from volunteers.services import certificates as certificate_services
from volunteers.services import rewards as reward_services


class StaffDecisionView(WagtailAdminTemplateMixin, FormView):
    template_name = "volunteers/points_admin_decision.html"
    header_icon = "tick"
    model = None
    index_url_name = ""
    index_label = ""

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_staff(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def done(self, form, message):
        messages.success(self.request, message)
        return redirect(self.index_url_name)


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


class StockBelowZero(Exception):
    pass


class RewardEditView(EditView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.save(update_fields=StockChangeForm.Meta.fields)
        change = self.form.cleaned_data.get("stock_change") or 0
        if change:
            moved = Reward.objects.filter(pk=instance.pk, stock__gte=-change).update(
                stock=F("stock") + change
            )
            if not moved:
                raise StockBelowZero(
                    _("The stock cannot go below zero: only %(stock)s left.")
                    % {"stock": Reward.objects.get(pk=instance.pk).stock}
                )
        return instance

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except StockBelowZero as error:
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


class DecideIndexView(IndexView):
    decide_url_name = ""

    def get_edit_url(self, instance):
        return reverse(self.decide_url_name, args=[instance.pk])


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


class PointsEntryViewSet(ModelViewSet):
    model = PointsEntry
    url_prefix = "volunteer-points"
    icon = "list-ul"
    menu_label = gettext_lazy("Points ledger")
    list_display = ["volunteer", "kind", "points", "minutes", "note", "created_at"]
    list_filter = ["kind"]
    form_fields = ["note"]
    copy_view_enabled = False


class PointsViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Points and rewards")
    menu_icon = "pick"
    menu_order = 261
    items = (RewardViewSet, RedemptionViewSet, CertificateViewSet, PointsEntryViewSet)


for _model in (Redemption, Certificate, PointsEntry):
    register_permission_policy(_model, StaffReadOnlyPermissionPolicy(_model))


@hooks.register("register_admin_viewset")
def register_points_viewsets():
    return PointsViewSetGroup()
