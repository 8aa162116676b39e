import datetime
import os

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker

from config.celery_app import app as celery_app
from tests.factories import (
    DEFAULT_PASSWORD,
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
)
from tests.volunteers.factories import ActivityIndexPageFactory


def _pinned_instant() -> datetime.datetime | None:
    """The instant named by ``CANYU_TEST_NOW`` (ISO 8601 with its offset, e.g.
    ``2026-12-31T23:50+08:00``), or None to run at the real time."""
    value = os.environ.get("CANYU_TEST_NOW", "").strip()
    if not value:
        return None
    instant = datetime.datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise pytest.UsageError(
            f"CANYU_TEST_NOW={value!r} needs an offset, e.g. 2026-12-31T23:50+08:00"
        )
    return instant


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters():
    """Each test starts with no attempts counted by home/limits.py (the
    ``canyu-rl:`` keys of the test LocMemCache): limits are per test, not per
    run of the suite. Only those keys go, so that what else the cache holds
    (and the query counts that depend on it) stays as it was."""
    from django.conf import settings
    from django.core.cache import cache

    store = getattr(cache, "_cache", None)
    if store is not None:
        with cache._lock:
            # DRF's throttles (the API) count under "throttle_…" keys.
            prefixes = (settings.RATELIMIT_CACHE_PREFIX, "throttle_")
            for key in [k for k in store if any(p in k for p in prefixes)]:
                store.pop(key, None)
                cache._expire_info.pop(key, None)
    yield


@pytest.fixture(autouse=True)
def _fresh_policy_versions(_pinned_clock):
    """The policy versions are cached (home/consent/selectors.py): each test
    starts with none (as its database), and a test's versions, rolled back with
    its database, do not outlive it. Saying "none" rather than emptying the
    cache keeps query counts as they were without consent. After the clock is
    pinned (CANYU_TEST_NOW): an entry written at the real time would already
    have expired at the pinned one."""
    from home.consent.selectors import policy_versions_forget

    policy_versions_forget(known_empty=True)
    yield
    policy_versions_forget(known_empty=True)


def pytest_report_header(config):
    instant = _pinned_instant()
    if instant is not None:
        return f"clock: every test starts at {instant.isoformat()} (CANYU_TEST_NOW)"
    return "clock: real time (set CANYU_TEST_NOW to run the suite at another instant)"


@pytest.fixture(autouse=True)
def _pinned_clock():
    """With ``CANYU_TEST_NOW`` set, every test starts at that instant and the
    clock ticks on from there (in the test's threads too: the live server, a
    real Celery worker). A test that sets its own clock (the ``time_machine``
    fixture, ``time_machine.travel``) keeps its own: travels nest."""
    instant = _pinned_instant()
    if instant is None:
        yield
        return
    with time_machine.travel(instant, tick=True):
        yield


@pytest.fixture
def clock_stands_still(time_machine):
    """Stop the clock at the test's start (the real or the pinned instant). The
    demo dates its content from today, so seeding it twice changes nothing only on
    the same day: a run that crosses midnight re-dates the pages, as it should."""
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def resident(db):
    return UserFactory(display_name="张三", phone="+8613812345678")


@pytest.fixture
def unit(db):
    return UnitFactory(name="贵阳市民政局")


@pytest.fixture
def unit_admin(unit):
    return UnitMembershipFactory(
        unit=unit, user=UserFactory(display_name="李管理")
    ).user


@pytest.fixture
def activity_index(db):
    """The volunteering activities section (the volunteers' tests, and the home
    pages that show a unit's activities)."""
    return ActivityIndexPageFactory()


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture(autouse=True)
def _email_through_outbox(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the outbox back so
    tests exercise the real path (outbox row → Celery task → delivery backend,
    which is locmem in tests)."""
    settings.EMAIL_BACKEND = "home.mail.OutboxEmailBackend"


@pytest.fixture
def real_worker():
    """A real Celery worker (in a thread) consuming the configured broker; tasks
    are no longer run eagerly while it is up."""
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def serialized_database(django_db_setup, django_db_blocker):
    """The migrated data (home page, districts, groups …) that Django serialised
    when it created the test database, for tests that commit and flush."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    # Wagtail's Page.__init__ looks up its content type while Django
    # deserialises the migrated pages after a flush; with a cold cache that
    # lookup creates the row under a new id, and restoring the serialised row
    # then fails (UNIQUE app_label, model) — in a module whose first test
    # loaded no page types. A warm cache answers without touching the table.
    with django_db_blocker.unblock():
        ContentType.objects.get_for_models(*apps.get_models())
    return getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _migrated_data_restored(request, serialized_database):
    """Make serialized_rollback hold for every test that asks for it.

    Django restores the migrated data from an attribute of the connection object.
    Once Playwright's sync API runs its event loop in the test thread, Django's
    context-local connection handler hands that thread a new connection object
    without the attribute, and the restore is silently skipped (seen on
    PostgreSQL). Restore here when the data is missing, and carry the attribute
    over so the flush after the test behaves as Django intends."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        return
    if not serialized_database:
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from wagtail.models import Page

    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = serialized_database
    if not Page.objects.filter(depth=1).exists():
        connection.creation.deserialize_db_from_string(serialized_database)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (a request under /en/
    leaves English active in the thread otherwise)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english():
    """Messages in English, for tests that match refusal messages by their words
    (the suite otherwise runs in Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Concurrency tests open up to a hundred database connections each: they
    carry the ``concurrency`` mark, and ``make test`` runs them on their own
    after the rest (which runs in parallel processes), so that they never meet
    PostgreSQL's connection limit."""
    for item in items:
        if "concurrency" in item.nodeid:
            item.add_marker(pytest.mark.concurrency)


@pytest.fixture
def sms_outbox(monkeypatch):
    """Every text sent through ``home.sms.send_sms``, as (to, kind, params).
    The real outbox still runs (row written, delivery queued on commit); the
    record is kept because a delivered code is erased from its row."""
    import home.sms

    sent = []
    real = home.sms.send_sms

    def record(*, to, kind, params, erase_after_delivery=False):
        sent.append((to, kind, dict(params)))
        return real(
            to=to, kind=kind, params=params, erase_after_delivery=erase_after_delivery
        )

    monkeypatch.setattr(home.sms, "send_sms", record)
    return sent
