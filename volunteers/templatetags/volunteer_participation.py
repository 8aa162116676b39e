"""Template tags for a resident's own page ("我的参与", a view of home that knows
nothing of volunteering): the upcoming sign-ups, from the volunteers' selectors."""

from django import template
from django.utils import timezone

from volunteers.selectors.activities import activities_section
from volunteers.selectors.profiles import volunteer_for_user
from volunteers.selectors.signups import my_signups

register = template.Library()

# How many upcoming shifts the own page lists; /volunteers/me/ has them all.
UPCOMING_SHIFTS = 5


@register.simple_tag(takes_context=True)
def my_upcoming_signups(context, user, limit: int = UPCOMING_SHIFTS) -> dict:
    """``volunteer`` (or None), their ``upcoming`` confirmed places and
    ``waitlisted`` entries (each with its waitlist position), soonest first, at
    most ``limit`` of each; when there is none, ``activities_url``, where to
    find one. Five queries at most."""
    volunteer = volunteer_for_user(user=user)
    upcoming, waitlisted = [], []
    if volunteer is not None:
        signups = my_signups(volunteer=volunteer, now=timezone.now())
        upcoming, waitlisted = signups["upcoming"], signups["waitlisted"]
    activities_url = ""
    if volunteer is not None and not (upcoming or waitlisted):
        index = activities_section()
        activities_url = index.get_url(context.get("request")) if index else ""
    return {
        "volunteer": volunteer,
        "upcoming": upcoming[:limit],
        "waitlisted": waitlisted[:limit],
        "activities_url": activities_url,
    }
