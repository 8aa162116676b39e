import pytest

from home.api.caching import data_changed


@pytest.fixture(autouse=True)
def _fresh_api_cache():
    """Each test starts a new data version: no answer cached by another test
    (whose rows were rolled back) is served."""
    data_changed()
    yield


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
