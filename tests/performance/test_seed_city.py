"""The CI variant of `make bench` (issue 16): ``seed_city`` fills a tiny city,
and the hot pages make as many queries at two scales: a page whose query count
grows with the data fails here (timings are never asserted)."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

import pytest

from consultations.models import Comment, ConsultationPage
from home.models import PledgePage, Unit, User
from volunteers.models import ActivityPage, ServiceRecord, Signup, Volunteer

pytestmark = pytest.mark.django_db

SMALL, LARGER = "0.0005", "0.0015"  # 10 and 30 residents: 1 and 3 of everything


def hot_paths() -> dict[str, str]:
    consultation = (
        ConsultationPage.objects.live()
        .annotate(comments_count=Count("comments"))
        .order_by("-comments_count", "pk")
        .first()
    )
    activity = ActivityPage.objects.live().order_by("-pk").first()
    pledge = PledgePage.objects.live().order_by("-pk").first()
    unit = Unit.objects.filter(slug__startswith="city-unit-").order_by("-pk").first()
    return {
        "consultations": "/consultations/",
        "consultation": consultation.url,
        "activities": "/activities/",
        "activity": activity.url,
        "pledges": "/pledges/",
        "pledge": pledge.url,
        "unit": f"/units/{unit.slug}/",
        "leaderboards": "/volunteers/leaderboards/",
    }


def query_counts(client) -> dict[str, int]:
    counts = {}
    for name, path in hot_paths().items():
        client.get(path)  # the first visit fills the caches, as a warm site has
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries)
    return counts


@pytest.fixture
def city_clock(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC))


def test_seed_city_fills_a_tiny_city(city_clock):
    call_command("seed_city", scale=SMALL, force=True, verbosity=0)
    assert User.objects.filter(email__endswith="@city.example.cn").count() == 10
    assert Unit.objects.filter(slug__startswith="city-unit-").count() == 1
    assert PledgePage.objects.live().count() == 1
    # One consultation of two comments and one "in the news" of ten.
    assert Comment.objects.count() == 12
    assert ActivityPage.objects.live().count() == 2  # 5,000 × 0.0005, rounded
    assert Volunteer.objects.count() == 50
    assert Signup.objects.filter(status="confirmed").count() == 25
    # Ten records each, but one per shift at most: the two shifts that are over.
    assert ServiceRecord.objects.count() == 100


def test_hot_pages_make_as_many_queries_at_a_larger_scale(client, city_clock):
    call_command("seed_city", scale=SMALL, force=True, verbosity=0)
    small = query_counts(client)
    call_command("seed_city", scale=LARGER, force=True, verbosity=0)
    assert ActivityPage.objects.live().count() == 2 + 8
    larger = query_counts(client)
    assert larger == small
