"""Admin screens of public evaluation: staff open evaluation periods (title, dates,
the units rated) and publish the scorecards; they can read the ratings and remove
an abusive one, but not add ratings. Registered in consultations/wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from consultations.models import EvaluationPeriod, UnitRating
from home.admin.exports import SafeExportIndexView


class RatingPermissionPolicy(ModelPermissionPolicy):
    """Ratings come from residents only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action != "add"]
        return bool(actions) and super().user_has_any_permission(user, actions)


class EvaluationPeriodViewSet(ModelViewSet):
    model = EvaluationPeriod
    icon = "date"
    menu_label = _("Evaluation periods")
    list_display = ["title", "starts_at", "ends_at", "scorecards_published"]
    list_filter = ["scorecards_published", "starts_at", "units"]
    search_fields = ["title"]
    # Plain substring search: it finds Chinese titles without word segmentation.
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = True


class UnitRatingViewSet(ModelViewSet):
    model = UnitRating
    icon = "pick"
    menu_label = _("Ratings")
    list_display = ["unit", "period", "score", "comment", "created_at"]
    list_filter = ["period", "unit", "score"]
    search_fields = ["comment", "unit__name"]
    search_backend_name = None
    form_fields = ["comment"]
    inspect_view_enabled = True
    inspect_view_fields = ["period", "unit", "score", "comment", "created_at"]
    copy_view_enabled = False
    list_export = ["period", "unit", "score", "comment", "created_at"]
    export_filename = "unit-ratings"
    index_view_class = SafeExportIndexView
