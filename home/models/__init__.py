from .facilities import (
    ACTIVE_BOOKING_STATUSES,
    BookingCalendarToken,
    BookingStatus,
    Facility,
    FacilityBooking,
    FacilityKind,
    FacilityOpeningHours,
    Weekday,
)
from .outbox import OutboundEmail
from .pages import HomePage, StandardPage
from .pledge_directory import PledgeIndexPage, UnitPledgesPage
from .pledge_items import PledgeCategory, PledgeItem
from .pledge_reports import PledgeEvidence, PledgeReport, PledgeReportItem
from .pledges import PledgePage, PledgeStatus
from .site_settings import SiteSettings
from .units import District, Unit, UnitMembership
from .users import User

__all__ = [
    "ACTIVE_BOOKING_STATUSES",
    "BookingCalendarToken",
    "BookingStatus",
    "District",
    "Facility",
    "FacilityBooking",
    "FacilityKind",
    "FacilityOpeningHours",
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
    "Weekday",
]
