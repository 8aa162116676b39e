"""The hotline's figures inside another app's page (a unit's public evaluation
scorecard in consultations) through the same selector as the unit's profile
(``selectors.unit_profile_figures``, registered with home.extensions)."""

from django import template

from ..selectors import unit_profile_figures

register = template.Library()


@register.inclusion_tag("hotline/includes/unit_figures.html")
def hotline_unit_figures(unit) -> dict:
    """The unit's 12319 figures: requests handled, on-time rate and
    satisfaction. Nothing shows for a unit that never handled a request."""
    return {"figures": unit_profile_figures(unit=unit)["hotline"], "unit": unit}
