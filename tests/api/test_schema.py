"""The OpenAPI schema is valid OpenAPI 3, and every operation answers as it
documents (schemathesis against the live schema, through the WSGI app: no 5xx,
documented status codes, content types and response bodies)."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UserFactory
from tests.home.factories import FacilityFactory, make_pledge
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db
OPERATIONS = 40  # 20 public (2 of them the 12319 line's), 20 signed in


def test_the_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on any error
    assert schema["openapi"].startswith("3.")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == OPERATIONS
    assert client.get("/api/v1/schema/").status_code == 200  # YAML


@pytest.fixture
def api_schema(db, monkeypatch, consultation_index, issuing_unit, activity_index):
    """The live schema, read through the WSGI app, with a little of every kind
    of data (ids 1… exist) and no throttling in the way."""
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None}
    )
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    make_comment(page, UserFactory())
    make_pledge(issuing_unit)
    FacilityFactory(unit=issuing_unit)
    make_activity(activity_index, unit=issuing_unit)
    # As Django's test client does: the WSGI app must not close the test's
    # database connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json", get_wsgi_application()
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(
        checks=[
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
