"""What volunteering adds to a unit's public profile in ``home``.

``home`` imports no feature app: ``VolunteersConfig.ready()`` registers
``unit_profile_figures`` with ``home.extensions.register_unit_figures`` and the
profile asks the registry."""

from home.models import Unit
from volunteers.selectors.activities import unit_activities_summary
from volunteers.selectors.hours import unit_staff_approved_hours


def unit_profile_figures(*, unit: Unit) -> dict:
    """``activities``: the unit's live activities, upcoming and recent, and their
    total (``unit_activities_summary``); ``staff_hours``: the approved volunteer
    hours of the unit's own people (``unit_staff_approved_hours``). Four
    queries."""
    return {
        "activities": unit_activities_summary(unit=unit),
        "staff_hours": unit_staff_approved_hours(unit),
    }
