from .outbox import OutboundEmail
from .pages import HomePage, StandardPage
from .pledges import (
    PledgeCategory,
    PledgeEvidence,
    PledgeIndexPage,
    PledgeItem,
    PledgePage,
    PledgeReport,
    PledgeReportItem,
    PledgeStatus,
    UnitPledgesPage,
)
from .site_settings import SiteSettings
from .units import District, Unit, UnitMembership
from .users import User

__all__ = [
    "District",
    "HomePage",
    "OutboundEmail",
    "PledgeCategory",
    "PledgeEvidence",
    "PledgeIndexPage",
    "PledgeItem",
    "PledgePage",
    "PledgeReport",
    "PledgeReportItem",
    "PledgeStatus",
    "SiteSettings",
    "StandardPage",
    "Unit",
    "UnitMembership",
    "UnitPledgesPage",
    "User",
]
