"""Answer rates: how many published comments got an official reply, and how fast.

Definitions used everywhere (results section, unit profile, city-wide table):

- **comments owed an answer** (``published`` below, for history): comments
  published, hidden or removed — unless a moderator confirmed that they broke
  the rules (``Comment.violation``); comments awaiting moderation are not
  counted. Reports alone never take a comment out (``answer_rate_counted``);
- **answered**: those of them that have an official reply;
- **answer rate**: answered ÷ owed, as a percentage; no rate when there is no
  comment owed an answer;
- **median time to answer**: the median of (reply time − comment time) over the
  answered published comments.

For a unit, only consultations that are live and whose comment period has ended
count: comments on a consultation still open are not expected to be answered yet.
The feedback on its live pledges counts once it is due. A unit's profile and its
row in the city-wide table count the same comments (``answer_rate_comments``),
so the table's figures are the ones its link leads to.
"""

from datetime import timedelta
from typing import NamedTuple

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.models import (
    Comment,
    ConsultationPage,
    Violation,
    answer_rate_counted,
)
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


def _answerable(now) -> QuerySet:
    """Comments a unit's rate covers, before the moderation rule: on live
    consultations whose comment period has ended, and feedback on live pledges
    once due; each with ``answering_unit`` (the unit that owes the answer)."""
    return Comment.objects.filter(
        Q(consultation__live=True, consultation__closes_at__lte=now)
        | Q(pledge__live=True, due_at__lte=now)
    ).annotate(answering_unit=Coalesce(F("consultation__unit"), F("pledge__unit")))


def answer_rate_comments(*, now=None) -> QuerySet:
    """The comments every answer rate counts (the module docstring's
    definitions), each with ``answering_unit``: a unit's profile and the
    city-wide table both count these."""
    return _answerable(now or timezone.now()).filter(answer_rate_counted())


def _unit_feedback(now, unit) -> QuerySet:
    return _answerable(now).filter(Q(consultation__unit=unit) | Q(pledge__unit=unit))


def unit_answer_rate(*, unit: Unit) -> UnitAnswerRate:
    """A unit's answer figures for its profile page (two queries): its closed
    consultations' comments and its pledges' feedback once due."""
    comments = answer_rate_comments().filter(
        Q(consultation__unit=unit) | Q(pledge__unit=unit)
    )
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


def _per_unit(comments: QuerySet, condition: Q | None = None):
    """The number of ``comments`` (matching ``condition``) the unit owes, as a
    subquery on Unit."""
    if condition is not None:
        comments = comments.filter(condition)
    return Coalesce(
        Subquery(
            comments.filter(answering_unit=OuterRef("pk"))
            .order_by()
            .values("answering_unit")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
        0,
    )


def unit_answer_rates(*, sort: str = DEFAULT_ANSWER_RATE_SORT) -> list[UnitAnswerRow]:
    """The city-wide table: every unit with a live consultation or feedback on
    its pledges to answer, with the figures of its profile (``unit_answer_rate``:
    the same comments, ``answer_rate_comments``) and the median time to answer,
    sorted by ``sort`` (a key of ANSWER_RATE_SORTS; the best figures first by
    default). Two queries."""
    now = timezone.now()
    comments = answer_rate_comments(now=now)
    live_consultations = ConsultationPage.objects.live().filter(unit=OuterRef("pk"))
    units = (
        Unit.objects.annotate(
            consultation_count=Coalesce(
                Subquery(
                    live_consultations.order_by()
                    .values("unit")
                    .annotate(count=Count("pk"))
                    .values("count")[:1]
                ),
                0,
            ),
            published=_per_unit(comments),
            answered=_per_unit(comments, Q(reply__isnull=False)),
            overdue=_per_unit(comments, Q(reply__isnull=True, due_at__lt=now)),
        )
        .filter(Q(consultation_count__gt=0) | Q(published__gt=0))
        .only("pk", "name", "slug")
    )
    medians = median_answer_times(comments, group_by="answering_unit")
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


class RemovedSummary(NamedTuple):
    """Comments removed after a moderator confirmed a broken rule, by rule:
    ``by_reason`` lists (label, count), most first; ``total`` adds them up, so
    the figure shown is always the count of the list behind it."""

    by_reason: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.by_reason)

    @property
    def display(self) -> str:
        """ "1 removed: Advertising or spam", "3 removed: Spam (2), Abuse (1)"."""
        if len(self.by_reason) == 1:
            reasons = self.by_reason[0][0]
        else:
            reasons = _("、").join(
                f"{label} ({count})" for label, count in self.by_reason
            )
        return _("%(count)d removed: %(reasons)s") % {
            "count": self.total,
            "reasons": reasons,
        }


def removed_comments(*, consultation=None, pledge=None, unit=None) -> RemovedSummary:
    """The comments a moderator removed for a confirmed violation, counted by
    rule: on a consultation, on a pledge, or on a unit's consultations that its
    answer rate covers (live, comment period ended). One grouped query; the one
    way every public page counts removals."""
    if unit is not None:
        comments = _unit_feedback(timezone.now(), unit)
    elif consultation is not None:
        comments = Comment.objects.filter(consultation=consultation)
    else:
        comments = Comment.objects.filter(pledge=pledge)
    rows = (
        comments.exclude(violation="")
        .order_by()
        .values("violation")
        .annotate(count=Count("pk"))
    )
    labels = dict(Violation.choices)
    by_reason = [
        (str(labels.get(row["violation"], row["violation"])), row["count"])
        for row in rows
    ]
    by_reason.sort(key=lambda item: (-item[1], item[0]))
    return RemovedSummary(by_reason=by_reason)


def monthly_answer_rates(*, unit: Unit | None = None) -> list[dict]:
    """Per month (of the comment's date, in the site's time zone), oldest first:
    the comments owed an answer, those answered, and the rate — the same comments
    as every other answer rate (``answer_rate_comments``), optionally one unit's.
    One query."""
    comments = answer_rate_comments()
    if unit is not None:
        comments = comments.filter(answering_unit=unit.pk)
    rows = (
        comments.annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(
            published=Count("pk"), answered=Count("pk", filter=Q(reply__isnull=False))
        )
        .order_by("month")
    )
    return [
        {
            "month": row["month"].strftime("%Y-%m"),
            "published": row["published"],
            "answered": row["answered"],
            "rate": answer_rate(published=row["published"], answered=row["answered"]),
        }
        for row in rows
    ]
