from .access_log import AccessRecord
from .account_closures import CLOSURE_GRACE_PERIOD, AccountClosure
from .consent import ConsentRecord, PolicyVersion
from .data_exports import DataExport
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
from .inbox import InboxMessage, NotificationPreference
from .open_data import OpenDataFile
from .outbox import OutboundEmail
from .pages import HomePage, StandardPage
from .pledge_directory import PledgeIndexPage, UnitPledgesPage
from .pledge_items import PledgeCategory, PledgeItem
from .pledge_reminders import PledgeReminder
from .pledge_reports import PledgeEvidence, PledgeReport, PledgeReportItem
from .pledges import PledgePage, PledgeStatus
from .site_settings import SiteSettings
from .sms import OutboundSms
from .units import District, Unit, UnitMembership
from .users import User

__all__ = [
    "AccessRecord",
    "CLOSURE_GRACE_PERIOD",
    "AccountClosure",
    "ACTIVE_BOOKING_STATUSES",
    "BookingCalendarToken",
    "BookingStatus",
    "DataExport",
    "ConsentRecord",
    "District",
    "Facility",
    "FacilityBooking",
    "FacilityKind",
    "FacilityOpeningHours",
    "HomePage",
    "InboxMessage",
    "NotificationPreference",
    "OpenDataFile",
    "OutboundEmail",
    "OutboundSms",
    "PledgeCategory",
    "PledgeReminder",
    "PledgeEvidence",
    "PledgeIndexPage",
    "PledgeItem",
    "PledgePage",
    "PledgeReport",
    "PledgeReportItem",
    "PledgeStatus",
    "PolicyVersion",
    "SiteSettings",
    "StandardPage",
    "Unit",
    "UnitMembership",
    "UnitPledgesPage",
    "User",
    "Weekday",
]
