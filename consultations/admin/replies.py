"""Admin screens of official replies: the units' saved replies (templates), and a
read-only list of the replies given. Replies are written by the units' responders
on the front end (/consultations/respond/), where the rules are enforced, so the
admin never edits them. Registered in consultations/wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from consultations.models import OfficialReply, ReplyTemplate
from home.permissions import ModelWidePermissionPolicy


class ReadOnlyPermissionPolicy(ModelWidePermissionPolicy):
    """Lets those with any permission on the model look, and nobody change."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        if action == "view":
            return any(
                user.has_perm(self._get_permission_name(name))
                for name in ("view", "add", "change", "delete")
            )
        return super().user_has_permission(user, action)


class ReplyTemplateViewSet(ModelViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = _("Saved replies")
    list_display = ["title", "unit", "outcome"]
    list_filter = ["unit", "outcome"]
    search_fields = ["title", "body"]
    # Plain substring search: it finds Chinese words without segmentation.
    search_backend_name = None
    form_fields = ["unit", "title", "outcome", "body", "reason"]
    copy_view_enabled = False


class OfficialReplyIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("comment", "responder")


class OfficialReplyViewSet(ModelViewSet):
    model = OfficialReply
    icon = "comment"
    menu_label = _("Official replies")
    list_display = ["comment", "outcome", "responder", "created_at", "updated_at"]
    list_filter = ["outcome", "comment__consultation__unit"]
    search_fields = ["body", "reason"]
    search_backend_name = None
    form_fields = ["outcome", "body", "reason"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "comment",
        "outcome",
        "body",
        "reason",
        "responder",
        "created_at",
        "updated_at",
    ]
    copy_view_enabled = False
    index_view_class = OfficialReplyIndexView
