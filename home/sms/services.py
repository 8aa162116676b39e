"""The SMS outbox: every text is stored as an ``OutboundSms`` row and delivered by
a Celery task once the surrounding transaction commits, as email is
(home/services/outbox.py). Parameters (codes) are never logged."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

import phonenumbers

from home.models import OutboundSms
from home.phone import mask_phone
from home.sms.backends import (
    SmsMessage,
    SmsPermanentError,
    SmsTransientError,
    sms_backend,
)
from home.sms.kinds import sms_kind, sms_params_clean

logger = logging.getLogger(__name__)
Status = OutboundSms.Status


def _e164(to: str) -> str:
    try:
        number = phonenumbers.parse(to, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError("An SMS needs a valid phone number (E.164, +86…).")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def send_sms(
    *,
    to: str,
    kind: str,
    params: dict[str, str],
    erase_after_delivery: bool = False,
) -> OutboundSms:
    """Store a text in the outbox and deliver it in the background once the
    surrounding transaction commits (a rolled-back action sends nothing).
    ``kind`` is one of home/sms/kinds.py (ValueError otherwise) and ``params``
    exactly its parameters. With ``erase_after_delivery`` the parameters are
    emptied as soon as the text is delivered (verification codes)."""
    from home.sms.tasks import sms_deliver

    registered = sms_kind(kind)
    sms = OutboundSms.objects.create(
        to=_e164(to),
        kind=registered.name,
        params=sms_params_clean(registered, params),
        erase_after_delivery=erase_after_delivery,
    )
    logger.info("SMS %s (%s) queued for %s", sms.pk, kind, mask_phone(sms.to))
    sms_deliver.delay_on_commit(sms.pk)
    return sms


def _finish(sms_id: int, *, erase: bool, **fields) -> None:
    if erase:
        fields["params"] = {}
    OutboundSms.objects.filter(pk=sms_id, status=Status.SENDING).update(**fields)


def sms_deliver(*, sms_id: int) -> bool:
    """Deliver one queued text, at most once. The row is claimed by a
    conditional UPDATE (queued → sending): a second task for the same text,
    running at the same time or later, finds nothing to claim and returns
    False. A transient error puts the row back in the queue and is raised (the
    task retries); a permanent one marks it failed. A text older than its
    kind's ``deliver_within`` (a code that expired while queued) is not sent."""
    now = timezone.now()
    claimed = OutboundSms.objects.filter(pk=sms_id, status=Status.QUEUED).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    sms = OutboundSms.objects.get(pk=sms_id)
    kind = sms_kind(sms.kind)
    erase = sms.erase_after_delivery
    if kind.deliver_within and sms.created_at < now - kind.deliver_within:
        _finish(
            sms_id,
            erase=erase,
            status=Status.FAILED,
            last_error="Expired before delivery: not sent.",
        )
        logger.warning("SMS %s expired before delivery", sms_id)
        return False
    message = SmsMessage(id=sms.pk, to=sms.to, kind=kind, params=sms.params)
    try:
        provider_id = sms_backend().send(message)
    except SmsPermanentError as error:
        _finish(sms_id, erase=erase, status=Status.FAILED, last_error=str(error)[:2000])
        logger.warning("SMS %s refused by the provider: %s", sms_id, error)
        return False
    except (SmsTransientError, OSError) as error:
        OutboundSms.objects.filter(pk=sms_id, status=Status.SENDING).update(
            status=Status.QUEUED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        logger.warning("SMS %s not delivered yet, will retry: %s", sms_id, error)
        raise
    except Exception as error:
        # Unknown: whether it left is unclear, so it is not sent again.
        _finish(
            sms_id,
            erase=erase,
            status=Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    _finish(
        sms_id,
        erase=erase,
        status=Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        provider_message_id=str(provider_id)[:100],
    )
    logger.info("SMS %s (%s) delivered to %s", sms_id, kind.name, mask_phone(sms.to))
    return True


def sms_mark_failed(*, sms_id: int) -> None:
    """Give up on a text after its last retry."""
    OutboundSms.objects.filter(pk=sms_id, status=Status.QUEUED).update(
        status=Status.FAILED
    )
    OutboundSms.objects.filter(
        pk=sms_id, status=Status.FAILED, erase_after_delivery=True
    ).update(params={})


def sms_requeue_stalled(*, older_than: timedelta | None = None) -> int:
    """Queue again texts still waiting after ``older_than`` (a lost broker
    message). A text left "sending" that long belonged to a worker that died
    mid-send: whether it left is unknown, so it is marked failed rather than
    risk sending it twice. Returns how many were queued again."""
    from home.sms.tasks import sms_deliver

    if older_than is None:
        older_than = timedelta(minutes=settings.CANYU_SMS_STALLED_MINUTES)
    cutoff = timezone.now() - older_than
    OutboundSms.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff).update(
        status=Status.FAILED, last_error="Interrupted while sending: not sent again."
    )
    ids = list(
        OutboundSms.objects.filter(
            status=Status.QUEUED, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    )
    for sms_id in ids:
        sms_deliver.delay(sms_id)
    return len(ids)
