"""Reads for the moderation screens: the queue, one comment's file, the log, the
bans, and the consultations whose results can be published."""

import unicodedata

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import (
    APPEALABLE_ACTIONS,
    Comment,
    CommentFlag,
    CommentingBan,
    ConsultationPage,
    ModerationAppeal,
    ModerationDecision,
    ModerationSettings,
    answer_rate_counted,
)
from home.models import UnitMembership
from home.permissions import is_platform_staff, is_signed_in, unit_ids_with_role

Status = Comment.Status

# The queue's tabs: name → (label, condition).
QUEUE_TABS = {
    "review": (
        _("Needs review"),
        Q(status__in=[Status.PENDING, Status.HIDDEN])
        | Q(status=Status.PUBLISHED, flag_count__gt=0)
        | Q(
            Exists(
                ModerationAppeal.objects.filter(
                    comment=OuterRef("pk"), outcome__isnull=True
                )
            )
        ),
    ),
    "pending": (_("Awaiting moderation"), Q(status=Status.PENDING)),
    "hidden": (_("Hidden"), Q(status=Status.HIDDEN)),
    "flagged": (
        _("Reported, still published"),
        Q(status=Status.PUBLISHED, flag_count__gt=0),
    ),
    "rejected": (_("Removed"), Q(status=Status.REJECTED)),
    "appeals": (
        _("Appeals"),
        Q(
            Exists(
                ModerationAppeal.objects.filter(
                    comment=OuterRef("pk"), outcome__isnull=True
                )
            )
        ),
    ),
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


def sensitive_words_in(text: str) -> list[str]:
    """The staff's sensitive words (``ModerationSettings``) found in ``text``,
    in the list's order; case-insensitive, and full-width letters match their
    ASCII forms."""
    words = ModerationSettings.load().word_list()
    if not words:
        return []
    haystack = unicodedata.normalize("NFKC", text).casefold()
    return [
        word
        for word in words
        if unicodedata.normalize("NFKC", word).casefold() in haystack
    ]


def appealable_decision(*, comment: Comment) -> ModerationDecision | None:
    """The decision against the comment its author may still appeal: the latest
    decision on it, when that is a removal or a hiding (see
    ``APPEALABLE_ACTIONS``), the comment is still hidden or removed, and it has
    not been appealed yet."""
    if comment.status not in (Status.HIDDEN, Status.REJECTED):
        return None
    latest = comment.moderation_decisions.order_by("-created_at", "-pk").first()
    if latest is None or latest.action not in APPEALABLE_ACTIONS:
        return None
    if ModerationAppeal.objects.filter(decision=latest).exists():
        return None
    return latest


def comment_appeals(*, comment: Comment) -> QuerySet[ModerationAppeal]:
    return comment.appeals.select_related(
        "decision__moderator", "outcome__moderator"
    ).order_by("created_at", "pk")


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
        units = unit_ids_with_role(user, [UnitMembership.Role.EDITOR])
        consultations = consultations.filter(unit_id__in=units)
    published = answer_rate_counted("comments__")
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
        or unit_ids_with_role(user, [UnitMembership.Role.EDITOR]).exists()
    )
