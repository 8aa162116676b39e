"""The outbox: every email the site sends is stored as an ``OutboundEmail`` row and
delivered by a Celery task once the surrounding transaction commits."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from home.mail import (
    ERASE_AFTER_DELIVERY_HEADER,
    payload_to_message,
    payload_without_one_time_links,
)
from home.models import OutboundEmail


def email_enqueue(*, payload: dict) -> OutboundEmail:
    """Store a message in the outbox and deliver it in the background once the
    surrounding transaction commits (so the worker never sees a missing row and a
    rolled-back action sends nothing)."""
    from home.tasks import email_deliver

    email = OutboundEmail.objects.create(
        subject=payload["subject"][:300],
        to=payload["to"] + payload["cc"] + payload["bcc"],
        payload=payload,
    )
    email_deliver.delay_on_commit(email.pk)
    return email


def email_deliver(*, outbound_id: int) -> bool:
    """Deliver one queued message. Returns False, doing nothing, when it was already
    sent (a task that runs twice sends once): the row is locked while sending.
    A delivery error is recorded on the row and raised again so that the task
    retries."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=outbound_id, status=OutboundEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            connection = get_connection(settings.CANYU_EMAIL_DELIVERY_BACKEND)
            payload_to_message(email.payload, connection).send()
        except Exception as error:
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            delivery_error = error
        else:
            if ERASE_AFTER_DELIVERY_HEADER in email.payload.get("headers", {}):
                email.delete()
                return True
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            # Once delivered, the stored copy keeps no confirmation, reset or
            # calendar link: anyone reading the outbox could otherwise use them.
            email.payload = payload_without_one_time_links(email.payload)
            email.save(
                update_fields=["attempts", "status", "sent_at", "last_error", "payload"]
            )
            return True
    raise delivery_error


def email_mark_failed(*, outbound_id: int) -> None:
    """Give up on a message after its last retry; staff see it in the outbox."""
    OutboundEmail.objects.filter(
        pk=outbound_id, status=OutboundEmail.Status.QUEUED
    ).update(status=OutboundEmail.Status.FAILED)


def email_requeue_stalled(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again messages still waiting after ``older_than`` (a lost broker
    message, a worker that died). Delivery is idempotent, so a duplicate is harmless."""
    from home.tasks import email_deliver

    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED,
            created_at__lt=timezone.now() - older_than,
        ).values_list("pk", flat=True)[:500]
    )
    for outbound_id in ids:
        email_deliver.delay(outbound_id)
    return len(ids)


def email_purge_delivered(*, older_than: timedelta | None = None) -> int:
    """Delete delivered messages ``older_than`` after delivery (default
    ``settings.CANYU_OUTBOX_RETENTION_DAYS``): they still hold names, addresses
    and what was said. Queued and failed messages are kept (staff see them)."""
    if older_than is None:
        older_than = timedelta(days=settings.CANYU_OUTBOX_RETENTION_DAYS)
    deleted, _details = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENT, sent_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
