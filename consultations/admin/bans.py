"""Commenting bans in the Wagtail admin: the list, and lifting a ban (a ban is
given from the moderation queue, see consultations/admin/moderation.py).
Registered in consultations/wagtail_hooks.py."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import BaseListingView

from consultations.admin.moderation import (
    TEMPLATES,
    CsrfColumn,
    ListingViewSet,
    ModeratorRequired,
)
from consultations.selectors import moderation as selectors
from consultations.services import moderation as services
from home.models import User


class CommentingBanListView(ModeratorRequired, BaseListingView):
    page_title = gettext_lazy("Commenting bans")
    header_icon = "lock"
    index_url_name = "commenting_bans:index"
    index_results_url_name = "commenting_bans:index_results"
    paginate_by = 50

    def get_base_queryset(self):
        return selectors.commenting_bans()

    columns = [
        Column(
            "user",
            label=gettext_lazy("User"),
            accessor=lambda b: b.user.get_full_name(),
        ),
        Column("reason", label=gettext_lazy("Reason")),
        DateColumn("until", label=gettext_lazy("Until")),
        Column(
            "moderator",
            label=gettext_lazy("Moderator"),
            accessor=lambda b: selectors.moderator_display_name(b.moderator),
        ),
        DateColumn("created_at", label=gettext_lazy("Since")),
        type(
            "UnbanColumn",
            (CsrfColumn,),
            {"cell_template_name": TEMPLATES + "cells/unban_cell.html"},
        )("lift", label=gettext_lazy("Actions")),
    ]


class UserUnbanView(ModeratorRequired, View):
    http_method_names = ["post"]

    def post(self, request, user_id):
        user = get_object_or_404(User, pk=user_id)
        if services.user_unban(moderator=request.user, user=user):
            messages.success(
                request,
                _("%(name)s can comment again.") % {"name": user.get_full_name()},
            )
        return redirect("commenting_bans:index")


class BansViewSet(ListingViewSet):
    name = "commenting_bans"
    url_prefix = "commenting-bans"
    icon = "lock"
    menu_label = gettext_lazy("Commenting bans")
    listing_view = CommentingBanListView
    index_name = "index"
    extra_urls = [path("<int:user_id>/lift/", UserUnbanView.as_view(), name="unban")]
