"""Writes for open facilities: ``facilities`` (details and opening hours, by the
unit) and ``bookings`` (requests and cancellations by residents, decisions by
the unit, calendar links)."""

from home.facilities.services.bookings import (
    MAX_ACTIVE_BOOKINGS,
    booking_approve,
    booking_calendar_token_reset,
    booking_calendar_token_revoke,
    booking_cancel,
    booking_decline,
    booking_request,
)
from home.facilities.services.facilities import (
    facility_create,
    facility_opening_hours_replace,
    facility_save,
    facility_set_active,
    facility_update,
)

__all__ = [
    "MAX_ACTIVE_BOOKINGS",
    "booking_approve",
    "booking_calendar_token_reset",
    "booking_calendar_token_revoke",
    "booking_cancel",
    "booking_decline",
    "booking_request",
    "facility_create",
    "facility_opening_hours_replace",
    "facility_save",
    "facility_set_active",
    "facility_update",
]
