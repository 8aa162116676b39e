"""Download my data (home/data_export/), part of the base settings."""

import environ

env = environ.Env()

# A finished export is kept this many days, then its file is deleted by the
# scheduled job home.data_export.tasks.data_exports_expire (and the row marked expired).
CANYU_DATA_EXPORT_RETENTION_DAYS = env.int(
    "CANYU_DATA_EXPORT_RETENTION_DAYS", default=7
)
# One request a day per person (failed exports do not count).
CANYU_DATA_EXPORT_INTERVAL_HOURS = 24

CANYU_DATA_EXPORT_BEAT_SCHEDULE = {
    "data-exports-expire": {
        "task": "home.data_export.tasks.data_exports_expire",
        "schedule": 60 * 60,
    },
}
