"""Delivering texts in the background. Thin: load by id, call a service; safe to
run twice (the service claims the row before sending)."""

from celery import shared_task

from home.sms import services
from home.sms.backends import SmsTransientError

SMS_MAX_RETRIES = 6


@shared_task(
    bind=True,
    autoretry_for=(SmsTransientError, OSError),
    retry_backoff=15,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=SMS_MAX_RETRIES,
)
def sms_deliver(self, sms_id: int) -> bool:
    if self.request.retries >= SMS_MAX_RETRIES:
        try:
            return services.sms_deliver(sms_id=sms_id)
        except Exception:
            services.sms_mark_failed(sms_id=sms_id)
            raise
    return services.sms_deliver(sms_id=sms_id)


@shared_task
def sms_requeue_stalled() -> int:
    return services.sms_requeue_stalled()
