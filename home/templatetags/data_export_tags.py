"""The "download my data" section of the account page (one include; the
dashboard's view knows nothing of exports)."""

from django import template
from django.utils import timezone

from home.data_export import selectors, services

register = template.Library()


@register.simple_tag
def my_data_export(user) -> dict:
    """The person's latest export (or None) and whether they may ask for a new
    one now: two queries."""
    if not user.is_authenticated:
        return {"export": None, "can_request": False}
    allowed_at = services.data_export_next_allowed_at(user=user)
    return {
        "export": selectors.data_export_latest(user=user),
        "can_request": allowed_at is None or allowed_at <= timezone.now(),
    }
