"""A slot is never double-booked: 20 residents ask for the same slot at the same
moment, through the service and over HTTP; exactly one booking is made and
everyone else is told the slot has just been taken. On SQLite, no "database is
locked" reaches anyone."""

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from home.exceptions import ServiceError
from home.facilities import services
from home.models import FacilityBooking
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.factories import UserFactory
from tests.home.factories import FacilityFactory, tomorrow_at

PARALLEL = 20
TAKEN = "Sorry, this slot has just been taken by someone else."

SQLITE_ONLY = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant"),
]


def _request_with_service(facility, residents, starts_at):
    def call(user):
        with translation.override("en"):
            try:
                return services.booking_request(
                    user=user,
                    facility=facility,
                    starts_at=starts_at,
                    people=2,
                    purpose="篮球",
                ).status
            except ServiceError as error:
                return str(error)

    return run_in_parallel(call, residents)


def _request_over_http(facility, residents, starts_at):
    url = reverse("home:facility_detail", kwargs={"pk": facility.pk})

    def post(user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        response = client.post(
            "/en" + url,
            {"slot": starts_at.isoformat(), "people": 2, "purpose": "篮球"},
        )
        if response.status_code == 302:
            return "requested"
        return TAKEN if TAKEN in response.content.decode() else response.status_code

    return run_in_parallel(post, residents)


def _check(request):
    facility = FacilityFactory()
    residents = UserFactory.create_batch(PARALLEL)
    starts_at = tomorrow_at(10)
    results, errors = request(facility, residents, starts_at)
    assert errors == []
    assert sorted(results, key=str) == sorted(
        ["requested"] + [TAKEN + " Please choose another one."] * (PARALLEL - 1)
        if request is _request_with_service
        else ["requested"] + [TAKEN] * (PARALLEL - 1),
        key=str,
    )
    assert FacilityBooking.objects.filter(facility=facility).count() == 1


@pytest.mark.parametrize("request_slot", [_request_with_service, _request_over_http])
def test_parallel_requests_for_one_slot_make_one_booking_on_postgres(request_slot):
    _check(request_slot)


for _mark in POSTGRES_ONLY:
    test_parallel_requests_for_one_slot_make_one_booking_on_postgres = _mark(
        test_parallel_requests_for_one_slot_make_one_booking_on_postgres
    )


@pytest.mark.parametrize("request_slot", [_request_with_service, _request_over_http])
def test_parallel_requests_for_one_slot_make_one_booking_on_sqlite(request_slot):
    if request_slot is _request_over_http and connection.is_in_memory_db():
        pytest.skip("HTTP variant needs a file-based SQLite test database")
    _check(request_slot)


for _mark in SQLITE_ONLY:
    test_parallel_requests_for_one_slot_make_one_booking_on_sqlite = _mark(
        test_parallel_requests_for_one_slot_make_one_booking_on_sqlite
    )
