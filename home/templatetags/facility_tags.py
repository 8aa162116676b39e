"""Template tags for open facilities: a resident's bookings on their account page
(so that the page needs one include, and its view knows nothing of bookings)."""

from django import template
from django.utils import timezone

from home.facilities import selectors

register = template.Library()


@register.simple_tag
def my_facility_bookings(user) -> dict:
    """``upcoming`` and ``recent`` bookings of ``user`` and their private
    calendar token (or None): three queries."""
    if not user.is_authenticated:
        return {"upcoming": [], "recent": [], "calendar_token": None}
    return {
        **selectors.user_bookings(user=user, now=timezone.now()),
        "calendar_token": selectors.booking_calendar_token_of(user=user),
    }
