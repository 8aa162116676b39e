"""Residents' writes on a consultation page: comment, support (附议), flag.

Each service takes keyword arguments, runs in one transaction, and raises
``ServiceError`` with a message a resident can read when it refuses; a refusal
leaves nothing behind. Rules that must hold under parallel requests are backed by
the database: unique constraints (one support / one flag per person and comment),
counters updated with ``F()`` and conditional updates (a comment is sent to the
moderators once, whoever sends the last flag).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from consultations.models import (
    COMMENT_MAX_LENGTH,
    COMMENT_MIN_LENGTH,
    Comment,
    CommentFlag,
    CommentSupport,
    ConsultationPage,
    ModerationDecision,
    Phase,
)
from consultations.selectors.comments import active_commenting_ban
from consultations.selectors.moderation import sensitive_words_in
from home.exceptions import ServiceError
from home.limits import LimitReached, enforce
from home.models import User
from home.permissions import (
    has_verified_contact,
    require_verified_phone,
    user_has_unit_role,
)

# (window, most comments a person may post in it). Counted in the database, so
# the limit holds across processes and restarts.
COMMENT_RATE_LIMITS = [
    (timedelta(minutes=10), 5),
    (timedelta(days=1), 30),
]


def clean_comment_body(body: str) -> str:
    """The comment as it will be stored: line breaks normalised (browsers send
    CRLF but count one character), outer white space removed. Raises
    ``ServiceError`` when it is empty, too short or too long. HTML is kept as typed;
    templates always show it escaped."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise ServiceError(_("Write your comment before sending it."))
    if len(body) < COMMENT_MIN_LENGTH:
        raise ServiceError(
            _("A comment needs at least %(min)d characters.")
            % {"min": COMMENT_MIN_LENGTH}
        )
    if len(body) > COMMENT_MAX_LENGTH:
        raise ServiceError(
            _("A comment can have at most %(max)d characters; yours has %(count)d.")
            % {"max": COMMENT_MAX_LENGTH, "count": len(body)}
        )
    return body


def _require_signed_in(user) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise ServiceError(_("Sign in first."))


def require_can_comment(*, user: User, now) -> None:
    """Signed in, with a verified email address or mobile number, with a verified
    mobile number where the site requires one (real name behind the scenes),
    without an active commenting ban: what every comment (on a consultation or a
    pledge, including a report that a pledge is not kept) needs."""
    _require_signed_in(user)
    if not has_verified_contact(user):
        raise ServiceError(
            _("Verify your email address before commenting: see My account.")
        )
    require_verified_phone(user)
    ban = active_commenting_ban(user, now=now)
    if ban is not None:
        if ban.until:
            raise ServiceError(
                _("A moderator has blocked you from commenting until %(date)s.")
                % {"date": formats.date_format(ban.until, "DATETIME_FORMAT")}
            )
        raise ServiceError(_("A moderator has blocked you from commenting."))


def check_rate_limit(*, user: User, now) -> None:
    """Refuses a comment over ``COMMENT_RATE_LIMITS`` (all the person's comments,
    on consultations and pledges alike). Locks the person's row first."""
    # Serialise one person's comments (PostgreSQL row lock; SQLite's IMMEDIATE
    # transactions already serialise writers), so that parallel posts cannot
    # all slip under the rate limit.
    User.objects.select_for_update().filter(pk=user.pk).exists()
    for window, most in COMMENT_RATE_LIMITS:
        recent = Comment.objects.filter(
            author=user, created_at__gt=now - window
        ).count()
        if recent >= most:
            if window < timedelta(days=1):
                raise ServiceError(
                    _(
                        "You can post at most %(count)d comments in %(minutes)d "
                        "minutes. Please wait a little and send it again."
                    )
                    % {"count": most, "minutes": window.seconds // 60}
                )
            raise ServiceError(
                _(
                    "You can post at most %(count)d comments a day. Please come back "
                    "tomorrow."
                )
                % {"count": most}
            )


@transaction.atomic
def comment_create(
    *,
    user: User,
    consultation: ConsultationPage,
    body: str,
    clause_id: str = "",
    show_masked_name: bool = False,
) -> Comment:
    """A resident comments on the whole text or on one clause.

    Allowed for a signed-in user with a verified email address, without an active
    commenting ban, while the consultation is open, within the rate limits
    (``COMMENT_RATE_LIMITS``). The comment waits for a moderator (PENDING) on a
    pre-moderated consultation, or when it contains one of the staff's sensitive
    words (``held_words`` lists them, the log says so), and is published at once
    otherwise; it is due for
    an answer by the consultation's reply deadline."""
    now = timezone.now()
    require_can_comment(user=user, now=now)
    if consultation.phase_at(now) != Phase.OPEN:
        raise ServiceError(_("This consultation is not open for comments."))
    body = clean_comment_body(body)
    clause_id = (clause_id or "").strip()
    if clause_id and clause_id not in {c["id"] for c in consultation.clause_list}:
        raise ServiceError(_("That clause is not part of this consultation."))
    check_rate_limit(user=user, now=now)
    held_words = sensitive_words_in(body)
    comment = Comment.objects.create(
        consultation=consultation,
        clause_id=clause_id,
        author=user,
        body=body,
        show_masked_name=bool(show_masked_name),
        status=Comment.Status.PENDING
        if consultation.is_pre_moderated or held_words
        else Comment.Status.PUBLISHED,
        held_words=held_words,
        due_at=consultation.reply_due_for(now),
    )
    log_held(comment)
    return comment


def log_held(comment: Comment) -> None:
    """A comment held for sensitive words gets a line in the moderation log
    naming them (its author is told by the page; nothing is dropped)."""
    if not comment.held_words:
        return
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Held for review: contains %(words)s") % {
            "words": "、".join(comment.held_words)
        }
    ModerationDecision.objects.create(
        comment=comment,
        moderator=None,
        action=ModerationDecision.Action.HOLD,
        reason=reason[:500],
    )


