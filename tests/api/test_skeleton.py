"""The API's frame: schema, docs pages, one endpoint."""

import pytest

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_units_are_listed_to_anyone(client):
    UnitFactory(name="贵阳市民政局", contact_email="office@example.org")

    response = client.get("/api/v1/units/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    names = [unit["name"] for unit in response.json()["results"]]
    assert names == ["贵阳市民政局"]
    assert b"office@example.org" not in response.content


def test_schema_and_docs_pages_are_served(client):
    assert client.get("/api/v1/schema/").status_code == 200
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert client.get("/api/v1/redoc/").status_code == 200
