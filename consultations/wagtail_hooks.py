"""Everything consultations adds to the Wagtail admin, in one place: the menu
groups, the screens' viewsets (defined in consultations/admin/), the permission
policies and the audit log's action."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from consultations.admin.appeals import QueueWithAppealsViewSet as QueueViewSet
from consultations.admin.bans import BansViewSet
from consultations.admin.dashboard import add_moderation_panel
from consultations.admin.evaluations import (
    EvaluationPeriodViewSet,
    RatingPermissionPolicy,
    UnitRatingViewSet,
)
from consultations.admin.moderation_log import LogViewSet
from consultations.admin.replies import (
    OfficialReplyViewSet,
    ReadOnlyPermissionPolicy,
    ReplyTemplateViewSet,
)
from consultations.admin.results import ResultsViewSet
from consultations.admin.topics import TopicViewSet
from consultations.models import OfficialReply, UnitRating
from consultations.services.results import RESULTS_PUBLISH_ACTION

# Registered before the viewsets look the policies up (they would create a
# fallback): replies are written on the front end, ratings come from residents.
register_permission_policy(OfficialReply, ReadOnlyPermissionPolicy(OfficialReply))
register_permission_policy(UnitRating, RatingPermissionPolicy(UnitRating))


class ModerationViewSetGroup(ViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 250
    items = (QueueViewSet, LogViewSet, BansViewSet, ResultsViewSet)


class RepliesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Official replies")
    menu_icon = "comment"
    menu_order = 310
    items = (ReplyTemplateViewSet, OfficialReplyViewSet)


class EvaluationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Public evaluation")
    menu_icon = "pick"
    menu_order = 320
    items = (EvaluationPeriodViewSet, UnitRatingViewSet)


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    return ModerationViewSetGroup()


@hooks.register("register_admin_viewset")
def register_reply_viewsets():
    return RepliesViewSetGroup()


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationViewSetGroup()


@hooks.register("register_admin_viewset")
def register_topic_viewset():
    # In the Settings menu (``add_to_settings_menu``).
    return TopicViewSet("consultation_topics")


@hooks.register("register_log_actions")
def register_results_log_action(actions):
    actions.register_action(
        RESULTS_PUBLISH_ACTION,
        _("Publish results"),
        _("Results published"),
    )


@hooks.register("construct_homepage_panels")
def add_moderation_dashboard_panel(request, panels):
    add_moderation_panel(request, panels)
