"""A shift never has more confirmed people than places, however many sign up at
once: 100 active volunteers press the button at the same moment for 10 places,
through the service and over HTTP; then parallel cancellations promote the
waitlist one for one."""

import threading

from django.db import connection, connections
from django.test import Client

import pytest

from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.volunteers.factories import VolunteerFactory, make_activity, route_url
from volunteers.models import Shift, Signup
from volunteers.services.signups import signup_cancel, signup_create

PARALLEL = 100
PLACES = 10

SQLITE_ONLY = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant"),
]


def _shift(activity_index, organising_unit) -> Shift:
    activity = make_activity(
        activity_index, unit=organising_unit, shifts=((3, 2, PLACES),)
    )
    return activity.shifts.get()


def _assert_exactly_filled(shift, volunteers):
    shift.refresh_from_db()
    signups = Signup.objects.filter(shift=shift)
    assert signups.filter(status=Signup.Status.CONFIRMED).count() == PLACES
    assert shift.confirmed_count == PLACES
    assert signups.filter(status=Signup.Status.WAITLISTED).count() == (
        len(volunteers) - PLACES
    )
    # Nobody lost, nobody twice.
    assert sorted(signups.values_list("volunteer_id", flat=True)) == sorted(
        volunteer.pk for volunteer in volunteers
    )


def _connection_slots() -> int:
    """How many threads may hold a database connection at once. All 100 calls
    start together and contend for the shift; like the connection pool of a
    real deployment, at most this many talk to PostgreSQL at the same moment,
    so the test never trips the server's ``max_connections`` (100 by default,
    shared with other test runs)."""
    if connection.vendor != "postgresql":
        return PARALLEL
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        (most,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        (used,) = cursor.fetchone()
    return max(4, min(PARALLEL, int(most) - used - 10, 50))


def _pooled(call):
    slots = threading.BoundedSemaphore(_connection_slots())

    def pooled_call(argument):
        with slots:
            try:
                return call(argument)
            finally:
                connections.close_all()

    return pooled_call


def _sign_up_with_service(shift, volunteers):
    return run_in_parallel(
        _pooled(
            lambda volunteer: signup_create(volunteer=volunteer, shift=shift).status
        ),
        volunteers,
    )


def _sign_up_over_http(shift, volunteers):
    url = route_url(shift.activity, "shift_signup", shift.pk)

    def post(volunteer):
        client = Client()
        client.force_login(volunteer.user)
        return client.post(url).status_code

    return run_in_parallel(_pooled(post), volunteers)


def _check_parallel_signups(activity_index, organising_unit, sign_up):
    shift = _shift(activity_index, organising_unit)
    volunteers = VolunteerFactory.create_batch(PARALLEL)
    results, errors = sign_up(shift, volunteers)
    assert errors == []
    assert len(results) == PARALLEL
    _assert_exactly_filled(shift, volunteers)
    return shift, results


@pytest.mark.parametrize("sign_up", [_sign_up_with_service, _sign_up_over_http])
def test_parallel_signups_fill_exactly_the_places_on_postgres(
    activity_index, organising_unit, sign_up
):
    shift, results = _check_parallel_signups(activity_index, organising_unit, sign_up)
    if sign_up is _sign_up_with_service:
        assert results.count(Signup.Status.CONFIRMED) == PLACES
    else:
        assert results == [302] * PARALLEL


for _mark in POSTGRES_ONLY:
    test_parallel_signups_fill_exactly_the_places_on_postgres = _mark(
        test_parallel_signups_fill_exactly_the_places_on_postgres
    )


@pytest.mark.parametrize("sign_up", [_sign_up_with_service, _sign_up_over_http])
def test_parallel_signups_fill_exactly_the_places_on_sqlite(
    activity_index, organising_unit, sign_up
):
    """No "database is locked" may reach the caller (an OperationalError would
    show up in ``errors``).

    pytest-django's SQLite test database is in memory with a shared cache unless
    ``DATABASES["default"]["TEST"]["NAME"]`` names a file. In a shared cache a
    writer locks whole tables even against readers ("database table is locked",
    at once, without the busy timeout), so the HTTP variant — whose session and
    user look-ups happen outside the sign-up service — runs only on a file
    database, as in production (WAL: readers never wait for the writer). The
    service variant runs on both."""
    if sign_up is _sign_up_over_http and connection.is_in_memory_db():
        pytest.skip("HTTP variant needs a file-based SQLite test database")
    _check_parallel_signups(activity_index, organising_unit, sign_up)


for _mark in SQLITE_ONLY:
    test_parallel_signups_fill_exactly_the_places_on_sqlite = _mark(
        test_parallel_signups_fill_exactly_the_places_on_sqlite
    )


def test_parallel_cancellations_promote_one_for_one(activity_index, organising_unit):
    shift = _shift(activity_index, organising_unit)
    volunteers = VolunteerFactory.create_batch(PLACES * 3)
    signups = [signup_create(volunteer=v, shift=shift) for v in volunteers]
    confirmed = [s for s in signups if s.status == Signup.Status.CONFIRMED]
    results, errors = run_in_parallel(
        lambda signup: signup_cancel(volunteer=signup.volunteer, signup=signup),
        confirmed,
    )
    assert errors == []
    promoted = {signup.pk for signup in results}
    # The first ten on the waitlist, each promoted once.
    assert promoted == {s.pk for s in signups[PLACES : PLACES * 2]}
    shift.refresh_from_db()
    assert shift.confirmed_count == PLACES
    assert (
        Signup.objects.filter(shift=shift, status=Signup.Status.CONFIRMED).count()
        == PLACES
    )


for _mark in POSTGRES_ONLY:
    test_parallel_cancellations_promote_one_for_one = _mark(
        test_parallel_cancellations_promote_one_for_one
    )
