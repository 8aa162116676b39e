from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Green Ribbon volunteering")

    def ready(self):
        # Imported here: the selectors need the models, which are loaded only
        # once the app registry is ready.
        from home.extensions import register_unit_figures
        from volunteers.selectors.units import unit_profile_figures

        register_unit_figures(unit_profile_figures)
        from home.extensions import register_workspace_panels
        from volunteers.selectors.workspace import volunteers_workspace_panels

        register_workspace_panels(volunteers_workspace_panels)
        from volunteers import signals  # noqa: F401 — connects the receivers
