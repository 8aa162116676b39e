"""The CI variant of `make bench`'s flash crowd (issue 16): 500 signed-in
volunteers POST a sign-up over HTTP (a live server) for one shift of 50 places:
exactly 50 confirmed, 450 waitlisted, every answer a redirect back to the page.
PostgreSQL only; no timing is asserted."""

import io
from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db import connection

import pytest

from home.city.base import FULL
from tests.concurrency import POSTGRES_ONLY
from tests.performance.flash_crowd import flash_crowd
from volunteers.city_records import seed_volunteers
from volunteers.models import Volunteer

pytestmark = [*POSTGRES_ONLY, pytest.mark.concurrency]

CROWD, PLACES = 500, 50


def connection_slots() -> int:
    """Requests in flight at once: each takes a database connection in the live
    server, and the server's ``max_connections`` is shared with other runs."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        (most,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        (used,) = cursor.fetchone()
    return max(4, min(40, int(most) - used - 10))


def test_flash_crowd_fills_exactly_the_places(live_server):
    call_command("seed_city", scale="0.0005", force=True, verbosity=0)
    ids = seed_volunteers(CROWD / FULL["volunteers"], OutputWrapper(io.StringIO()))
    volunteers = list(Volunteer.objects.filter(pk__in=ids).select_related("user"))
    assert len(volunteers) == CROWD
    address = urlsplit(live_server.url)
    result = flash_crowd(
        address.hostname,
        address.port,
        volunteers,
        PLACES,
        at_most=connection_slots(),
    )
    assert result["statuses"] == {"302": CROWD}
    assert result["server_errors"] == 0
    assert result["confirmed"] == PLACES
    assert result["places_taken"] == PLACES
    assert result["waitlisted"] == CROWD - PLACES
