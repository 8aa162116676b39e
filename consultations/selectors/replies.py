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
    answer_rate_counted,
)
from home.models import PledgePage, Unit, UnitMembership, User
from home.permissions import (
    is_platform_staff,
    is_signed_in,
    is_staff_or_has_unit_role,
    unit_ids_with_role,
)


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
        pk__in=unit_ids_with_role(user, [UnitMembership.Role.RESPONDER])
    )


def user_can_answer_for_unit(*, user: User, unit_id: int) -> bool:
    """Only the issuing unit's responders (and staff) answer its comments."""
    return is_staff_or_has_unit_role(
        user, unit_id, roles=[UnitMembership.Role.RESPONDER]
    )


def _unit_filter(user: User) -> Q:
    if is_platform_staff(user):
        return Q()
    return Q(unit_id__in=unit_ids_with_role(user, [UnitMembership.Role.RESPONDER]))


def comment_status_filter(status: str, *, now) -> Q:
    """What each status of the dashboard means, as a filter on comments: the one
    definition behind both the list (``responder_comments``) and its figure
    (``responder_comment_counts``), so a figure is always the length of the
    list it links to."""
    if status == CommentStatus.ANSWERED:
        return Q(reply__isnull=False)
    if status == CommentStatus.OVERDUE:
        return Q(reply__isnull=True, due_at__lt=now)
    if status == CommentStatus.UNANSWERED:
        return Q(reply__isnull=True)
    return Q()


def _responder_scope(user: User) -> QuerySet[Comment]:
    """Every comment the user answers: the ones an answer rate counts (published,
    hidden or rejected without a confirmed violation) on the consultations and
    the pledges of the user's units, live or not."""
    return Comment.objects.filter(
        Q(
            consultation__in=ConsultationPage.objects.filter(_unit_filter(user)).values(
                "pk"
            )
        )
        | Q(pledge__in=PledgePage.objects.filter(_unit_filter(user)).values("pk")),
        answer_rate_counted(),
    )


def _status_counts(now) -> dict:
    return {
        status: Count("pk", filter=comment_status_filter(status, now=now))
        for status in CommentStatus.VALUES
    }


def responder_comment_counts(*, user: User, now=None) -> dict[str, int]:
    """How many comments (pledge feedback included) ``user`` has to answer, by
    status: {"unanswered", "overdue", "answered", "all"} → the number of rows
    ``responder_comments(user=user, status=...)`` lists. One query. The figures
    on the responders' dashboard and in a person's workspace come from here."""
    now = now or timezone.now()
    return _responder_scope(user).aggregate(**_status_counts(now))


def responder_comments(
    *,
    user: User,
    consultation_id: int | None = None,
    clause_id: str = "",
    status: str = CommentStatus.UNANSWERED,
    now=None,
) -> QuerySet[Comment]:
    """Comments on the consultations (and feedback on the pledges) of the user's
    units in ``status`` (see ``comment_status_filter``), each with
    ``is_overdue`` (no reply and past its due date). Unanswered and overdue
    comments come by due date, soonest first; answered ones by latest answer."""
    now = now or timezone.now()
    comments = (
        _responder_scope(user)
        .filter(comment_status_filter(status, now=now))
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
        return comments.order_by("-reply__updated_at", "-pk")
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
        Comment.objects.filter(answer_rate_counted(), pk=comment_id)
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
class StatusFigures:
    """Comments by status (``responder_comment_counts``' keys); ``published``
    is all of them, the comments owed an answer."""

    unanswered: int = 0
    overdue: int = 0
    answered: int = 0
    all: int = 0

    @property
    def published(self) -> int:
        return self.all

    @property
    def answer_rate(self) -> int | None:
        """Answered comments as a whole percentage; None with no comments."""
        if not self.all:
            return None
        return round(100 * self.answered / self.all)


@dataclass
class ConsultationFigures(StatusFigures):
    consultation: ConsultationPage | None = None


@dataclass
class DashboardFigures:
    """The dashboard's totals (each the number of rows its linked list shows),
    one row per consultation and one for the feedback on the units' pledges:
    the rows add up to the totals."""

    totals: StatusFigures = field(default_factory=StatusFigures)
    consultations: list[ConsultationFigures] = field(default_factory=list)
    pledges: StatusFigures = field(default_factory=StatusFigures)

    @property
    def unanswered(self) -> int:
        return self.totals.unanswered

    @property
    def overdue(self) -> int:
        return self.totals.overdue

    @property
    def answered(self) -> int:
        return self.totals.answered


def responder_dashboard_figures(*, user: User, now=None) -> DashboardFigures:
    """The totals of ``responder_comment_counts``, and the same counts per
    consultation of the user's units (the live ones, and any other with comments)
    and for the pledges' feedback, so the rows add up to the totals. Three
    queries."""
    now = now or timezone.now()
    # Grouped by consultation; the pledges' feedback has none (the None row).
    by_consultation = {
        row.pop("consultation"): row
        for row in _responder_scope(user)
        .order_by()
        .values("consultation")
        .annotate(**_status_counts(now))
    }
    pledges = StatusFigures(**by_consultation.pop(None, {}))
    consultations = (
        ConsultationPage.objects.filter(_unit_filter(user))
        .filter(Q(live=True) | Q(pk__in=list(by_consultation)))
        .select_related("unit")
        .order_by("-closes_at", "pk")
    )
    rows = [
        ConsultationFigures(consultation=page, **by_consultation.get(page.pk, {}))
        for page in consultations
    ]
    totals = StatusFigures(**responder_comment_counts(user=user, now=now))
    return DashboardFigures(totals=totals, consultations=rows, pledges=pledges)


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
