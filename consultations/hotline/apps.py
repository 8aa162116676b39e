from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "consultations.hotline"
    label = "hotline"
    verbose_name = _("12319 public-service line")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .page_extensions import register

        register()
