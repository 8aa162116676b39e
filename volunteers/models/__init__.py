from .activities import (
    ActivityCategory,
    ActivityIndexPage,
    ActivityPage,
    ActivityPhase,
    Shift,
    Signup,
    UnitActivitiesPage,
)
from .hours import ServiceRecord, ServiceRecordChange, ServiceRecordCorrection
from .profiles import Team, TeamMembership, Volunteer

__all__ = [
    "ActivityCategory",
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityPhase",
    "Shift",
    "ServiceRecord",
    "ServiceRecordChange",
    "ServiceRecordCorrection",
    "Signup",
    "Team",
    "TeamMembership",
    "UnitActivitiesPage",
    "Volunteer",
]
