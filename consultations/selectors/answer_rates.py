"""Answer rates: how many published comments got an official reply, and how fast.

Definitions used everywhere (results section, unit profile, city-wide table):

- **published comments**: comments with status "published" (pending, hidden and
  rejected comments are not counted);
- **answered**: those of them that have an official reply;
- **answer rate**: answered ÷ published, as a percentage; no rate when there is
  no published comment;
- **median time to answer**: the median of (reply time − comment time) over the
  answered published comments.

For a unit, only consultations that are live and whose comment period has ended
count: comments on a consultation still open are not expected to be answered yet.
"""

from datetime import timedelta
from typing import NamedTuple

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import Comment
from home.models import Unit


def answer_rate(*, published: int, answered: int) -> float | None:
    """The answer rate in percent (one decimal), or None without comments."""
    if not published:
        return None
    return round(answered * 100 / published, 1)


def median_answer_times(comments: QuerySet, *, group_by: str | None = None) -> dict:
    """The median time to answer of ``comments`` (a Comment queryset), per value of
    ``group_by`` (a field path such as "consultation__unit"), or under the key None.

    The database ranks the durations in each group with window functions and
    returns only the one or two middle rows, so the query returns at most two rows
    per group however many comments there are."""
    partition = [F(group_by)] if group_by else None
    middle = (
        comments.filter(reply__isnull=False)
        .annotate(
            duration=ExpressionWrapper(
                F("reply__created_at") - F("created_at"), output_field=DurationField()
            )
        )
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=partition,
                order_by=[F("duration").asc(), F("pk").asc()],
            ),
            total=Window(Count("pk"), partition_by=partition),
        )
        # Odd totals: one middle row; even totals: the two middle rows.
        .filter(position__gte=(F("total") + 1) / 2, position__lte=(F("total") + 2) / 2)
        .order_by()
    )
    key = group_by or "pk"
    durations: dict = {}
    for group, duration in middle.values_list(key, "duration"):
        durations.setdefault(group if group_by else None, []).append(duration)
    return {
        group: sum(values, timedelta()) / len(values)
        for group, values in durations.items()
    }


def format_duration(duration: timedelta | None) -> str:
    """ "3 days 4 hours", "5 hours 10 minutes", "12 minutes" — for people to read."""
    if duration is None:
        return ""
    minutes = max(0, int(duration.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    day_text = ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    hour_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minute_text = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {
        "count": minutes
    }
    if days:
        return _("%(days)s %(hours)s") % {"days": day_text, "hours": hour_text}
    if hours:
        return _("%(hours)s %(minutes)s") % {"hours": hour_text, "minutes": minute_text}
    return minute_text


class UnitAnswerRate(NamedTuple):
    """One unit's figures: unpacks as (published, answered, rate, median)."""

    published: int
    answered: int
    rate: float | None
    median: timedelta | None

    @property
    def median_display(self) -> str:
        return format_duration(self.median)


def _counted_comments(now) -> QuerySet:
    return Comment.objects.filter(
        status=Comment.Status.PUBLISHED,
        consultation__live=True,
        consultation__closes_at__lte=now,
    )


def unit_answer_rate(*, unit: Unit) -> UnitAnswerRate:
    """A unit's answer figures for its profile page (two queries)."""
    comments = _counted_comments(timezone.now()).filter(consultation__unit=unit)
    counts = comments.aggregate(published=Count("pk"), answered=Count("reply"))
    median = median_answer_times(comments).get(None)
    return UnitAnswerRate(
        published=counts["published"],
        answered=counts["answered"],
        rate=answer_rate(published=counts["published"], answered=counts["answered"]),
        median=median,
    )


class UnitAnswerRow(NamedTuple):
    unit: Unit
    consultations: int
    published: int
    answered: int
    overdue: int
    rate: float | None
    median: timedelta | None

    @property
    def median_display(self) -> str:
        return format_duration(self.median)


# sort parameter → (key function, descending). Rows without a figure go last.
ANSWER_RATE_SORTS = {
    "rate": (lambda row: row.rate, True),
    "-rate": (lambda row: row.rate, False),
    "median": (lambda row: row.median, False),
    "-median": (lambda row: row.median, True),
    "comments": (lambda row: row.published, True),
    "-comments": (lambda row: row.published, False),
    "name": (lambda row: row.unit.name, False),
    "-name": (lambda row: row.unit.name, True),
}
DEFAULT_ANSWER_RATE_SORT = "rate"


def unit_answer_rates(*, sort: str = DEFAULT_ANSWER_RATE_SORT) -> list[UnitAnswerRow]:
    """The city-wide table: every unit that issued at least one live consultation,
    with its answer rate and median time to answer, sorted by ``sort`` (a key of
    ANSWER_RATE_SORTS; the best figures first by default). Two queries."""
    now = timezone.now()
    counted = Q(
        consultations__closes_at__lte=now,
        consultations__comments__status=Comment.Status.PUBLISHED,
    )
    units = (
        Unit.objects.filter(consultations__live=True)
        .annotate(
            consultation_count=Count("consultations", distinct=True),
            published=Count("consultations__comments", filter=counted, distinct=True),
            answered=Count(
                "consultations__comments",
                filter=counted & Q(consultations__comments__reply__isnull=False),
                distinct=True,
            ),
            overdue=Count(
                "consultations__comments",
                filter=counted
                & Q(
                    consultations__comments__reply__isnull=True,
                    consultations__comments__due_at__lt=now,
                ),
                distinct=True,
            ),
        )
        .only("pk", "name", "slug")
    )
    medians = median_answer_times(_counted_comments(now), group_by="consultation__unit")
    rows = [
        UnitAnswerRow(
            unit=unit,
            consultations=unit.consultation_count,
            published=unit.published,
            answered=unit.answered,
            overdue=unit.overdue,
            rate=answer_rate(published=unit.published, answered=unit.answered),
            median=medians.get(unit.pk),
        )
        for unit in units
    ]
    key, descending = ANSWER_RATE_SORTS.get(
        sort, ANSWER_RATE_SORTS[DEFAULT_ANSWER_RATE_SORT]
    )
    known = [row for row in rows if key(row) is not None]
    unknown = [row for row in rows if key(row) is None]
    known.sort(key=lambda row: row.unit.name)  # stable tie-break by name
    known.sort(key=key, reverse=descending)
    unknown.sort(key=lambda row: row.unit.name)
    return known + unknown
