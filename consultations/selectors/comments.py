"""Reads for the consultation page: comments per clause, and the comment list.

The list is paginated by keyset on (created_at, id), newest first, so that page
500 of 10,000 comments costs what page 1 costs (OFFSET would read and drop every
row before it) and the page needs the same few queries whatever the number of
comments and replies: authors and replies come in the same query, and whether the
viewer already supported or reported each comment comes as EXISTS columns.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from math import ceil

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from consultations.models import (
    Comment,
    CommentFlag,
    CommentingBan,
    CommentSupport,
    ConsultationPage,
    Phase,
    answer_rate_counted,
)
from consultations.selectors.answer_rates import answer_rate
from home.permissions import has_verified_contact, lacks_required_phone

COMMENTS_PER_PAGE = 20
HEAT_LEVELS = 5
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# Who may comment -------------------------------------------------------------------


def active_commenting_ban(user, *, now=None) -> CommentingBan | None:
    """The user's commenting ban, if it is still in force."""
    now = now or timezone.now()
    return (
        CommentingBan.objects.filter(user=user)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .first()
    )


def commenting_status(*, user, consultation: ConsultationPage, now) -> dict:
    """Whether the viewer may comment now, and if not why, for the page to say:
    ``{"state": "allowed" | "not_open" | "sign_in" | "verify_email" | "verify_phone" |
    "banned",
    "ban": CommentingBan | None}``. The service checks the same rules again."""
    if consultation.phase_at(now) != Phase.OPEN:
        return {"state": "not_open", "ban": None}
    if user is None or not user.is_authenticated:
        return {"state": "sign_in", "ban": None}
    if not has_verified_contact(user):
        return {"state": "verify_email", "ban": None}
    if lacks_required_phone(user):
        return {"state": "verify_phone", "ban": None}
    ban = active_commenting_ban(user, now=now)
    if ban is not None:
        return {"state": "banned", "ban": ban}
    return {"state": "allowed", "ban": None}


# Figures per clause -----------------------------------------------------------------


@dataclass
class ClauseFigures:
    """Published comments per clause id ("" for the whole text) and in all;
    ``owed``: the comments owed an answer (``answer_rate_counted``: hidden ones
    too), and how many of those have an official reply."""

    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    owed: int = 0
    answered: int = 0

    @property
    def answer_rate(self) -> float | None:
        return answer_rate(published=self.owed, answered=self.answered)


def clause_figures(*, consultation: ConsultationPage) -> ClauseFigures:
    """One grouped query over the consultation's comments owed an answer."""
    rows = (
        Comment.objects.filter(answer_rate_counted(), consultation=consultation)
        .order_by()
        .values("clause_id")
        .annotate(
            comments=Count("id", filter=Q(status=Comment.Status.PUBLISHED)),
            owed=Count("id"),
            answered=Count("reply"),
        )
    )
    figures = ClauseFigures()
    for row in rows:
        if row["comments"]:
            figures.counts[row["clause_id"]] = row["comments"]
        figures.total += row["comments"]
        figures.owed += row["owed"]
        figures.answered += row["answered"]
    return figures


def clauses_with_figures(*, consultation: ConsultationPage, figures: ClauseFigures):
    """The clauses, in order, each with its published comment count and a heat
    level from 0 (none) to HEAT_LEVELS (the most commented clause)."""
    clauses = consultation.clause_list
    busiest = max((figures.counts.get(c["id"], 0) for c in clauses), default=0)
    return [
        {
            **clause,
            "comment_count": figures.counts.get(clause["id"], 0),
            "heat": ceil(HEAT_LEVELS * figures.counts.get(clause["id"], 0) / busiest)
            if busiest
            else 0,
        }
        for clause in clauses
    ]


# Keyset cursors -----------------------------------------------------------------


def encode_cursor(comment: Comment) -> str:
    """A comment's position as "<microseconds since 1970>_<id>" (exact, unlike a
    float timestamp)."""
    delta = comment.created_at - _EPOCH
    microseconds = (delta.days * 86_400 + delta.seconds) * 1_000_000
    return f"{microseconds + delta.microseconds}_{comment.pk}"


def decode_cursor(value: str) -> tuple[datetime, int] | None:
    """The (created_at, id) of a cursor, or None for anything malformed."""
    try:
        microseconds, pk = (int(part) for part in (value or "").split("_"))
        return _EPOCH + timedelta(microseconds=microseconds), pk
    except (TypeError, ValueError, OverflowError):
        return None


