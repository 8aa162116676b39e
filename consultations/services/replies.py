"""Official replies: a responder of the issuing unit answers a comment (singly or in
bulk from a saved template) and the commenter is told; the units' saved replies.
The scheduled reminders and overdue notices are in reply_reminders.py.

Every write runs in a transaction; a refusal raises ``ServiceError`` (or
``PermissionDenied``) with a message for the user, and nothing is half-saved.
Emails go through the outbox, so they leave only once the transaction commits."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations.models import (
    Comment,
    OfficialReply,
    Outcome,
    ReplyTemplate,
    answer_rate_counted,
)
from consultations.selectors.replies import user_can_answer_for_unit
from home.emails import email_language, email_send
from home.exceptions import ServiceError
from home.inbox import notify_with_email_templates
from home.models import Unit, User

REPLY_BODY_MAX_LENGTH = OfficialReply._meta.get_field("body").max_length
REPLY_REASON_MAX_LENGTH = OfficialReply._meta.get_field("reason").max_length
BULK_MAX_COMMENTS = 200


# Rules ------------------------------------------------------------------------


def require_responder(*, user: User, unit: Unit) -> None:
    if user_can_answer_for_unit(user=user, unit_id=unit.pk):
        return
    message = _(
        "Only the responders of %(unit)s can answer comments on its consultations."
    )
    raise PermissionDenied(message % {"unit": unit.name})


def _clean_reply(*, outcome: str, body: str, reason: str) -> tuple[str, str, str]:
    """The content rules of a reply (and of a reply template)."""
    body = (body or "").strip()
    reason = (reason or "").strip()
    if outcome not in Outcome.values:
        raise ServiceError(_("Choose an outcome."))
    if not body:
        raise ServiceError(_("Write the reply."))
    if len(body) > REPLY_BODY_MAX_LENGTH:
        raise ServiceError(
            _("The reply is too long: at most %(max)d characters.")
            % {"max": REPLY_BODY_MAX_LENGTH}
        )
    if len(reason) > REPLY_REASON_MAX_LENGTH:
        raise ServiceError(
            _("The reason is too long: at most %(max)d characters.")
            % {"max": REPLY_REASON_MAX_LENGTH}
        )
    if outcome == Outcome.NOT_ADOPTED and not reason:
        raise ServiceError(_("Give the reason why the suggestion is not adopted."))
    return outcome, body, reason


# Emails -----------------------------------------------------------------------


def absolute_url(path: str) -> str:
    """The site's address of ``path``, for links in emails."""
    return settings.CANYU_BASE_URL + path


def reply_email_send(*, template: str, context: dict, to: list[str]) -> None:
    """Send consultations/emails/<template>_subject.txt and _body.txt through the
    outbox (it leaves once the transaction commits)."""
    email_send(
        to=to,
        subject_template=f"consultations/emails/{template}_subject.txt",
        template=f"consultations/emails/{template}_body.txt",
        context=context,
    )


def comment_public_url(comment: Comment) -> str:
    """The comment on its public page, in the emails' language."""
    with email_language():
        parts = comment.target.get_url_parts()
    path = parts[2] if parts else "/"
    return absolute_url(f"{path}#comment-{comment.pk}")


def answer_url(comment: Comment) -> str:
    """The responders' answer page of the comment, in the emails' language."""
    with email_language():
        return absolute_url(reverse("consultations:respond_comment", args=[comment.pk]))


def _notify_commenter(*, reply: OfficialReply, updated: bool) -> None:
    comment = reply.comment
    author = comment.author
    if author is None or not author.is_active:
        return
    consultation = comment.target
    link = comment_public_url(comment)
    notify_with_email_templates(
        user=author,
        kind="reply_to_comment",
        template="consultations/emails/reply_notice",
        url=link,
        context={
            "name": author.get_full_name(),
            "comment": comment,
            "consultation": consultation,
            "clause_label": consultation.clause_label(comment.clause_id),
            "unit": consultation.unit,
            "reply": reply,
            "updated": updated,
            "link": link,
        },
    )


# Answering --------------------------------------------------------------------


def _save_reply(
    *, comment: Comment, responder: User, outcome: str, body: str, reason: str
) -> OfficialReply:
    reply, created = OfficialReply.objects.update_or_create(
        comment=comment,
        defaults={
            "responder": responder,
            "outcome": outcome,
            "body": body,
            "reason": reason,
        },
    )
    reply.comment = comment
    _notify_commenter(reply=reply, updated=not created)
    return reply


