"""Reads for the moderation screens: the queue, one comment's file, the log, the
bans, and the consultations whose results can be published."""

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import (
    Comment,
    CommentFlag,
    CommentingBan,
    ConsultationPage,
    ModerationDecision,
)
from home.models import UnitMembership
from home.permissions import is_platform_staff, is_signed_in

Status = Comment.Status

# The queue's tabs: name → (label, condition).
QUEUE_TABS = {
    "review": (
        _("Needs review"),
        Q(status__in=[Status.PENDING, Status.HIDDEN])
        | Q(status=Status.PUBLISHED, flag_count__gt=0),
    ),
    "pending": (_("Awaiting moderation"), Q(status=Status.PENDING)),
    "hidden": (_("Hidden"), Q(status=Status.HIDDEN)),
    "flagged": (
        _("Reported, still published"),
        Q(status=Status.PUBLISHED, flag_count__gt=0),
    ),
    "rejected": (_("Rejected"), Q(status=Status.REJECTED)),
}
DEFAULT_QUEUE_TAB = "review"


def moderation_queue(*, tab: str = DEFAULT_QUEUE_TAB) -> QuerySet[Comment]:
    """Comments in one tab of the queue, with what the listing shows (the
    consultation, the reasons of the flags) loaded up front."""
    _label, condition = QUEUE_TABS.get(tab, QUEUE_TABS[DEFAULT_QUEUE_TAB])
    return (
        Comment.objects.filter(condition)
        .select_related("consultation", "pledge")
        .prefetch_related(
            Prefetch("flags", queryset=CommentFlag.objects.only("comment_id", "reason"))
        )
    )


def moderation_queue_counts() -> dict[str, int]:
    """How many comments each tab holds, in one query."""
    return Comment.objects.aggregate(
        **{
            name: Count("pk", filter=condition)
            for name, (_l, condition) in QUEUE_TABS.items()
        }
    )


def consultations_with_comments() -> QuerySet[ConsultationPage]:
    """The consultations a moderator can filter the queue by."""
    return (
        ConsultationPage.objects.filter(comments__isnull=False)
        .distinct()
        .order_by("-closes_at")
    )


def comment_for_moderation(*, pk: int) -> QuerySet[Comment]:
    return Comment.objects.select_related(
        "consultation", "pledge", "author", "reply"
    ).filter(pk=pk)


def comment_flags(*, comment: Comment) -> QuerySet[CommentFlag]:
    return comment.flags.order_by("created_at")


def comment_decisions(*, comment: Comment) -> QuerySet[ModerationDecision]:
    return comment.moderation_decisions.select_related("moderator")


def moderation_log() -> QuerySet[ModerationDecision]:
    return ModerationDecision.objects.select_related(
        "moderator", "comment__consultation", "comment__pledge"
    ).order_by("-created_at", "-pk")


def moderator_display_name(user) -> str:
    """A moderator as the log shows them: the display name they chose, never their
    email address."""
    if user is None:
        return str(_("Automatic"))
    return user.display_name or str(_("Moderator #%(id)s") % {"id": user.pk})


def commenting_bans() -> QuerySet[CommentingBan]:
    return CommentingBan.objects.select_related("user", "moderator").order_by(
        "-created_at"
    )


def consultations_for_results(*, user) -> QuerySet[ConsultationPage]:
    """Closed consultations whose results the user may publish (staff: all; editors:
    their units'), with their comment counts; unpublished ones first."""
    consultations = ConsultationPage.objects.filter(
        live=True, closes_at__lte=timezone.now()
    )
    if not is_platform_staff(user):
        units = UnitMembership.objects.filter(
            user=user, role=UnitMembership.Role.EDITOR
        ).values("unit_id")
        consultations = consultations.filter(unit_id__in=units)
    published = Q(comments__status=Status.PUBLISHED)
    return (
        consultations.select_related("unit")
        .annotate(
            published_count=Count("comments", filter=published),
            answered_count=Count(
                "comments", filter=published & Q(comments__reply__isnull=False)
            ),
        )
        .order_by(F("results_published_at").desc(nulls_first=True), "-closes_at")
    )


def user_sees_results_publishing(user) -> bool:
    if not is_signed_in(user):
        return False
    return (
        is_platform_staff(user)
        or UnitMembership.objects.filter(
            user=user, role=UnitMembership.Role.EDITOR
        ).exists()
    )
