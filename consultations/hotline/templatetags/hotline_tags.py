"""The hotline's figures inside other apps' pages (a unit's profile in home,
a unit's public evaluation scorecard in consultations), through one selector."""

from django import template
from django.utils import timezone

from ..selectors_pages import unit_hotline_figures

register = template.Library()


@register.inclusion_tag("hotline/includes/unit_figures.html")
def hotline_unit_figures(unit, heading_level: int = 2) -> dict:
    """The unit's 12319 figures for the last twelve months: requests handled,
    on-time rate and satisfaction. Nothing shows for a unit without requests."""
    return {
        "figures": unit_hotline_figures(unit=unit, now=timezone.now()),
        "unit": unit,
        "heading_level": heading_level,
    }
