"""The 12319 hotline (consultations/hotline): its scheduled jobs and knobs.
Imported by base.py, which adds the jobs to CELERY_BEAT_SCHEDULE."""

_MINUTE = 60

HOTLINE_BEAT_SCHEDULE = {
    "hotline-reminders": {
        "task": "consultations.hotline.tasks.hotline_reminders",
        "schedule": 5 * _MINUTE,
    },
    "hotline-escalations": {
        "task": "consultations.hotline.tasks.hotline_escalations",
        "schedule": 5 * _MINUTE,
    },
    "hotline-auto-close": {
        "task": "consultations.hotline.tasks.hotline_auto_close",
        "schedule": 60 * _MINUTE,
    },
}

# How long before a deadline the handling unit is reminded, by tier (minutes).
HOTLINE_REMIND_BEFORE_MINUTES = {"urgent": 20, "normal": 4 * 60, "complex": 24 * 60}
