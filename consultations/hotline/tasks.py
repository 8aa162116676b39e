"""The hotline's scheduled jobs (config/settings/hotline.py): thin, each
calling a service that is safe to run twice."""

from celery import shared_task

from .services import escalate_overdue, requests_auto_close, send_reminders


@shared_task
def hotline_reminders():
    """Remind handling units before their deadlines (once per deadline)."""
    return send_reminders()


@shared_task
def hotline_escalations():
    """Escalate overdue requests: district platform, then city (once each)."""
    return escalate_overdue()


@shared_task
def hotline_auto_close():
    """Close answered requests not rated within 7 days."""
    return requests_auto_close()
