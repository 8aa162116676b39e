"""Background jobs of the shared core. Thin: load by id, call a service.
Every task is idempotent, because a task can run twice."""

from smtplib import SMTPException

from django.core.management import call_command

from celery import shared_task

from home import retention
from home.services import outbox

EMAIL_MAX_RETRIES = 8


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, OSError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=EMAIL_MAX_RETRIES,
)
def email_deliver(self, outbound_id: int) -> bool:
    if self.request.retries >= EMAIL_MAX_RETRIES:
        try:
            return outbox.email_deliver(outbound_id=outbound_id)
        except Exception:
            outbox.email_mark_failed(outbound_id=outbound_id)
            raise
    return outbox.email_deliver(outbound_id=outbound_id)


@shared_task
def email_requeue_stalled() -> int:
    return outbox.email_requeue_stalled()


@shared_task
def email_purge_delivered() -> int:
    return outbox.email_purge_delivered()


@shared_task
def sessions_clear_expired() -> None:
    call_command("clearsessions")


@shared_task
def accounts_unverified_delete() -> int:
    return retention.accounts_unverified_delete()


@shared_task
def sms_outbox_purge() -> int:
    return retention.sms_outbox_purge()


@shared_task
def one_time_codes_delete_expired() -> int:
    return retention.email_confirmations_delete_expired()


@shared_task
def inbox_purge_old() -> int:
    return retention.inbox_messages_delete_old()


@shared_task
def pledge_report_reminders() -> int:
    from home.pledges.services import pledge_report_reminders_send

    return pledge_report_reminders_send()


@shared_task
def access_log_purge() -> int:
    from home.access_log import access_records_purge

    return access_records_purge()


@shared_task
def account_closures_process() -> int:
    """Anonymise the accounts whose closure grace period is over."""
    from home.account_closure.services import account_closures_process

    return account_closures_process()


# Registered here, where Celery looks for home's tasks.
from home.data_export.tasks import (  # noqa: E402, F401
    data_export_build,
    data_exports_expire,
)
from home.sms.tasks import sms_deliver, sms_requeue_stalled  # noqa: E402, F401


@shared_task
def open_data_publish() -> int:
    """The nightly open-data files (home.open_data.publish); runs twice safely."""
    from home.open_data.publish import open_data_publish as publish

    return len(publish())
