from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Public participation in decision-making")

    def ready(self):
        # home shows consultations' figures on unit profiles and residents'
        # feedback under pledges without importing this app: it asks the registry.
        from consultations import signals  # noqa: F401 — connects the receivers
        from consultations.selectors.pledge_feedback import pledge_feedback_context
        from consultations.selectors.units import unit_profile_figures
        from consultations.selectors.workspace import consultations_workspace_panels
        from home import extensions

        extensions.register_unit_figures(unit_profile_figures)
        extensions.register_pledge_context(pledge_feedback_context)
        extensions.register_workspace_panels(consultations_workspace_panels)
