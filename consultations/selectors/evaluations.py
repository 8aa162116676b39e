"""Public evaluation reads: periods, the units a resident can rate, scorecards."""

from django.db.models import Avg, Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import EvaluationPeriod, UnitRating
from home.charts import bar_chart
from home.models import Unit, User
from home.permissions import has_verified_contact, lacks_required_phone

RECENT_COMMENTS_SHOWN = 20
SCORES = range(1, 6)


def evaluation_periods() -> dict[str, list[EvaluationPeriod]]:
    """All periods with their number of units, grouped as current (open now),
    upcoming and past — one query."""
    now = timezone.now()
    groups = {"current": [], "upcoming": [], "past": []}
    periods = EvaluationPeriod.objects.annotate(unit_count=Count("units")).order_by(
        "-starts_at", "pk"
    )
    for period in periods:
        if period.starts_at > now:
            groups["upcoming"].append(period)
        elif period.ends_at <= now:
            groups["past"].append(period)
        else:
            groups["current"].append(period)
    return groups


def _score_figures(queryset: QuerySet[UnitRating]) -> dict:
    figures = queryset.aggregate(average=Avg("score"), count=Count("pk"))
    average = figures["average"]
    return {
        "average": round(average, 2) if average is not None else None,
        "count": figures["count"],
    }


def period_units(*, period: EvaluationPeriod, user: User) -> list[Unit]:
    """The period's units in name order, each with ``my_rating`` (the resident's
    rating in this period, or None) and, once scorecards are published,
    ``average`` and ``rating_count``. Three queries however many units."""
    units = list(
        Unit.objects.filter(evaluation_periods=period)
        .select_related("district")
        .order_by("name")
    )
    mine = {}
    if user.is_authenticated:
        mine = {
            rating.unit_id: rating
            for rating in UnitRating.objects.filter(period=period, user=user)
        }
    scores = {}
    if period.scorecards_published:
        scores = {
            row["unit_id"]: row
            for row in UnitRating.objects.filter(period=period)
            .values("unit_id")
            .annotate(average=Avg("score"), count=Count("pk"))
            .order_by()
        }
    for unit in units:
        unit.my_rating = mine.get(unit.pk)
        row = scores.get(unit.pk)
        unit.average = round(row["average"], 2) if row else None
        unit.rating_count = row["count"] if row else 0
    return units


def unit_scorecard(*, period: EvaluationPeriod, unit: Unit) -> dict:
    """A unit's scorecard in a period: average, number of ratings, the score
    distribution (as a bar chart) and the newest comments, without names."""
    ratings = UnitRating.objects.filter(period=period, unit=unit)
    counts = dict(
        ratings.values_list("score").annotate(count=Count("pk")).order_by("score")
    )
    total = sum(counts.values())
    average = (
        round(sum(score * count for score, count in counts.items()) / total, 2)
        if total
        else None
    )
    bars = [
        {
            "label": ngettext("%(score)s point", "%(score)s points", score)
            % {"score": score},
            "count": counts.get(score, 0),
            "percent": round(counts.get(score, 0) * 100 / total, 1) if total else 0.0,
        }
        for score in reversed(SCORES)
    ]
    comments = list(
        ratings.exclude(comment="")
        .order_by("-created_at", "-pk")
        .values("score", "comment", "created_at")[:RECENT_COMMENTS_SHOWN]
    )
    return {
        "average": average,
        "count": total,
        "chart": bar_chart(
            identifier=f"scorecard-{period.pk}-{unit.pk}",
            title=_("Scores given to %(unit)s in %(period)s")
            % {"unit": unit.name, "period": period.title},
            bars=bars,
            label_heading=_("Score"),
            count_heading=_("Ratings"),
        ),
        "comments": comments,
    }


def unit_evaluation_score(*, unit: Unit) -> dict | None:
    """For the unit's profile page: the average score and number of ratings in the
    latest period with published scorecards that rated the unit, or None."""
    period = (
        EvaluationPeriod.objects.filter(scorecards_published=True, units=unit)
        .order_by("-ends_at", "-pk")
        .first()
    )
    if period is None:
        return None
    return {
        "period": period,
        "url": reverse(
            "consultations:evaluation_scorecard",
            kwargs={"period_id": period.pk, "unit_slug": unit.slug},
        ),
        **_score_figures(UnitRating.objects.filter(period=period, unit=unit)),
    }


def rating_state(*, period: EvaluationPeriod, user: User) -> str:
    """What the period page offers the visitor: "rate", or why not ("upcoming",
    "ended", "sign_in", "verify", "verify_phone")."""
    now = timezone.now()
    if now < period.starts_at:
        return "upcoming"
    if now >= period.ends_at:
        return "ended"
    if not user.is_authenticated:
        return "sign_in"
    if not has_verified_contact(user):
        return "verify"
    if lacks_required_phone(user):
        return "verify_phone"
    return "rate"