@transaction.atomic
def reply_create(
    *, responder: User, comment: Comment, outcome: str, body: str, reason: str = ""
) -> OfficialReply:
    """Answer a published comment with an outcome and a text.

    Only the responders of the consultation's issuing unit (and superusers) may; a
    reason is required when the suggestion is not adopted. A comment has one reply:
    answering it again updates that reply (``updated_at`` records when). The
    commenter is emailed the outcome, the reply and a link to the comment."""
    require_responder(user=responder, unit=comment.target.unit)
    owed = (
        Comment.objects.select_for_update()
        .filter(answer_rate_counted(), pk=comment.pk)
        .exists()
    )
    if not owed:
        raise ServiceError(
            _(
                "This comment is awaiting moderation or was removed for breaking "
                "the rules: it cannot be answered."
            )
        )
    outcome, body, reason = _clean_reply(outcome=outcome, body=body, reason=reason)
    return _save_reply(
        comment=comment, responder=responder, outcome=outcome, body=body, reason=reason
    )


@transaction.atomic
def reply_bulk(
    *,
    responder: User,
    comments,
    template: ReplyTemplate | None = None,
    outcome: str = "",
    body: str = "",
    reason: str = "",
) -> int:
    """Answer several comments (ids) with one reply: a saved template of the unit,
    or the outcome, body and reason given. All or nothing: every comment must be
    published and belong to a consultation of the same unit (the template's unit),
    of which ``responder`` is a responder. Returns how many were answered."""
    try:
        ids = sorted({int(pk) for pk in comments})
    except (TypeError, ValueError) as error:
        raise ServiceError(_("The selection is not valid.")) from error
    if not ids:
        raise ServiceError(_("Select at least one comment."))
    if len(ids) > BULK_MAX_COMMENTS:
        raise ServiceError(
            _("Answer at most %(max)d comments at a time.") % {"max": BULK_MAX_COMMENTS}
        )
    if template is not None:
        require_responder(user=responder, unit=template.unit)
        outcome, body, reason = template.outcome, template.body, template.reason
    outcome, body, reason = _clean_reply(outcome=outcome, body=body, reason=reason)

    rows = list(
        Comment.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related(
            "consultation", "consultation__unit", "pledge", "pledge__unit", "author"
        )
        .order_by("pk")
    )
    if len(rows) != len(ids):
        raise ServiceError(
            _("Some of the selected comments no longer exist. Nothing was answered.")
        )
    units = {row.target.unit_id: row.target.unit for row in rows}
    for unit in units.values():
        require_responder(user=responder, unit=unit)
    if template is not None and set(units) != {template.unit_id}:
        raise ServiceError(
            _(
                "The templates of %(unit)s answer only comments on its own "
                "consultations. Nothing was answered."
            )
            % {"unit": template.unit.name}
        )
    if len(units) > 1:
        raise ServiceError(
            _(
                "All the selected comments must be on consultations of the same "
                "unit. Nothing was answered."
            )
        )
    owed = set(
        Comment.objects.filter(answer_rate_counted(), pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    for row in rows:
        if row.pk not in owed:
            raise ServiceError(
                _(
                    "Comment %(number)d is not published and cannot be answered. "
                    "Nothing was answered."
                )
                % {"number": row.pk}
            )
    for row in rows:
        _save_reply(
            comment=row, responder=responder, outcome=outcome, body=body, reason=reason
        )
    return len(rows)


# Reply templates --------------------------------------------------------------


@transaction.atomic
def reply_template_save(
    *,
    user: User,
    unit: Unit,
    title: str,
    outcome: str,
    body: str,
    reason: str = "",
    template: ReplyTemplate | None = None,
) -> ReplyTemplate:
    """Create a unit's saved reply, or change ``template``. Only the unit's
    responders may; titles are unique within a unit."""
    require_responder(user=user, unit=unit)
    if template is not None and template.unit_id != unit.pk:
        require_responder(user=user, unit=template.unit)
    title = (title or "").strip()
    if not title:
        raise ServiceError(_("Give the template a title."))
    outcome, body, reason = _clean_reply(outcome=outcome, body=body, reason=reason)
    template = template or ReplyTemplate()
    template.unit = unit
    template.title = title
    template.outcome = outcome
    template.body = body
    template.reason = reason
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError as error:
        raise ServiceError(
            _("This unit already has a template with this title.")
        ) from error
    return template


@transaction.atomic
def reply_template_delete(*, user: User, template: ReplyTemplate) -> None:
    """Delete a saved reply; replies already given with it stay."""
    require_responder(user=user, unit=template.unit)
    template.delete()
