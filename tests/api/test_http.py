"""The public API as HTTP: cached answers with ETag / Last-Modified and 304,
Cache-Control public, anonymous throttling (429, on cached answers too), and no
e-mail address in any answer."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from rest_framework.throttling import SimpleRateThrottle

from consultations.models import EvaluationPeriod, OfficialReply, Outcome, UnitRating
from tests.clock import at, shanghai
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import FacilityFactory, make_pledge, make_report
from tests.volunteers.factories import VolunteerFactory, make_activity, sign_up

pytestmark = pytest.mark.django_db

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.]+")


def test_an_answer_comes_again_as_304_until_the_data_change(client):
    UnitFactory(name="贵阳市民政局")
    first = client.get("/api/v1/units/")
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"] and first["Last-Modified"]

    again = client.get("/api/v1/units/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/api/v1/units/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    UnitFactory(name="南明区民政局")  # any save starts a new data version
    changed = client.get("/api/v1/units/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "南明区民政局" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_a_cached_answer_costs_no_query(client, django_assert_max_num_queries):
    UnitFactory(name="贵阳市民政局")
    client.get("/api/v1/units/")
    with django_assert_max_num_queries(0):
        assert client.get("/api/v1/units/").status_code == 200


def test_anonymous_clients_are_throttled_even_on_cached_answers(client, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "9/minute"}
    )
    # One instant: the limits count in fixed windows, which the wall clock may cross.
    with at(shanghai(2026, 3, 2, 10, 0)):
        answers = [client.get("/api/v1/units/").status_code for _ in range(4)]
        refused = client.get("/api/v1/consultations/")
    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_writes_are_not_allowed(client):
    assert client.post("/api/v1/units/", {}).status_code in (403, 405)
    assert client.delete("/api/v1/units/").status_code in (403, 405)


@pytest.fixture
def everything(consultation_index, issuing_unit, activity_index):
    """One of each public thing, every person in it with an e-mail address."""
    UnitMembershipFactory(
        unit=issuing_unit, user=UserFactory(email="staff@example.org")
    )
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    comment = make_comment(page, UserFactory(email="author@example.org"))
    OfficialReply.objects.create(
        comment=comment,
        outcome=Outcome.ADOPTED,
        body="已采纳。",
        responder=UserFactory(email="responder@example.org"),
    )
    pledge = make_pledge(issuing_unit)
    make_report(pledge)
    facility = FacilityFactory(unit=issuing_unit)
    activity = make_activity(activity_index, unit=issuing_unit)
    sign_up(activity.shifts.get(), VolunteerFactory(show_on_leaderboards=True))
    now = timezone.now()
    period = EvaluationPeriod.objects.create(
        title="2026年度评议",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=1),
        scorecards_published=True,
    )
    period.units.add(issuing_unit)
    UnitRating.objects.create(
        period=period, unit=issuing_unit, user=UserFactory(), score=4, comment="好"
    )
    return {
        "evaluation": period.pk,
        "consultation": page.pk,
        "pledge": pledge.pk,
        "facility": facility.pk,
        "activity": activity.pk,
        "unit": issuing_unit.slug,
    }


def test_no_answer_holds_an_email_address(client, everything):
    schema = client.get("/api/v1/schema/?format=json").json()
    ids = {
        "/api/v1/consultations/{id}/": everything["consultation"],
        "/api/v1/pledges/{id}/": everything["pledge"],
        "/api/v1/facilities/{id}/": everything["facility"],
        "/api/v1/activities/{id}/": everything["activity"],
        "/api/v1/evaluations/{id}/": everything["evaluation"],
    }
    urls = []
    for path in schema["paths"]:
        url = path.replace("{slug}", everything["unit"])
        url = url.replace("{id}", str(ids.get(path, everything["consultation"])))
        url = re.sub(r"\{\w+\}", "1", url)  # the signed-in operations' own ids
        urls.append(url)
    assert len(urls) == len(schema["paths"]) >= 18
    signed_in_only = ("/api/v1/me/", "/api/v1/organiser/", "/api/v1/auth/")
    for url in urls:
        response = client.get(url)
        expected = 401 if url.startswith(signed_in_only) else 200
        assert response.status_code == expected, url
        assert not EMAIL.search(response.content), url


def test_a_made_up_forwarded_address_does_not_escape_the_throttle(client, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "9/minute"}
    )
    with at(shanghai(2026, 3, 2, 10, 0)):
        answers = [
            client.get(
                "/api/v1/units/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
            ).status_code
            for n in range(3)
        ]
    assert answers == [200, 200, 429]


def test_one_address_past_its_limit_does_not_stop_another(client, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "9/minute"}
    )
    with at(shanghai(2026, 3, 2, 10, 0)):
        first = [
            client.get("/api/v1/units/", REMOTE_ADDR="198.51.100.1").status_code
            for _ in range(3)
        ]
        other = client.get("/api/v1/units/", REMOTE_ADDR="198.51.100.2").status_code
    assert first == [200, 200, 429]
    assert other == 200
