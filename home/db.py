"""Database helpers shared by the services."""

import random
import time

from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from home.exceptions import ServiceError

# SQLite waits up to its busy timeout for the write lock; should it still give up
# ("database is locked"; a shared-cache database, as in tests, reports "table is
# locked" at once without waiting), the whole transaction is tried again, with
# growing, jittered pauses, for up to LOCKED_RETRY_SECONDS.
LOCKED_RETRY_SECONDS = 20.0
LOCKED_RETRY_PAUSE = 0.01  # seconds, doubled after each attempt up to the cap
LOCKED_RETRY_PAUSE_CAP = 0.25


def is_lock_error(error: OperationalError) -> bool:
    """Whether the database refused for a lock it could not get (rather than for
    a real error), so that trying again may succeed."""
    text = str(error).lower()
    return "locked" in text or "busy" in text or "deadlock" in text


def with_lock_retries(function, **kwargs):
    """Run ``function(**kwargs)`` in its own transaction, again when the database
    reports a lock it could not get. Inside an outer transaction a retry is
    impossible, so the refusal becomes a readable ``ServiceError`` instead, as it
    does after ``LOCKED_RETRY_SECONDS``."""
    give_up_at = time.monotonic() + LOCKED_RETRY_SECONDS
    pause = LOCKED_RETRY_PAUSE
    while True:
        try:
            with transaction.atomic():
                return function(**kwargs)
        except OperationalError as error:
            if not is_lock_error(error):
                raise
            if connection.in_atomic_block or time.monotonic() >= give_up_at:
                raise ServiceError(
                    _("The site is very busy right now. Please try again.")
                ) from error
            # Jitter (not security-relevant) keeps retrying writers from colliding.
            time.sleep(pause * random.uniform(0.5, 1.5))  # noqa: S311
            pause = min(pause * 2, LOCKED_RETRY_PAUSE_CAP)
