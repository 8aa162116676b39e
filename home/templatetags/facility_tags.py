"""Template tags for open facilities: a resident's bookings on their account page
(so that the page needs one include, and its view knows nothing of bookings)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from home.facilities import selectors
from home.models import Weekday

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


@register.filter
def opening_hours_summary(hours) -> list[dict]:
    """Weekly opening hours grouped: runs of consecutive weekdays with the same
    periods share one row ("Monday – Friday: 09:00–12:00, 14:30–17:30")."""
    by_day: dict[int, list[str]] = {}
    for period in hours:
        by_day.setdefault(period.weekday, []).append(
            f"{period.opens:%H:%M}–{period.closes:%H:%M}"
        )
    rows: list[dict] = []
    for weekday in sorted(by_day):
        periods = ", ".join(by_day[weekday])
        last = rows[-1] if rows else None
        if last and last["periods"] == periods and last["last"] == weekday - 1:
            last["last"] = weekday
        else:
            rows.append({"first": weekday, "last": weekday, "periods": periods})
    for row in rows:
        first, last = Weekday(row["first"]).label, Weekday(row["last"]).label
        if row["first"] == row["last"]:
            row["days"] = first
        elif row["last"] == row["first"] + 1:
            row["days"] = _("%(first)s and %(second)s") % {
                "first": first,
                "second": last,
            }
        else:
            row["days"] = _("%(first)s to %(last)s") % {"first": first, "last": last}
    return rows
