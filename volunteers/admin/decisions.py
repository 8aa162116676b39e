"""The shape shared by the staff decision screens (a redemption handed over or
cancelled, a certificate revoked): a form about one object, then back to the
list, whose rows open that form instead of an edit view."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin

from home.permissions import is_platform_staff


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


class DecideIndexView(IndexView):
    decide_url_name = ""

    def get_edit_url(self, instance):
        return reverse(self.decide_url_name, args=[instance.pk])
