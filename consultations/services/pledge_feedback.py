"""Residents' feedback on a unit's pledge: a comment on one commitment, or a
report that it is not being kept. The same ``Comment`` rows, rules and machinery
as consultation comments (verified email, bans, rate limits, supports, flags,
moderation queue, official replies by the unit's responders)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Comment
from consultations.selectors.moderation import sensitive_words_in
from consultations.services.comments import (
    check_rate_limit,
    clean_comment_body,
    log_held,
    require_can_comment,
)
from home.exceptions import ServiceError
from home.models import PledgePage, User


@transaction.atomic
def pledge_feedback_create(
    *,
    user: User,
    pledge: PledgePage,
    item_id: str,
    body: str,
    kind: str = Comment.Kind.COMMENT,
    show_masked_name: bool = False,
) -> Comment:
    """A resident comments on one commitment of a published pledge, or reports
    that it is not being kept (``kind="not_kept"``). Same checks and rate limits
    as a consultation comment; published at once (moderators act on flags) unless
    the pledge is pre-moderated or the text holds a sensitive word, and
    due for the unit's answer within ``FEEDBACK_REPLY_PERIOD``."""
    now = timezone.now()
    require_can_comment(user=user, now=now)
    if not pledge.live:
        raise ServiceError(_("This pledge is not published."))
    if kind not in Comment.Kind.values:
        raise ServiceError(_("Choose whether you comment or report a broken promise."))
    body = clean_comment_body(body)
    item_id = str(item_id or "").strip()
    if (
        not item_id
        or not pledge.items.filter(pk=item_id if item_id.isdigit() else 0).exists()
    ):
        raise ServiceError(_("Choose a commitment of this pledge."))
    check_rate_limit(user=user, now=now)
    held_words = sensitive_words_in(body)
    comment = Comment.objects.create(
        pledge=pledge,
        clause_id=item_id,
        kind=kind,
        author=user,
        body=body,
        show_masked_name=bool(show_masked_name),
        status=Comment.Status.PENDING
        if pledge.is_pre_moderated or held_words
        else Comment.Status.PUBLISHED,
        held_words=held_words,
        due_at=pledge.reply_due_for(now),
    )
    log_held(comment)
    return comment
