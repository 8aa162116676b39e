from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "consultations.hotline"
    label = "hotline"
    verbose_name = _("12319 public-service line")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A unit's public profile shows its on-time rate and satisfaction.
        from home import extensions

        from .page_extensions import register
        from .selectors import unit_profile_figures

        extensions.register_unit_figures(unit_profile_figures)
        # The hotline's panel on the workspace (/me/).
        register()
