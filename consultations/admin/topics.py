"""Admin screen of consultation topics (城市管理, 社会保障 …), in the Settings menu
(registered in consultations/wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from consultations.models import Topic


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Consultation topics")
    add_to_settings_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    # Plain substring search: it finds Chinese names without word segmentation.
    search_backend_name = None
    form_fields = ["name", "slug"]
    copy_view_enabled = False
