"""Reads about the decisions kept for separation of duties: a volunteer's
decision log, the longest shift allowed and an activity's approved points
multiplier."""

from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from volunteers.models import (
    MultiplierDecision,
    VolunteerDecision,
    VolunteerPointsSettings,
)

DEFAULT_MULTIPLIER = Decimal("1.0")


def volunteer_decisions(*, volunteer) -> QuerySet[VolunteerDecision]:
    """Who decided what about ``volunteer``, when and why, newest first."""
    return VolunteerDecision.objects.filter(volunteer=volunteer).select_related(
        "decided_by", "team"
    )


def maximum_shift_hours() -> int:
    """The longest shift staff allow (Volunteer points settings; 12 hours)."""
    return VolunteerPointsSettings.load().maximum_shift_hours


def shift_length_error(*, starts_at: datetime, ends_at: datetime) -> str:
    """The message refusing a shift longer than the setting, or ""."""
    if starts_at is None or ends_at is None:
        return ""
    hours = maximum_shift_hours()
    if (ends_at - starts_at).total_seconds() > hours * 3600:
        return _(
            "A shift lasts at most %(hours)d hours: split a longer activity into "
            "several shifts."
        ) % {"hours": hours}
    return ""


def approved_multiplier(*, activity_id: int) -> Decimal:
    """The points multiplier staff approved last for the activity; 1 until
    then. What editors type on the page is only a proposal."""
    value = (
        MultiplierDecision.objects.filter(
            activity_id=activity_id, status=MultiplierDecision.Status.APPROVED
        )
        .order_by("-decided_at", "-pk")
        .values_list("value", flat=True)
        .first()
    )
    return DEFAULT_MULTIPLIER if value is None else value


def pending_multiplier(*, activity_id: int) -> MultiplierDecision | None:
    return MultiplierDecision.objects.filter(
        activity_id=activity_id, status=MultiplierDecision.Status.PENDING
    ).first()
