"""What the site keeps and what error reports show, part of the base settings."""

import environ

env = environ.Env()

# Delivered emails are deleted this many days after delivery (the daily job
# home.tasks.email_purge_delivered); once delivered they already keep no
# one-time link (home.mail.payload_without_one_time_links).
CANYU_OUTBOX_RETENTION_DAYS = env.int("CANYU_OUTBOX_RETENTION_DAYS", default=30)

# Accounts that never verified an address nor signed in are deleted this many
# days after signing up (home.retention.accounts_unverified_delete), unless they
# hold anything beyond their sign-up.
CANYU_UNVERIFIED_ACCOUNT_RETENTION_DAYS = env.int(
    "CANYU_UNVERIFIED_ACCOUNT_RETENTION_DAYS", default=30
)

# The retention jobs (README, "Personal data inventory"), added to base.py's
# CELERY_BEAT_SCHEDULE. Delivered emails and expired sessions have theirs there.
RETENTION_BEAT_SCHEDULE = {
    "accounts-unverified-delete": {
        "task": "home.tasks.accounts_unverified_delete",
        "schedule": 24 * 60 * 60,
    },
    "one-time-codes-delete-expired": {
        "task": "home.tasks.one_time_codes_delete_expired",
        "schedule": 24 * 60 * 60,
    },
    "inbox-purge-old": {
        "task": "home.tasks.inbox_purge_old",
        "schedule": 24 * 60 * 60,
    },
}

# Site inbox messages (站内信) are deleted this many days after they were sent
# (home.tasks.inbox_purge_old), read or not: each points at a page that keeps
# the lasting record (the comment, the sign-up, the certificate).
CANYU_INBOX_RETENTION_DAYS = env.int("CANYU_INBOX_RETENTION_DAYS", default=365)

# Error reports (emails to ADMINS, logs) never show passwords, phone numbers, ID
# numbers, codes or tokens, whatever view they come from.
# https://docs.djangoproject.com/en/5.2/ref/settings/#default-exception-reporter-filter
DEFAULT_EXCEPTION_REPORTER_FILTER = "home.error_reports.PersonalDataReporterFilter"

# The personal data access log (home/access_log/) keeps who looked at whose data
# this many days (three years by default), then the daily job
# home.tasks.access_log_purge deletes the older rows.
CANYU_ACCESS_LOG_RETENTION_DAYS = env.int(
    "CANYU_ACCESS_LOG_RETENTION_DAYS", default=3 * 365
)
# Accounts whose closure grace period is over are anonymised by this job
# (home/account_closure/); base.py adds it to CELERY_BEAT_SCHEDULE.
ACCOUNT_CLOSURE_BEAT_SCHEDULE = {
    "account-closures-process": {
        "task": "home.tasks.account_closures_process",
        "schedule": 60 * 60,
    },
}
