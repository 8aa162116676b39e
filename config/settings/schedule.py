"""The scheduled jobs (Celery beat): one entry per job, each safe to run twice.
Imported by base.py; a part of the platform with its own settings module may add
its entries there (``CELERY_BEAT_SCHEDULE |= …`` in base.py)."""

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR

CELERY_BEAT_SCHEDULE = {
    "email-requeue-stalled": {
        "task": "home.tasks.email_requeue_stalled",
        "schedule": 5 * _MINUTE,
    },
    "email-purge-delivered": {
        "task": "home.tasks.email_purge_delivered",
        "schedule": _DAY,
    },
    # Text messages (home/sms/): lost ones queued again, and after
    # CANYU_SMS_RETENTION_DAYS no parameters (codes) kept, delivered rows deleted.
    "sms-requeue-stalled": {
        "task": "home.sms.tasks.sms_requeue_stalled",
        "schedule": 5 * _MINUTE,
    },
    "sms-outbox-purge": {
        "task": "home.tasks.sms_outbox_purge",
        "schedule": _DAY,
    },
    "sessions-clear-expired": {
        "task": "home.tasks.sessions_clear_expired",
        "schedule": _DAY,
    },
    "access-log-purge": {
        "task": "home.tasks.access_log_purge",
        "schedule": _DAY,
    },
    "consultations-reply-reminders": {
        "task": "consultations.tasks.reply_reminders",
        "schedule": _HOUR,
    },
    "consultations-reply-overdue-notices": {
        "task": "consultations.tasks.reply_overdue_notices",
        "schedule": _HOUR,
    },
    "pledge-report-reminders": {
        "task": "home.tasks.pledge_report_reminders",
        "schedule": 6 * _HOUR,
    },
    "volunteers-shift-reminders": {
        "task": "volunteers.tasks.shift_reminders",
        "schedule": _HOUR,
    },
    "volunteers-close-forgotten-checkouts": {
        "task": "volunteers.tasks.close_forgotten_checkouts",
        "schedule": 15 * _MINUTE,
    },
    "volunteers-certificates-render-missing": {
        "task": "volunteers.tasks.certificates_render_missing",
        "schedule": 15 * _MINUTE,
    },
    # The team leaderboard's rollup recomputed from the members' totals: a
    # repair for changes made outside the ledger and the membership services.
    "volunteers-team-totals-refresh": {
        "task": "volunteers.tasks.team_totals_refresh",
        "schedule": _HOUR,
    },
}
