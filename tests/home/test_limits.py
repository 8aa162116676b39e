"""Limits on facility bookings, the site search and the unit directory's search,
and failed logins that cannot lock a whole office out (issue 11, part 6)."""

from django.core.cache import cache
from django.urls import reverse

import pytest

from home.models import FacilityBooking
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.home.factories import tomorrow_at

pytestmark = pytest.mark.django_db

LIMIT_MESSAGE = "操作过于频繁"
OFFICE = "203.0.113.7"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def limit(settings, action, rates):
    settings.CANYU_RATE_LIMITS = {**settings.CANYU_RATE_LIMITS, action: rates}


def test_booking_requests_past_the_rate_are_refused(
    resident_client, settings, facility
):
    limit(settings, "facility_booking", {"user": "2/d", "ip": "1000/h"})
    url = reverse("home:facility_detail", kwargs={"pk": facility.pk})
    for hour in (9, 10):
        data = {"slot": tomorrow_at(hour).isoformat(), "people": 2, "purpose": "会"}
        assert resident_client.post(url, data).status_code == 302
    data = {"slot": tomorrow_at(11).isoformat(), "people": 2, "purpose": "会"}
    response = resident_client.post(url, data)
    assert response.status_code == 200
    assert LIMIT_MESSAGE in response.text
    assert FacilityBooking.objects.count() == 2


def test_site_search_past_the_rate_is_refused(client, settings):
    limit(settings, "search", {"ip": "2/m"})
    assert client.get("/search/", {"q": "垃圾"}).status_code == 200
    assert client.get("/search/", {"q": "分类"}).status_code == 200
    refused = client.get("/search/", {"q": "垃圾"})
    assert refused.status_code == 429
    assert LIMIT_MESSAGE in refused.text


def test_unit_directory_search_past_the_rate_shows_the_message(client, settings):
    limit(settings, "search", {"ip": "1/m"})
    client.get("/units/", {"q": "民政"})
    page = client.get("/units/", {"q": "民政"})
    assert page.status_code == 200
    assert LIMIT_MESSAGE in page.text


def test_failed_logins_for_one_account_do_not_lock_out_the_office(client):
    """30 wrong passwords for one account from an office's NAT address; a
    colleague behind the same address still signs in."""
    target, colleague = UserFactory(), UserFactory()
    for _attempt in range(30):
        client.post(
            reverse("account_login"),
            {"login": target.email, "password": "wrong-password"},
            REMOTE_ADDR=OFFICE,
        )
    response = client.post(
        reverse("account_login"),
        {"login": colleague.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=OFFICE,
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(colleague.pk)
    # The attacked account itself is locked (per-account limit).
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": target.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR=OFFICE,
    )
    assert "_auth_user_id" not in client.session
