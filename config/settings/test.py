"""Settings for the test suite (pytest-django)."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is tested in tests/home/page_cache (and the fixture page_cache_on);
# elsewhere a page asked twice is rendered twice, as query-count tests expect.
# CANYU_PAGE_CACHE=true runs the whole suite through it (a stale page fails a test).
CANYU_PAGE_CACHE = env.bool("CANYU_PAGE_CACHE", default=False)
# Tests deliver mail into django.core.mail.outbox through the real outbox + task path.
CANYU_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process unless a test starts a real worker (test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # A storage of its own, as in production: a test can tell a private file
    # from a public one.
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}

# A real worker started by a test uses the configured broker (Redis in CI's second
# run); with the embedded default it gets a queue folder of its own, so that a
# developer's running `make run` worker never takes the test's messages.
if env.str("CELERY_BROKER_URL", default="filesystem://").startswith("filesystem://"):
    import tempfile
    from pathlib import Path

    _test_queue = Path(tempfile.mkdtemp(prefix="canyu-test-queue-"))
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_test_queue),
        "data_folder_out": str(_test_queue),
        "control_folder": str(_test_queue / "control"),
        "store_processed": False,
    }

# SQLite tests use a database file rather than memory: parallel writers then wait
# on the lock as in production (an in-memory shared cache fails at once), so the
# concurrency tests exercise the real behaviour.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"canyu-test-{os.getpid()}.sqlite3")
    }

# Parallel test processes (pytest-xdist) each get a Celery queue of their own, so a
# real worker started by one process never takes another process's tasks (they
# share Redis in CI's PostgreSQL run).
if _xdist_worker := os.environ.get("PYTEST_XDIST_WORKER"):
    CELERY_TASK_DEFAULT_QUEUE = f"canyu-test-{_xdist_worker}"
