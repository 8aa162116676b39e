import pytest
from celery.contrib.testing.worker import start_worker

from config.celery_app import app as celery_app
from tests.factories import (
    DEFAULT_PASSWORD,
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
)


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def resident(db):
    return UserFactory(display_name="张三")


@pytest.fixture
def unit(db):
    return UnitFactory(name="贵阳市民政局")


@pytest.fixture
def unit_admin(unit):
    return UnitMembershipFactory(
        unit=unit, user=UserFactory(display_name="李管理")
    ).user


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


def _runs_in_transactions(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep pytest-django's order (tests in a rolled-back transaction first, then
    those that commit and flush), and among the latter run the browser tests
    first. Observed on PostgreSQL: when Playwright starts its event loop after an
    in-process Celery worker (test_celery_worker.py) has run, the browser test's
    ORM calls see an empty test database, though the same tests pass in isolation.
    Until that is understood, keep the order that works."""
    items.sort(
        key=lambda item: (
            _runs_in_transactions(item),
            "tests/e2e/" not in str(item.fspath),
        )
    )
