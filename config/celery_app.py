"""The Celery application.

Tasks are discovered in each installed app's ``tasks.py``. Settings come from
Django's settings under the ``CELERY_`` namespace (see ``config/settings/base.py``).
https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("canyu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
