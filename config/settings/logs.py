"""Logging: one plain console format; noisy libraries held at WARNING."""

import environ

env = environ.Env()

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's own immediate tasks log every search-index update at INFO.
        "django_tasks": {"level": "WARNING"},
        # The SMS providers' SDKs log whole requests (numbers, codes) at DEBUG.
        "tencentcloud_sdk_common": {"level": "WARNING"},
        "darabonba-core": {"level": "WARNING"},
    },
}
