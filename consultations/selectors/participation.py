"""Reads for a resident's own page ("我的参与"): their comments (on consultations
and, as feedback, on pledges) with their status as the author sees it and the
official answers, the consultations they follow, their survey answers and their
ratings of units. Only the signed-in person's own rows; a fixed number of queries
whatever the number of comments, answers and decisions."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from consultations.models import (
    APPEALABLE_ACTIONS,
    Comment,
    ConsultationFollow,
    ConsultationIndexPage,
    ModerationAppeal,
    ModerationDecision,
    Phase,
    SurveyResponse,
    UnitRating,
    answer_rate_counted,
)
from consultations.selectors.comments import COMMENTS_PER_PAGE, encode_cursor

MY_LIST_LIMIT = 50
Status = Comment.Status


def _published_newer_count():
    """An annotation: how many published comments of the same consultation are
    newer (they come before it in the page's list, newest first)."""
    newer = (
        Comment.objects.filter(
            consultation=OuterRef("consultation"), status=Status.PUBLISHED
        )
        .filter(
            Q(created_at__gt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
        )
        .order_by()
        .values("consultation")
        .annotate(newer=Count("pk"))
        .values("newer")
    )
    return Coalesce(Subquery(newer, output_field=IntegerField()), 0)


def my_comments(*, user) -> QuerySet[Comment]:
    """The user's comments and pledge feedback, newest first, with the commented
    page (and its unit), the official reply, where a published one stands in its
    page's list (``newer_published``), the moderation decisions (newest first)
    and the appeals: three queries for a page of them. Call ``comment_states`` on
    the rows taken."""
    if user is None or not user.is_authenticated:
        return Comment.objects.none()
    return (
        Comment.objects.filter(author=user)
        .select_related("consultation__unit", "pledge__unit", "reply")
        .annotate(newer_published=_published_newer_count())
        .prefetch_related(
            Prefetch(
                "moderation_decisions",
                queryset=ModerationDecision.objects.order_by("-created_at", "-pk"),
                to_attr="decisions_newest_first",
            ),
            Prefetch(
                "appeals",
                queryset=ModerationAppeal.objects.select_related("outcome").order_by(
                    "-created_at", "-pk"
                ),
                to_attr="appeals_newest_first",
            ),
        )
        .order_by("-created_at", "-pk")
    )


@dataclass
class CommentFigures:
    total: int = 0
    answered: int = 0
    awaiting: int = 0


def my_comment_figures(*, user) -> CommentFigures:
    """How many comments the user wrote, how many were answered and how many are
    still owed an answer (``answer_rate_counted``): one query."""
    if user is None or not user.is_authenticated:
        return CommentFigures()
    owed = answer_rate_counted()
    row = Comment.objects.filter(author=user).aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(reply__isnull=False)),
        awaiting=Count("pk", filter=owed & Q(reply__isnull=True)),
    )
    return CommentFigures(**row)


def _link_anchor(comment: Comment) -> str:
    """What follows the commented page's address to reach the comment there.

    A published consultation comment is shown in the page's list, newest first,
    twenty a page: past the first page, the ``after`` cursor just past it (same
    time, next id) opens the list at the comment whatever its age. The author's
    unpublished comments are listed at the top of the page; a pledge's feedback
    is shown under its commitment (``item-<id>``) and the newest published ones
    one by one."""
    if comment.consultation_id:
        newer = getattr(comment, "newer_published", 0)
        if comment.status == Status.PUBLISHED and newer >= COMMENTS_PER_PAGE:
            microseconds = encode_cursor(comment).split("_")[0]
            return f"?after={microseconds}_{comment.pk + 1}#comment-{comment.pk}"
        return f"#comment-{comment.pk}"
    if comment.status == Status.PUBLISHED:
        return f"#comment-{comment.pk}"
    return f"#item-{comment.clause_id}"


def comment_states(comments, *, now) -> list[Comment]:
    """Sets on each comment (from ``my_comments``) what its author is shown:

    - ``page``: the consultation or the pledge, ``anchor``: see ``_link_anchor``;
    - ``official_reply``: the answer or None;
    - ``decision``: the moderation decision that hid or removed it (its reason
      and the rule broken), when it is hidden or removed;
    - ``appeal``: the author's latest appeal, ``appeal_state`` ``"waiting"``,
      ``"granted"`` or ``"refused"`` (or ""), ``can_appeal``;
    - ``answer_owed`` (it counts for the answer rate and has no reply yet) and
      ``is_overdue`` (its due time has passed)."""
    comments = list(comments)
    for comment in comments:
        comment.page = comment.target
        comment.anchor = _link_anchor(comment)
        comment.official_reply = getattr(comment, "reply", None)
        decisions = getattr(comment, "decisions_newest_first", [])
        appeals = getattr(comment, "appeals_newest_first", [])
        latest = decisions[0] if decisions else None
        comment.decision = None
        if comment.status in (Status.HIDDEN, Status.REJECTED) and latest is not None:
            comment.decision = next(
                (d for d in decisions if d.action in APPEALABLE_ACTIONS), latest
            )
        comment.appeal = appeals[0] if appeals else None
        comment.appeal_state = ""
        if comment.appeal is not None:
            if comment.appeal.outcome is None:
                comment.appeal_state = "waiting"
            elif (
                comment.appeal.outcome.action == ModerationDecision.Action.APPEAL_GRANT
            ):
                comment.appeal_state = "granted"
            else:
                comment.appeal_state = "refused"
        appealed_ids = {appeal.decision_id for appeal in appeals}
        comment.can_appeal = (
            comment.status in (Status.HIDDEN, Status.REJECTED)
            and latest is not None
            and latest.action in APPEALABLE_ACTIONS
            and latest.pk not in appealed_ids
        )
        comment.answer_owed = (
            comment.official_reply is None
            and comment.status in (Status.PUBLISHED, Status.HIDDEN, Status.REJECTED)
            and not comment.violation
        )
        comment.is_overdue = comment.answer_owed and comment.due_at < now
    return comments


def my_follows(*, user, now, limit: int = MY_LIST_LIMIT) -> list[ConsultationFollow]:
    """The live consultations the user follows, newest follow first, each with
    ``phase`` (see ``Phase``) and ``phase_label``: one query."""
    if user is None or not user.is_authenticated:
        return []
    follows = list(
        ConsultationFollow.objects.filter(user=user, consultation__live=True)
        .select_related("consultation__unit")
        .order_by("-created_at", "-pk")[:limit]
    )
    for follow in follows:
        follow.phase = follow.consultation.phase_at(now)
        follow.phase_label = Phase(follow.phase).label
        follow.phase_tone = Phase(follow.phase).tone
    return follows


def my_survey_responses(*, user, limit: int = MY_LIST_LIMIT) -> list[SurveyResponse]:
    """The user's survey responses on live consultations, newest first, with the
    consultation and ``answer_count``: one query."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        SurveyResponse.objects.filter(user=user, consultation__live=True)
        .select_related("consultation")
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-pk")[:limit]
    )


def my_unit_ratings(*, user, limit: int = MY_LIST_LIMIT) -> list[UnitRating]:
    """The user's ratings of units in the public evaluation, newest first, with
    the period and the unit: one query."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        UnitRating.objects.filter(user=user)
        .select_related("period", "unit")
        .order_by("-created_at", "-pk")[:limit]
    )


def open_consultations_url(*, request=None) -> str:
    """Where a resident starts: the consultations section, filtered to those
    open for comments ("" when there is none): one query."""
    index = ConsultationIndexPage.objects.live().order_by("path").first()
    if index is None:
        return ""
    return f"{index.get_url(request)}?phase={Phase.OPEN}"
