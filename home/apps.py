from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Platform core")

    def ready(self):
        from home import signals  # noqa: F401  (connects the workspace receivers)
