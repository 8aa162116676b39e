"""Registrations to review (staff): the list with filters by status, district
and category, and the review screen (approve, reject or suspend with a reason,
through the registration services)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import (
    IndexView,
    InspectView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from home.access_log import AccessRecord, access_record
from home.exceptions import ServiceError
from home.permissions import is_platform_staff
from volunteers.forms.registration import ReviewForm
from volunteers.models import Volunteer
from volunteers.selectors.decisions import volunteer_decisions
from volunteers.services import review


class VolunteerFilterSet(WagtailFilterSet):
    category = django_filters.ChoiceFilter(
        label=gettext_lazy("Category"),
        choices=Volunteer.Category.choices,
        method="filter_category",
    )

    class Meta:
        model = Volunteer
        fields = ["status", "district"]

    def filter_category(self, queryset, name, value):
        # The JSON list as text holds each code in quotes (SQLite and PostgreSQL).
        return queryset.filter(categories__icontains=f'"{value}"')


def _record_admin_view(request, volunteer) -> None:
    access_record(
        viewer=request.user,
        subjects=[volunteer.user_id],
        what=AccessRecord.What.ADMIN_VOLUNTEER,
        request=request,
    )


class VolunteerInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        _record_admin_view(request, self.object)
        return super().get(request, *args, **kwargs)


class VolunteerReviewView(WagtailAdminTemplateMixin, FormView):
    template_name = "volunteers/registration_admin_review.html"
    header_icon = "user"
    form_class = ReviewForm

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_staff(request.user):
            raise PermissionDenied
        self.volunteer = get_object_or_404(
            Volunteer.objects.select_related("district", "user"), pk=kwargs["pk"]
        )
        if request.method == "GET":
            _record_admin_view(request, self.volunteer)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review %(name)s") % {"name": self.volunteer.real_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("volunteer_review:index"), "label": _("Volunteers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "volunteer": self.volunteer,
            "staff": True,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            volunteer=self.volunteer,
            memberships=self.volunteer.team_memberships.select_related("team"),
            decisions=volunteer_decisions(volunteer=self.volunteer),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            review.volunteer_review_decide(
                reviewer=self.request.user,
                volunteer=self.volunteer,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        volunteer = self.volunteer
        messages.success(
            self.request,
            _("Decision saved for %(name)s; they have been emailed.")
            % {"name": volunteer.real_name},
        )
        return redirect("volunteer_review:index")


class VolunteerIndexView(IndexView):
    """Each name opens the review page."""

    def get_edit_url(self, instance):
        return reverse("volunteer_review:review", args=[instance.pk])


class VolunteerViewSet(ModelViewSet):
    model = Volunteer
    name = "volunteer_review"
    url_prefix = "volunteers"
    icon = "user"
    menu_label = gettext_lazy("Volunteers")
    index_view_class = VolunteerIndexView
    inspect_view_class = VolunteerInspectView
    filterset_class = VolunteerFilterSet
    search_fields = ["real_name", "community", "green_ribbon_number"]
    # Plain substring search: it finds Chinese names without word segmentation.
    search_backend_name = None
    # No edit view is reachable (the policy grants "view" only); Wagtail still
    # wants a form definition.
    form_fields = ["real_name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "real_name",
        "status",
        "status_reason",
        "green_ribbon_number",
        "id_number_masked",
        "gender",
        "birth_year",
        "district",
        "community",
        "skills",
        "availability",
        "created_at",
        "reviewed_at",
    ]
    copy_view_enabled = False

    @property
    def list_display(self):
        return [
            "real_name",
            "status",
            "district",
            "community",
            "green_ribbon_number",
            "created_at",
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", VolunteerReviewView.as_view(), name="review"),
        ]
