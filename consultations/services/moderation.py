"""Moderators' decisions on comments, and bans from commenting.

Only users with the permission ``consultations.moderate_comment`` (the
"Moderators" group) and superusers moderate. Every decision needs a reason, is
written to the moderation log (who, when, why) and is emailed to the author; the
email leaves through the outbox once the transaction commits.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import (
    APPEALABLE_ACTIONS,
    Comment,
    CommentingBan,
    ModerationDecision,
    Violation,
)
from consultations.services.results_figures import results_figures_forget
from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from home.models import User
from home.permissions import has_privileged_permission

MODERATE_PERMISSION = "consultations.moderate_comment"

Action = ModerationDecision.Action
Status = Comment.Status

# action → (the comments it applies to, the status it leads to). Restoring also
# applies to a published comment that has been reported: the moderator keeps it
# published and clears the reports, so it leaves the queue.
TRANSITIONS = {
    Action.APPROVE: (Q(status=Status.PENDING), Status.PUBLISHED),
    Action.REJECT: (
        Q(status__in=[Status.PENDING, Status.HIDDEN, Status.PUBLISHED]),
        Status.REJECTED,
    ),
    Action.HIDE: (Q(status=Status.PUBLISHED), Status.HIDDEN),
    Action.RESTORE: (
        Q(status=Status.HIDDEN) | Q(status=Status.PUBLISHED, flag_count__gt=0),
        Status.PUBLISHED,
    ),
}

# What a moderator chooses between, worded as commands.
ACTION_LABELS = {
    Action.APPROVE: gettext_lazy("Approve: publish the comment"),
    Action.REJECT: gettext_lazy(
        "Remove: it broke the rules (choose which; it leaves the answer rate)"
    ),
    Action.HIDE: gettext_lazy(
        "Hide: take it off the page pending review (it still counts as owed an answer)"
    ),
    Action.RESTORE: gettext_lazy("Restore: publish it again"),
}
KEEP_LABEL = gettext_lazy("Keep it published and clear the reports")


# Why a transition is refused, per action.
REFUSALS = {
    Action.APPROVE: gettext_lazy(
        "Only a comment awaiting moderation can be approved; this one is “%(status)s”."
    ),
    Action.REJECT: gettext_lazy(
        "Only a comment awaiting moderation, published or hidden can be removed; "
        "this one is “%(status)s”."
    ),
    Action.HIDE: gettext_lazy(
        "Only a published comment can be hidden; this one is “%(status)s”."
    ),
    Action.RESTORE: gettext_lazy(
        "Only a hidden or reported comment can be restored; this one is “%(status)s”."
    ),
}


def user_can_moderate(user) -> bool:
    """Holders of the moderation permission (an active superuser holds them all)."""
    return has_privileged_permission(user, MODERATE_PERMISSION)


def require_moderator(user) -> None:
    if not user_can_moderate(user):
        raise PermissionDenied(_("Only moderators can do this."))


def actions_for(comment: Comment) -> list[tuple[str, str]]:
    """The moderation actions that apply to the comment as it is, with the labels
    a moderator chooses between."""
    status, reported = comment.status, comment.flag_count > 0
    choices = []
    if status == Status.PENDING:
        choices += [Action.APPROVE, Action.REJECT]
    if status == Status.PUBLISHED:
        choices += [Action.HIDE, Action.REJECT]
    if status == Status.HIDDEN:
        choices += [Action.RESTORE, Action.REJECT]
    labels = dict(ACTION_LABELS)
    if status == Status.PUBLISHED and reported:
        choices.append(Action.RESTORE)
        labels[Action.RESTORE] = KEEP_LABEL
    return [(action, labels[action]) for action in choices]


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give a reason for the decision: the author will see it."))
    max_length = ModerationDecision._meta.get_field("reason").max_length
    if len(reason) > max_length:
        raise ServiceError(
            _("The reason can have at most %(max)d characters.") % {"max": max_length}
        )
    return reason


def email_author(*, comment: Comment, decision: ModerationDecision) -> None:
    author = comment.author
    if author is None or not author.is_active:
        return
    consultation = comment.target
    with email_language():
        context = {
            "comment": comment,
            "consultation": consultation,
            "consultation_url": consultation.get_full_url() or "",
            "decision": decision,
            "appeal_url": settings.CANYU_BASE_URL.rstrip("/")
            + reverse("consultations:comment_appeal", args=[comment.pk])
            if decision.action in APPEALABLE_ACTIONS
            else "",
            "action_label": decision.get_action_display(),
            "recipient_name": author.get_full_name(),
        }
        subject = _("Your comment on “%(title)s”: %(action)s") % {
            "title": consultation.title,
            "action": decision.get_action_display(),
        }
    notify(
        user=author,
        kind="moderation_decision",
        title=subject,
        body=decision.reason,
        url=context["appeal_url"] or context["consultation_url"],
        email={
            "subject": subject,
            "template": "consultations/emails/moderation_decision.txt",
            "context": context,
        },
    )


@transaction.atomic
def comment_moderate(
    *,
    moderator: User,
    comment: Comment,
    action: str,
    reason: str,
    violation: str = "",
) -> ModerationDecision:
    """Approve (pending → published), remove (pending, published or hidden →
    rejected), hide (published → hidden) or restore (hidden, or published and
    reported → published) a comment.

    Removing confirms that the comment broke the rules: it needs ``violation``,
    one of the fixed ``Violation`` list, and only then does the comment leave
    the answer rate (the public pages count removals by rule). A hidden comment
    stays owed an answer. Refuses anyone without the moderation permission, an
    empty reason and a transition that does not apply to the comment's current
    status. The status changes with a conditional update, so two moderators
    deciding at once cannot both succeed on the same state. Restoring a comment
    also clears its reports: the flags so far have been reviewed. Side effects:
    one row in the moderation log and an email to the author (sent after
    commit), with the link to appeal a removal or a hiding."""
    require_moderator(moderator)
    if action not in TRANSITIONS:
        raise ServiceError(_("Unknown moderation action."))
    reason = _clean_reason(reason)
    if action == Action.REJECT:
        if violation not in Violation.values:
            raise ServiceError(_("Choose which rule the comment broke."))
    else:
        violation = ""
    sources, target = TRANSITIONS[action]
    changes = {"status": target, "violation": violation}
    if action == Action.RESTORE:
        changes.update(flag_count=0, review_requested_at=None)
    updated = Comment.objects.filter(sources, pk=comment.pk).update(**changes)
    if not updated:
        current = Comment.objects.filter(pk=comment.pk).values_list("status", flat=True)
        status = Status(current[0]).label if current else _("deleted")
        raise ServiceError(REFUSALS[action] % {"status": status})
    results_figures_forget(consultation_id=comment.consultation_id)
    comment.refresh_from_db(fields=["status", "flag_count", "violation"])
    decision = ModerationDecision.objects.create(
        comment=comment,
        moderator=moderator,
        action=action,
        reason=reason,
        violation=violation,
    )
    email_author(comment=comment, decision=decision)
    return decision


def comments_bulk_approve(
    *, moderator: User, comments, reason: str
) -> list[ModerationDecision]:
    """Approve several pending comments with one reason, all or none: one comment
    that is no longer pending refuses the whole batch with its message."""
    require_moderator(moderator)
    reason = _clean_reason(reason)
    comments = list(comments)
    if not comments:
        raise ServiceError(_("Select at least one comment."))
    with transaction.atomic():
        return [
            comment_moderate(
                moderator=moderator,
                comment=comment,
                action=Action.APPROVE,
                reason=reason,
            )
            for comment in comments
        ]


@transaction.atomic
def user_ban(*, moderator: User, user: User, reason: str, until=None) -> CommentingBan:
    """Block ``user`` from commenting, for good or until a time, with a reason.
    Banning someone already banned replaces the reason and the end."""
    require_moderator(moderator)
    reason = _clean_reason(reason)
    if user.pk == moderator.pk:
        raise ServiceError(_("You cannot ban yourself."))
    if user_can_moderate(user):
        raise ServiceError(_("Moderators cannot be banned from commenting."))
    if until is not None and until <= timezone.now():
        raise ServiceError(_("The end of the ban must be in the future."))
    ban, _created = CommentingBan.objects.update_or_create(
        user=user,
        defaults={"moderator": moderator, "reason": reason, "until": until},
    )
    return ban


@transaction.atomic
def user_unban(*, moderator: User, user: User) -> bool:
    """Lift a user's ban; returns False when there was none."""
    require_moderator(moderator)
    deleted, _details = CommentingBan.objects.filter(user=user).delete()
    return bool(deleted)
