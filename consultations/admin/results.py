"""Publishing consultations' results from the Wagtail admin (in the "Moderation"
menu; registered in consultations/wagtail_hooks.py): staff see every closed
consultation, the issuing units' editors their own."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import BaseListingView, WagtailAdminTemplateMixin

from consultations.admin.moderation import TEMPLATES, ListingViewSet
from consultations.forms.moderation import ResultsFilterSet
from consultations.selectors import moderation as selectors
from consultations.services.results import results_publish, user_can_publish_results
from home.exceptions import ServiceError


class ResultsAccessRequired:
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_sees_results_publishing(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ResultsListView(ResultsAccessRequired, BaseListingView):
    page_title = gettext_lazy("Consultation results")
    header_icon = "doc-full"
    index_url_name = "consultation_results:index"
    index_results_url_name = "consultation_results:index_results"
    filterset_class = ResultsFilterSet
    paginate_by = 50

    def get_base_queryset(self):
        return selectors.consultations_for_results(user=self.request.user)

    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Consultation"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("unit", label=gettext_lazy("Issuing unit"), accessor="unit.name"),
        DateColumn("closes_at", label=gettext_lazy("Closed at")),
        Column("published_count", label=gettext_lazy("Published comments")),
        Column("answered_count", label=gettext_lazy("Answered")),
        type(
            "PublishColumn",
            (Column,),
            {"cell_template_name": TEMPLATES + "cells/publish_cell.html"},
        )("results_published_at", label=gettext_lazy("Results")),
    ]


class ResultsPublishView(WagtailAdminTemplateMixin, View):
    """GET asks for confirmation; POST publishes."""

    template_name = TEMPLATES + "results_publish_confirm.html"
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = get_object_or_404(
            selectors.consultations_for_results(user=request.user), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if not user_can_publish_results(
            user=request.user, consultation=self.consultation
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Publish the results of “%(title)s”") % {
            "title": self.consultation.title
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("consultation_results:index"),
                "label": _("Consultation results"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, pk):
        return self.render_to_response(
            self.get_context_data(
                consultation=self.consultation,
                follower_count=self.consultation.follows.count(),
            )
        )

    def post(self, request, pk):
        try:
            published = results_publish(
                actor=request.user, consultation=self.consultation
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            if published:
                messages.success(
                    request,
                    _(
                        "The results of “%(title)s” are published; followers are being "
                        "emailed."
                    )
                    % {"title": self.consultation.title},
                )
            else:
                messages.info(request, _("The results were already published."))
        return redirect("consultation_results:index")


class ResultsViewSet(ListingViewSet):
    name = "consultation_results"
    url_prefix = "consultation-results"
    icon = "doc-full"
    menu_label = gettext_lazy("Consultation results")
    listing_view = ResultsListView
    index_name = "index"
    shown_to = staticmethod(selectors.user_sees_results_publishing)
    extra_urls = [
        path("<int:pk>/publish/", ResultsPublishView.as_view(), name="publish")
    ]
