"""Background jobs of consultations. Thin: each calls a service. Every task is
idempotent, because a task can run twice (late acks, a broker redelivering)."""

from celery import shared_task

from consultations.services.reply_reminders import (
    reply_overdue_notices_send,
    reply_reminders_send,
)


@shared_task
def reply_reminders() -> int:
    """Digest to each unit's responders of comments due within three days."""
    return reply_reminders_send()


@shared_task
def reply_overdue_notices() -> int:
    """Digest to the moderators of comments past their due date, unanswered."""
    return reply_overdue_notices_send()
