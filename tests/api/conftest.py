import pytest

# No answer cached by an earlier test (whose rows were rolled back) is served:
# tests/conftest.py's _fresh_page_cache moves the site-wide version on, which every
# stored answer recorded (home/api/caching.py).


@pytest.fixture
def api(client):
    """An anonymous client of the API, JSON answers decoded."""

    def get(path, **headers):
        return client.get(path, **headers)

    return get


@pytest.fixture
def consultation_index(db):
    from tests.consultations.factories import ConsultationIndexPageFactory

    return ConsultationIndexPageFactory()


@pytest.fixture
def issuing_unit(db):
    from tests.factories import UnitFactory

    return UnitFactory(name="贵阳市生态环境局", contact_email="env@example.org")
