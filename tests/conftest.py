import pytest

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
