"""Authors' appeals against moderation decisions.

An author may appeal a decision taken against their comment (removed, hidden)
once, with a reason. Another moderator than the one who took the decision grants
or refuses it; both decisions stay in the moderation log, and the author is
emailed the outcome."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consultations.models import (
    APPEALABLE_ACTIONS,
    Comment,
    ModerationAppeal,
    ModerationDecision,
)
from consultations.services.moderation import (
    _clean_reason,
    email_author,
    require_moderator,
)
from consultations.services.results_figures import results_figures_forget
from home.exceptions import ServiceError
from home.models import User

Action = ModerationDecision.Action
APPEAL_MAX_LENGTH = ModerationAppeal._meta.get_field("reason").max_length


@transaction.atomic
def appeal_create(*, user: User, comment: Comment, reason: str) -> ModerationAppeal:
    """The author appeals the latest decision taken against their comment (see
    ``APPEALABLE_ACTIONS``), once per decision: a second appeal is refused,
    even from parallel requests (one appeal per decision in the database)."""
    if user is None or not user.is_authenticated or comment.author_id != user.pk:
        raise ServiceError(_("Only the author of a comment can appeal."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why you think the decision is wrong."))
    if len(reason) > APPEAL_MAX_LENGTH:
        raise ServiceError(
            _("The reason can have at most %(max)d characters.")
            % {"max": APPEAL_MAX_LENGTH}
        )
    once = _("You have already appealed this decision: an appeal is possible once.")
    latest = comment.moderation_decisions.order_by("-created_at", "-pk").first()
    if latest is not None and latest.action == Action.APPEAL_DENY:
        raise ServiceError(once)
    if (
        latest is None
        or latest.action not in APPEALABLE_ACTIONS
        or comment.status not in (Comment.Status.HIDDEN, Comment.Status.REJECTED)
    ):
        raise ServiceError(_("There is no moderation decision to appeal."))
    try:
        with transaction.atomic():
            return ModerationAppeal.objects.create(
                decision=latest, comment=comment, author=user, reason=reason
            )
    except IntegrityError as error:
        raise ServiceError(once) from error


@transaction.atomic
def appeal_decide(
    *, moderator: User, appeal: ModerationAppeal, grant: bool, reason: str
) -> ModerationDecision:
    """Grant (the comment is published again, its removal and reports cleared)
    or refuse an appeal, with a reason. Refused to the moderator who took the
    decision under appeal, and once decided. Side effects: a line in the
    moderation log beside the first decision, and an email to the author."""
    require_moderator(moderator)
    reason = _clean_reason(reason)
    appeal = (
        ModerationAppeal.objects.select_for_update()
        .select_related("decision", "comment")
        .get(pk=appeal.pk)
    )
    if appeal.outcome_id is not None:
        raise ServiceError(_("This appeal has already been decided."))
    if appeal.decision.moderator_id == moderator.pk:
        raise ServiceError(
            _(
                "You took the decision under appeal: another moderator must decide "
                "the appeal."
            )
        )
    comment = appeal.comment
    if grant:
        restored = Comment.objects.filter(
            pk=comment.pk,
            status__in=[Comment.Status.HIDDEN, Comment.Status.REJECTED],
        ).update(
            status=Comment.Status.PUBLISHED,
            violation="",
            flag_count=0,
            review_requested_at=None,
        )
        if not restored:
            raise ServiceError(
                _("The comment is no longer hidden or removed: nothing to restore.")
            )
        comment.refresh_from_db()
        results_figures_forget(consultation_id=comment.consultation_id)
    decision = ModerationDecision.objects.create(
        comment=comment,
        moderator=moderator,
        action=Action.APPEAL_GRANT if grant else Action.APPEAL_DENY,
        violation="",
        reason=reason,
    )
    ModerationAppeal.objects.filter(pk=appeal.pk).update(outcome=decision)
    email_author(comment=comment, decision=decision)
    return decision


__all__ = ["APPEALABLE_ACTIONS", "appeal_create", "appeal_decide"]
