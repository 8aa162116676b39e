"""The demo content (``manage.py seed_demo``): what it builds, and that running it
again changes nothing. Every test here runs inside one seeded demo (``demo``),
seeded once per test process; tests that seed again see their changes rolled
back like any other test's."""

import pytest
import time_machine

from tests.conftest import _pinned_instant


@pytest.fixture(scope="package")
def _demo_seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for this package (in each test process), inside a
    transaction rolled back after the package's last test; each test runs in a
    savepoint within it, so what a test changes is undone before the next.
    Seeding takes most of a demo test's time: once a package, not once a test.
    Seeded with the clock stopped (at CANYU_TEST_NOW when set)."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    instant = _pinned_instant() or timezone.now()
    out = StringIO()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with time_machine.travel(instant, tick=False):
                # Test settings run with DEBUG off: the command insists on --force.
                call_command("seed_demo", force=True, stdout=out)
            yield {"output": out.getvalue(), "instant": instant}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_seeded, db, time_machine, _fresh_policy_versions):
    """The seeded demo (see ``_demo_seeded``) with the clock stopped at the
    instant it was seeded and the caches emptied of what an earlier test left;
    returns what ``seed_demo`` printed."""
    from django.core.cache import cache

    from home.consent.selectors import policy_versions_forget

    time_machine.move_to(_demo_seeded["instant"], tick=False)
    cache.clear()
    policy_versions_forget()
    return _demo_seeded["output"]
