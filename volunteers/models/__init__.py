from .activities import (
    ActivityCategory,
    ActivityIndexPage,
    ActivityPage,
    ActivityPhase,
    Shift,
    Signup,
)
from .profiles import Team, TeamMembership, Volunteer

__all__ = [
    "ActivityCategory",
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityPhase",
    "Shift",
    "Signup",
    "Team",
    "TeamMembership",
    "Volunteer",
]
