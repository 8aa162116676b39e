"""Reminders of official replies: before the due date, a digest to each unit's
responders; after it, a digest to the moderators. Run by the Celery tasks in
consultations/tasks.py; each comment is reminded (and reported overdue) once, so a
task that runs twice sends nothing twice.

Emails go through the outbox, so they leave only once the transaction commits."""

from datetime import timedelta

from django.db import transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment, answer_rate_counted
from consultations.services.replies import (
    absolute_url,
    answer_url,
    comment_public_url,
    reply_email_send,
)
from home.emails import email_language
from home.models import Unit, UnitMembership, User

REMINDER_WINDOW = timedelta(days=3)
DIGEST_MAX_ITEMS = 100
MODERATORS_GROUP = "Moderators"


def _unanswered():
    # Owed an answer: hidden comments too, until a moderator confirms a violation.
    return Comment.objects.filter(answer_rate_counted(), reply__isnull=True)


def _claim(*, ids: list[int], field: str) -> list[Comment]:
    """Mark the comments as notified with a conditional UPDATE on the comment table
    alone, and return only those this run marked: a second (or concurrent) run
    finds them marked and sends nothing for them."""
    stamp = timezone.now()
    Comment.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(
        **{field: stamp}
    )
    return list(
        Comment.objects.filter(pk__in=ids, **{field: stamp})
        .select_related("consultation", "consultation__unit", "pledge", "pledge__unit")
        .order_by("due_at", "pk")
    )


def _digest_items(comments: list[Comment], *, link) -> list[dict]:
    return [
        {
            "comment": comment,
            "unit": comment.target.unit,
            "consultation": comment.target,
            "clause_label": comment.target.clause_label(comment.clause_id),
            "link": link(comment),
        }
        for comment in comments[:DIGEST_MAX_ITEMS]
    ]


def reply_reminders_send(*, now=None) -> int:
    """Remind each unit's responders, in one digest per unit, of the unanswered
    published comments due within the next three days that have not been reminded
    yet. Safe to run twice: each comment is reminded once. Returns the number of
    digests sent. A unit without responders is skipped and tried again next run."""
    now = now or timezone.now()
    due_soon = _unanswered().filter(
        reminder_sent_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + REMINDER_WINDOW,
    )
    by_unit: dict[int, list[int]] = {}
    for comment_id, unit_id in due_soon.annotate(
        target_unit_id=Coalesce("consultation__unit_id", "pledge__unit_id")
    ).values_list("pk", "target_unit_id"):
        by_unit.setdefault(unit_id, []).append(comment_id)
    sent = 0
    for unit in Unit.objects.filter(pk__in=by_unit).order_by("name"):
        sent += _remind_unit(unit=unit, comment_ids=by_unit[unit.pk])
    return sent


@transaction.atomic
def _remind_unit(*, unit: Unit, comment_ids: list[int]) -> int:
    recipients = list(
        User.objects.filter(
            is_active=True,
            unit_memberships__unit=unit,
            unit_memberships__role=UnitMembership.Role.RESPONDER,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    comments = _claim(ids=comment_ids, field="reminder_sent_at")
    if not comments:
        return 0
    reply_email_send(
        template="reply_reminder",
        context={
            "unit": unit,
            "count": len(comments),
            "items": _digest_items(comments, link=answer_url),
            "more": max(0, len(comments) - DIGEST_MAX_ITEMS),
            "dashboard_link": _absolute_dashboard(),
        },
        to=recipients,
    )
    return 1


@transaction.atomic
def reply_overdue_notices_send(*, now=None) -> int:
    """Tell the moderators, in one digest, of the unanswered published comments
    past their due date that they have not been told about yet. Safe to run twice.
    Returns the number of digests sent (0 or 1)."""
    now = now or timezone.now()
    recipients = list(
        User.objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    ids = list(
        _unanswered()
        .filter(overdue_notice_sent_at__isnull=True, due_at__lt=now)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    comments = _claim(ids=ids, field="overdue_notice_sent_at")
    if not comments:
        return 0
    reply_email_send(
        template="reply_overdue",
        context={
            "count": len(comments),
            "unit_count": len({comment.target.unit_id for comment in comments}),
            "items": _digest_items(comments, link=comment_public_url),
            "more": max(0, len(comments) - DIGEST_MAX_ITEMS),
        },
        to=recipients,
    )
    return 1


def _absolute_dashboard() -> str:
    with email_language():
        return absolute_url(reverse("consultations:respond_dashboard"))
