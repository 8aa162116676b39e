from .activities import ActivityCategory, ActivityPage, ActivityPhase
from .activity_index import ActivityIndexPage, UnitActivitiesPage
from .certificates import Certificate
from .claims import IdentityClaim
from .decisions import MultiplierDecision, VolunteerDecision
from .hours import ServiceRecord, ServiceRecordChange, ServiceRecordCorrection
from .points import (
    DistrictPeriodTotal,
    PointsAccount,
    PointsEntry,
    StarAward,
    UnitPeriodTotal,
    VolunteerPeriodTotal,
    VolunteerPointsSettings,
)
from .profiles import Team, TeamMembership, Volunteer
from .rewards import Redemption, Reward
from .shifts import Shift, ShiftPlaces, Signup
from .team_totals import TeamPeriodTotal

__all__ = [
    "Certificate",
    "MultiplierDecision",
    "VolunteerDecision",
    "IdentityClaim",
    "DistrictPeriodTotal",
    "PointsAccount",
    "PointsEntry",
    "Redemption",
    "Reward",
    "StarAward",
    "TeamPeriodTotal",
    "UnitPeriodTotal",
    "VolunteerPeriodTotal",
    "VolunteerPointsSettings",
    "ActivityCategory",
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityPhase",
    "Shift",
    "ShiftPlaces",
    "ServiceRecord",
    "ServiceRecordChange",
    "ServiceRecordCorrection",
    "Signup",
    "Team",
    "TeamMembership",
    "UnitActivitiesPage",
    "Volunteer",
]
