"""Results of a consultation ("你们说，我们做"): the figures shown once it has
closed, and the rows of the public export.

The definitions of the answer rate and the median time to answer are those of
``consultations.selectors.answer_rates``.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import (
    Comment,
    ConsultationPage,
    ConsultationResultsFigures,
    Outcome,
    answer_rate_counted,
)
from consultations.selectors.answer_rates import (
    answer_rate,
    format_duration,
    median_answer_times,
)

HEAT_LEVELS = 5


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def bar_step(value: float | None) -> int:
    """A percentage rounded to a step of 5, for the CSS bar classes (bar--0 …
    bar--100): the page has no inline styles."""
    if not value:
        return 0
    return max(5, min(100, int(round(value / 5)) * 5))


@dataclass
class ClauseFigure:
    clause_id: str
    number: str
    heading: str
    count: int
    percent: float | None
    heat: int  # 0 (no comment) … HEAT_LEVELS (the most commented part)
    bar: int


@dataclass
class OutcomeFigure:
    value: str
    label: str
    count: int
    percent: float | None  # of the answered comments
    bar: int


@dataclass
class ConsultationResults:
    consultation: ConsultationPage
    published_count: int
    answered_count: int
    answer_rate: float | None
    median_answer_time: timedelta | None
    clauses: list[ClauseFigure]
    outcomes: list[OutcomeFigure]
    is_published: bool
    published_at: datetime | None
    summary: str
    final_decision: object | None
    clause_counts: dict[str, int] = field(default_factory=dict)

    @property
    def unanswered_count(self) -> int:
        return self.published_count - self.answered_count

    @property
    def answer_rate_bar(self) -> int:
        return bar_step(self.answer_rate)

    @property
    def median_answer_time_display(self) -> str:
        return format_duration(self.median_answer_time)


def _clause_figures(consultation, counts: dict[str, int], total: int):
    parts = [{"id": "", "number": _("Whole text"), "heading": ""}]
    parts += consultation.clause_list
    known_ids = {part["id"] for part in parts}
    removed = sum(count for key, count in counts.items() if key not in known_ids)
    most = max([*counts.values(), 0])
    figures = []
    for part in parts:
        count = counts.get(part["id"], 0)
        figures.append((part["id"], part["number"], part["heading"], count))
    if removed:
        figures.append(("removed", _("Clauses since removed"), "", removed))
        most = max(most, removed)
    return [
        ClauseFigure(
            clause_id=clause_id,
            number=number,
            heading=heading,
            count=count,
            percent=percent(count, total),
            heat=-(-count * HEAT_LEVELS // most) if most else 0,  # ceiling
            bar=bar_step(percent(count, total)),
        )
        for clause_id, number, heading, count in figures
    ]


def results_figures_compute(*, consultation: ConsultationPage) -> dict:
    """The counts per clause and per outcome and the median time to answer, as
    stored in ``ConsultationResultsFigures.figures``. Three queries whatever the
    number of comments."""
    # Every comment owed an answer (hidden ones too): the same definition as
    # the answer rates.
    published = Comment.objects.filter(answer_rate_counted(), consultation=consultation)
    clause_counts = {
        row["clause_id"]: row["count"]
        for row in published.order_by().values("clause_id").annotate(count=Count("pk"))
    }
    outcome_counts = {
        row["reply__outcome"]: row["count"]
        for row in published.filter(reply__isnull=False)
        .order_by()
        .values("reply__outcome")
        .annotate(count=Count("pk"))
    }
    median = median_answer_times(published).get(None) if outcome_counts else None
    return {
        "clause_counts": clause_counts,
        "outcome_counts": outcome_counts,
        "median_seconds": median.total_seconds() if median is not None else None,
    }


def results_figures(*, consultation: ConsultationPage) -> dict:
    """The figures of a closed consultation's results from their stored row
    (one query), computed and stored when there is none (the first reader after
    the results are published or anything they count changes)."""
    stored = (
        ConsultationResultsFigures.objects.filter(consultation=consultation)
        .values_list("figures", flat=True)
        .first()
    )
    if stored is not None:
        return stored
    figures = results_figures_compute(consultation=consultation)
    ConsultationResultsFigures.objects.bulk_create(
        [
            ConsultationResultsFigures(
                consultation=consultation, figures=figures, computed_at=timezone.now()
            )
        ],
        ignore_conflicts=True,
    )
    return figures


def consultation_results(*, consultation: ConsultationPage):
    """The results figures, or None while the consultation has not closed.

    Once the results are published, one query (the stored figures) and the
    final decision document when there is one; before, three or four queries
    whatever the number of comments."""
    if (
        timezone.now() < consultation.closes_at
        and not consultation.results_published_at
    ):
        return None
    figures = results_figures(consultation=consultation)
    clause_counts = figures["clause_counts"]
    outcome_counts = figures["outcome_counts"]
    total = sum(clause_counts.values())
    answered = sum(outcome_counts.values())
    outcomes = [
        OutcomeFigure(
            value=outcome.value,
            label=str(outcome.label),
            count=outcome_counts.get(outcome.value, 0),
            percent=percent(outcome_counts.get(outcome.value, 0), answered),
            bar=bar_step(percent(outcome_counts.get(outcome.value, 0), answered)),
        )
        for outcome in Outcome
    ]
    median = figures["median_seconds"]
    is_published = consultation.results_published_at is not None
    return ConsultationResults(
        consultation=consultation,
        published_count=total,
        answered_count=answered,
        answer_rate=answer_rate(published=total, answered=answered),
        median_answer_time=timedelta(seconds=median) if median is not None else None,
        clauses=_clause_figures(consultation, clause_counts, total),
        outcomes=outcomes,
        is_published=is_published,
        published_at=consultation.results_published_at,
        summary=consultation.results_summary if is_published else "",
        final_decision=consultation.final_decision if is_published else None,
        clause_counts=clause_counts,
    )


EXPORT_FIELDS = (
    "pk",
    "clause_id",
    "body",
    "support_count",
    "created_at",
    "reply__outcome",
    "reply__body",
    "reply__reason",
    "reply__created_at",
)


def consultation_export_rows(*, consultation: ConsultationPage):
    """The published comments of a consultation with their replies, oldest first,
    as tuples of EXPORT_FIELDS — deliberately without any field of the author.
    Streams from the database in chunks."""
    return (
        Comment.objects.filter(
            consultation=consultation, status=Comment.Status.PUBLISHED
        )
        .order_by("created_at", "pk")
        .values_list(*EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )
