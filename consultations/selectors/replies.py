"""Reads for the responders' side: their units, the comments waiting for an answer,
and the figures of their dashboard. Every function runs a fixed number of queries,
whatever the number of comments."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from consultations.models import (
    Comment,
    ConsultationPage,
    OfficialReply,
    ReplyTemplate,
)
from home.models import PledgePage, Unit, UnitMembership, User
from home.permissions import is_platform_staff, is_signed_in, is_staff_or_has_unit_role


class CommentStatus:
    """The dashboard's status filter."""

    UNANSWERED = "unanswered"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    ALL = "all"
    VALUES = (UNANSWERED, OVERDUE, ANSWERED, ALL)


def responder_units(*, user: User) -> QuerySet[Unit]:
    """The units whose comments ``user`` answers: those where they hold the
    responder role; every unit for staff."""
    if not is_signed_in(user):
        return Unit.objects.none()
    if is_platform_staff(user):
        return Unit.objects.all()
    return Unit.objects.filter(
        memberships__user=user, memberships__role=UnitMembership.Role.RESPONDER
    )


def user_can_answer_for_unit(*, user: User, unit_id: int) -> bool:
    """Only the issuing unit's responders (and staff) answer its comments."""
    return is_staff_or_has_unit_role(
        user, unit_id, roles=[UnitMembership.Role.RESPONDER]
    )


def _unit_filter(user: User) -> Q:
    if is_platform_staff(user):
        return Q()
    return Q(
        unit__memberships__user=user,
        unit__memberships__role=UnitMembership.Role.RESPONDER,
    )


def responder_comments(
    *,
    user: User,
    consultation_id: int | None = None,
    clause_id: str = "",
    status: str = CommentStatus.UNANSWERED,
) -> QuerySet[Comment]:
    """Published comments on the consultations (and feedback on the pledges) of
    the user's units, each with
    ``is_overdue`` (no reply and past its due date). Unanswered and overdue
    comments come by due date, soonest first; answered ones by latest answer."""
    now = timezone.now()
    comments = (
        Comment.objects.filter(
            Q(
                consultation__in=ConsultationPage.objects.filter(
                    _unit_filter(user)
                ).values("pk")
            )
            | Q(pledge__in=PledgePage.objects.filter(_unit_filter(user)).values("pk")),
            status=Comment.Status.PUBLISHED,
        )
        .select_related("consultation", "pledge", "author", "reply")
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(due_at__lt=now, reply__isnull=True), output_field=BooleanField()
            )
        )
    )
    if consultation_id:
        comments = comments.filter(consultation_id=consultation_id)
        if clause_id:
            comments = comments.filter(clause_id=clause_id)
    if status == CommentStatus.ANSWERED:
        return comments.filter(reply__isnull=False).order_by(
            "-reply__updated_at", "-pk"
        )
    if status == CommentStatus.OVERDUE:
        comments = comments.filter(reply__isnull=True, due_at__lt=now)
    elif status == CommentStatus.UNANSWERED:
        comments = comments.filter(reply__isnull=True)
    return comments.order_by("due_at", "pk")


def with_clause_labels(comments) -> list[Comment]:
    """Attach ``clause_label`` (第三条 …) to each comment, reading each consultation's
    clauses once."""
    comments = list(comments)
    labels: dict[tuple[int, str], str] = {}
    for comment in comments:
        key = (comment.consultation_id, comment.pledge_id, comment.clause_id)
        if key not in labels:
            labels[key] = (
                comment.target.clause_label(comment.clause_id)
                if comment.clause_id
                else ""
            )
        comment.clause_label = labels[key]
    return comments


def comment_to_answer(*, comment_id: int) -> Comment | None:
    """A published comment with what its answer page shows."""
    return (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.PUBLISHED)
        .select_related(
            "consultation",
            "consultation__unit",
            "pledge",
            "pledge__unit",
            "author",
            "reply",
        )
        .first()
    )


@dataclass
class ConsultationFigures:
    consultation: ConsultationPage
    published: int
    answered: int
    overdue: int

    @property
    def unanswered(self) -> int:
        return self.published - self.answered

    @property
    def answer_rate(self) -> int | None:
        """Answered comments as a whole percentage; None with no comments."""
        if not self.published:
            return None
        return round(100 * self.answered / self.published)


@dataclass
class DashboardFigures:
    consultations: list[ConsultationFigures] = field(default_factory=list)

    @property
    def unanswered(self) -> int:
        return sum(row.unanswered for row in self.consultations)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.consultations)

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.consultations)


def responder_dashboard_figures(*, user: User) -> DashboardFigures:
    """Per consultation of the user's units: published comments, answered,
    unanswered, overdue and the answer rate; the totals add them up. One query."""
    now = timezone.now()
    published = Q(comments__status=Comment.Status.PUBLISHED)
    consultations = (
        ConsultationPage.objects.live()
        .filter(_unit_filter(user))
        .select_related("unit")
        .annotate(
            published_count=Count("comments", filter=published),
            answered_count=Count(
                "comments", filter=published & Q(comments__reply__isnull=False)
            ),
            overdue_count=Count(
                "comments",
                filter=published
                & Q(comments__reply__isnull=True, comments__due_at__lt=now),
            ),
        )
        .order_by("-closes_at", "pk")
    )
    return DashboardFigures(
        consultations=[
            ConsultationFigures(
                consultation=page,
                published=page.published_count,
                answered=page.answered_count,
                overdue=page.overdue_count,
            )
            for page in consultations
        ]
    )


def reply_templates_for(*, user: User) -> QuerySet[ReplyTemplate]:
    """The saved replies of the user's units."""
    return ReplyTemplate.objects.filter(
        unit__in=responder_units(user=user).values("pk")
    ).select_related("unit")


def reply_for_comment(*, comment: Comment) -> OfficialReply | None:
    try:
        return comment.reply
    except OfficialReply.DoesNotExist:
        return None
