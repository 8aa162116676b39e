"""The "Moderation" menu of the Wagtail admin: comments to review, the
moderation log, commenting bans and consultations' results. The views live in
``consultations.views.moderation_admin`` and ``consultations.views.results_admin``.
"""

from django.urls import path
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from consultations.selectors.moderation import user_sees_results_publishing
from consultations.services.moderation import user_can_moderate
from consultations.services.results import RESULTS_PUBLISH_ACTION
from consultations.views.moderation_admin import (
    BulkApproveView,
    CommentingBanListView,
    CommentModerateView,
    ModerationLogView,
    ModerationQueueView,
    UserBanView,
    UserUnbanView,
)
from consultations.views.results_admin import ResultsListView, ResultsPublishView


def _menu_item_class(test):
    return type(
        "ModerationMenuItem",
        (MenuItem,),
        {"is_shown": lambda self, request: test(request.user)},
    )


class ListingViewSet(ViewSet):
    """A listing at the root of the viewset, with its results-only twin for the
    filters, plus ``extra_urls``."""

    listing_view = None
    extra_urls: list = []
    shown_to = staticmethod(user_can_moderate)

    @property
    def menu_item_class(self):
        return _menu_item_class(self.shown_to)

    def get_urlpatterns(self):
        view = self.listing_view
        return [
            path("", view.as_view(), name=self.index_name),
            path(
                "results/",
                view.as_view(results_only=True),
                name=self.index_name + "_results",
            ),
            *self.extra_urls,
        ]


class QueueViewSet(ListingViewSet):
    name = "moderation"
    icon = "warning"
    menu_label = gettext_lazy("Comments to review")
    listing_view = ModerationQueueView
    index_name = "queue"
    extra_urls = [
        path("comments/<int:pk>/", CommentModerateView.as_view(), name="comment"),
        path("bulk-approve/", BulkApproveView.as_view(), name="bulk_approve"),
        path("users/<int:user_id>/ban/", UserBanView.as_view(), name="ban"),
    ]


class LogViewSet(ListingViewSet):
    name = "moderation_log"
    url_prefix = "moderation-log"
    icon = "history"
    menu_label = gettext_lazy("Moderation log")
    listing_view = ModerationLogView
    index_name = "index"


class BansViewSet(ListingViewSet):
    name = "commenting_bans"
    url_prefix = "commenting-bans"
    icon = "lock"
    menu_label = gettext_lazy("Commenting bans")
    listing_view = CommentingBanListView
    index_name = "index"
    extra_urls = [path("<int:user_id>/lift/", UserUnbanView.as_view(), name="unban")]


class ResultsViewSet(ListingViewSet):
    name = "consultation_results"
    url_prefix = "consultation-results"
    icon = "doc-full"
    menu_label = gettext_lazy("Consultation results")
    listing_view = ResultsListView
    index_name = "index"
    shown_to = staticmethod(user_sees_results_publishing)
    extra_urls = [
        path("<int:pk>/publish/", ResultsPublishView.as_view(), name="publish")
    ]


class ModerationViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Moderation")
    menu_icon = "warning"
    menu_order = 250
    items = (QueueViewSet, LogViewSet, BansViewSet, ResultsViewSet)


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    return ModerationViewSetGroup()


@hooks.register("register_log_actions")
def register_results_log_action(actions):
    actions.register_action(
        RESULTS_PUBLISH_ACTION,
        gettext_lazy("Publish results"),
        gettext_lazy("Results published"),
    )