@transaction.atomic
def comment_support(*, user: User, comment: Comment) -> CommentSupport:
    """附议: a verified resident supports someone else's published comment while
    the consultation is open, once. The unique constraint refuses a second
    support even from parallel requests; the counter moves only with the row."""
    _require_signed_in(user)
    if comment.author_id == user.pk:
        raise ServiceError(_("You cannot support your own comment."))
    if comment.status != Comment.Status.PUBLISHED:
        raise ServiceError(_("This comment cannot be supported."))
    if not has_verified_contact(user):
        raise ServiceError(
            _("Verify your email address before supporting comments: see My account.")
        )
    if comment.consultation_id and comment.consultation.phase != Phase.OPEN:
        raise ServiceError(
            _("This consultation is closed; comments can no longer be supported.")
        )
    try:
        with transaction.atomic():
            support = CommentSupport.objects.create(comment=comment, user=user)
    except IntegrityError as error:
        raise ServiceError(_("You have already supported this comment.")) from error
    Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
    return support


def _flag_limit(*, user: User, request) -> None:
    """At most ``CANYU_RATE_LIMITS["comment_flag"]`` reports per account (and
    address), counted in the shared cache."""
    try:
        enforce("comment_flag", user=user, request=request)
    except LimitReached as error:
        rate = settings.CANYU_RATE_LIMITS["comment_flag"].get("user", "")
        count, _slash, period = rate.partition("/")
        if period == "d" and count.isdigit():
            raise LimitReached(
                _("You can report at most %(count)d comments a day.")
                % {"count": int(count)}
                + " "
                + str(error),
                seconds_left=error.seconds_left,
            ) from error
        raise


@transaction.atomic
def comment_flag(
    *, user: User, comment: Comment, reason: str, note: str = "", request=None
) -> CommentFlag:
    """Anyone signed in reports someone else's published comment, once, with a
    reason, within the daily limit of reports (``home.limits``, "comment_flag").

    A report from a member of the unit the comment is about is kept (the
    moderator sees it) but does not count toward the threshold. Every comment is
    feedback about a unit (its consultation's or its pledge's), so reports alone
    never hide it: when the counted reports reach the threshold the comment is
    sent to the moderators (``review_requested_at``, one line in the moderation
    log, exactly once thanks to the conditional update) and stays visible until
    a moderator decides."""
    _require_signed_in(user)
    if reason not in CommentFlag.Reason.values:
        raise ServiceError(_("Choose why you are reporting this comment."))
    if comment.author_id == user.pk:
        raise ServiceError(_("You cannot report your own comment."))
    if comment.status != Comment.Status.PUBLISHED:
        raise ServiceError(_("This comment is already being reviewed."))
    if CommentFlag.objects.filter(comment=comment, user=user).exists():
        raise ServiceError(_("You have already reported this comment."))
    _flag_limit(user=user, request=request)
    target = comment.target
    counted = not user_has_unit_role(user, target.unit_id)
    try:
        with transaction.atomic():
            flag = CommentFlag.objects.create(
                comment=comment,
                user=user,
                reason=reason,
                note=(note or "")[:200],
                counted=counted,
            )
    except IntegrityError as error:
        raise ServiceError(_("You have already reported this comment.")) from error
    if not counted:
        return flag
    Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    threshold = target.flag_threshold
    escalated = Comment.objects.filter(
        pk=comment.pk,
        status=Comment.Status.PUBLISHED,
        review_requested_at__isnull=True,
        flag_count__gte=threshold,
    ).update(review_requested_at=timezone.now())
    if escalated:
        # The log is read by moderators in the site's language, whoever flagged.
        with translation.override(settings.LANGUAGE_CODE):
            log_reason = _(
                "Reported by %(count)d people (the threshold): it stays visible "
                "until a moderator decides."
            ) % {"count": threshold}
        ModerationDecision.objects.create(
            comment=comment,
            moderator=None,
            action=ModerationDecision.Action.ESCALATE,
            reason=log_reason,
        )
    return flag
