"""Public evaluation (公众评价): a resident rates a unit's work in an open period."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consultations.models import EvaluationPeriod, UnitRating
from home.exceptions import ServiceError
from home.models import Unit, User
from home.permissions import has_verified_contact, require_verified_phone

RATING_COMMENT_MAX_LENGTH = 1000


def _already_rated_message(unit: Unit) -> str:
    return _(
        "You have already rated %(unit)s in this evaluation period. Each resident "
        "rates each unit once."
    ) % {"unit": unit.name}


@transaction.atomic
def unit_rate(
    *,
    user: User,
    period: EvaluationPeriod,
    unit: Unit,
    score,
    comment: str = "",
) -> UnitRating:
    """Record a resident's 1–5 rating of a unit, with an optional comment.

    Rules: the period is open and rates that unit; the resident is signed in with a
    verified email; once per resident, unit and period (a database constraint backs
    this, so parallel submissions store one). The comment is shown on the published
    scorecard without the resident's name."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to rate units."))
    if not has_verified_contact(user):
        raise ServiceError(_("Verify your email address before rating units."))
    require_verified_phone(user)
    if not period.is_open:
        raise ServiceError(_("This evaluation period is not open for ratings."))
    if not Unit.objects.filter(pk=unit.pk, evaluation_periods=period).exists():
        raise ServiceError(_("This unit is not rated in this evaluation period."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ServiceError(_("Give a score from 1 to 5."))
    comment = (comment or "").strip()
    if len(comment) > RATING_COMMENT_MAX_LENGTH:
        raise ServiceError(
            _("Keep your comment under %(count)s characters.")
            % {"count": RATING_COMMENT_MAX_LENGTH}
        )
    if UnitRating.objects.filter(period=period, unit=unit, user=user).exists():
        raise ServiceError(_already_rated_message(unit))
    try:
        with transaction.atomic():
            return UnitRating.objects.create(
                period=period, unit=unit, user=user, score=score, comment=comment
            )
    except IntegrityError as error:  # a parallel submission won the race
        raise ServiceError(_already_rated_message(unit)) from error