@dataclass
class CommentPage:
    comments: list[Comment]
    next_cursor: str = ""  # older comments
    previous_cursor: str = ""  # newer comments
    is_first: bool = True


def _with_viewer_state(comments: QuerySet[Comment], viewer) -> QuerySet[Comment]:
    if viewer is None or not viewer.is_authenticated:
        return comments
    return comments.annotate(
        supported_by_viewer=Exists(
            CommentSupport.objects.filter(comment=OuterRef("pk"), user=viewer)
        ),
        flagged_by_viewer=Exists(
            CommentFlag.objects.filter(comment=OuterRef("pk"), user=viewer)
        ),
    )


def _prepare(comments: list[Comment], consultation: ConsultationPage) -> None:
    """Clause numbers from the page's StreamField (no query), and the reply or
    None (already loaded by select_related)."""
    numbers = {clause["id"]: clause["number"] for clause in consultation.clause_list}
    for comment in comments:
        comment.clause_number = numbers.get(comment.clause_id, "")
        comment.official_reply = getattr(comment, "reply", None)


def published_comments(
    *, consultation: ConsultationPage, clause_id: str = ""
) -> QuerySet[Comment]:
    """The comments everyone sees on a consultation (published ones only, never
    those hidden, removed or awaiting moderation), optionally on one clause, with
    their authors and official replies; unordered."""
    comments = Comment.objects.filter(
        consultation=consultation, status=Comment.Status.PUBLISHED
    ).select_related("author", "reply")
    if clause_id:
        comments = comments.filter(clause_id=clause_id)
    return comments


def published_comments_page(
    *,
    consultation: ConsultationPage,
    viewer=None,
    clause_id: str = "",
    after: str = "",
    before: str = "",
    per_page: int = COMMENTS_PER_PAGE,
) -> CommentPage:
    """One page of published comments, newest first, optionally on one clause.

    ``after`` is the cursor of the last comment of the previous page (go to older
    comments), ``before`` the cursor of the first comment of the following page
    (go back to newer ones). One query, whatever the page."""
    comments = _with_viewer_state(
        published_comments(consultation=consultation, clause_id=clause_id), viewer
    )

    after_key, before_key = decode_cursor(after), decode_cursor(before)
    if before_key:
        created_at, pk = before_key
        # The redundant bound lets the index range-scan (an OR alone is a filter).
        newer = comments.filter(
            Q(created_at__gte=created_at),
            Q(created_at__gt=created_at) | Q(created_at=created_at, pk__gt=pk),
        ).order_by("created_at", "pk")
        rows = list(newer[: per_page + 1])
        has_newer = len(rows) > per_page
        rows = rows[:per_page][::-1]
        page = CommentPage(comments=rows, is_first=not has_newer)
        if rows:
            page.next_cursor = encode_cursor(rows[-1])
            if has_newer:
                page.previous_cursor = encode_cursor(rows[0])
        _prepare(page.comments, consultation)
        return page

    if after_key:
        created_at, pk = after_key
        comments = comments.filter(
            Q(created_at__lte=created_at),
            Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk),
        )
    rows = list(comments.order_by("-created_at", "-pk")[: per_page + 1])
    has_older = len(rows) > per_page
    rows = rows[:per_page]
    page = CommentPage(comments=rows, is_first=not after_key)
    if rows and has_older:
        page.next_cursor = encode_cursor(rows[-1])
    if rows and after_key:
        page.previous_cursor = encode_cursor(rows[0])
    _prepare(page.comments, consultation)
    return page


def own_unpublished_comments(
    *, consultation: ConsultationPage, viewer, limit: int = 50
) -> list[Comment]:
    """The viewer's own comments that others do not see (awaiting moderation,
    hidden after reports, rejected), newest first, so that nothing they wrote
    seems lost."""
    if viewer is None or not viewer.is_authenticated:
        return []
    comments = list(
        Comment.objects.filter(consultation=consultation, author=viewer)
        .exclude(status=Comment.Status.PUBLISHED)
        .select_related("author", "reply")
        .order_by("-created_at", "-pk")[:limit]
    )
    _prepare(comments, consultation)
    return comments
