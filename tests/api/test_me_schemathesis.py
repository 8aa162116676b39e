"""The signed-in operations answer as documented when called with a personal
access token (schemathesis through the WSGI app): no 5xx, documented status
codes, content types and bodies. A volunteer with a sign-up, hours and a
certificate, so that ids 1… exist; writes too (a write token), capped examples."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from home.api_tokens import services
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory, confirm, make_activity

pytestmark = pytest.mark.django_db

# The fixture's token, for the test's requests.
CREDENTIALS: dict[str, str] = {}


@pytest.fixture
def signed_in_schema(db, monkeypatch, unit, activity_index):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None}
    )
    volunteer = VolunteerFactory()
    shift = make_activity(activity_index, unit=unit).shifts.get()
    confirm(shift, volunteer)
    consultation = make_consultation(ConsultationIndexPageFactory(), unit=unit)
    make_comment(consultation, UserFactory())
    token = services.api_token_create(user=volunteer.user, name="st", scope="write")[1]
    CREDENTIALS["Authorization"] = f"Bearer {token}"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json", get_wsgi_application()
        )
        yield schema.include(path_regex=r"^/api/v1/(me|organiser)/")
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("signed_in_schema")


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_signed_in_operation_answers_as_documented(case):
    case.call_and_validate(
        headers=CREDENTIALS,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
