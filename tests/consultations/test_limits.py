"""Limits on supports, the consultation list's search words and the public
CSV/XLSX downloads: past the rate, refused with the limit's message, nothing
changed (issue 11, part 6)."""

from django.core.cache import cache
from django.urls import reverse

import pytest

from consultations.models import Comment
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT_MESSAGE = "操作过于频繁"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def limit(settings, action, rates):
    settings.CANYU_RATE_LIMITS = {**settings.CANYU_RATE_LIMITS, action: rates}


def test_supports_past_the_rate_are_refused(client, settings, consultation):
    limit(settings, "comment_support", {"user": "2/h", "ip": "1000/h"})
    comments = [make_comment(consultation, UserFactory()) for _index in range(3)]
    client.force_login(UserFactory())
    for comment in comments[:2]:
        client.post(reverse("consultations:comment_support", args=[comment.pk]))
    response = client.post(
        reverse("consultations:comment_support", args=[comments[2].pk]), follow=True
    )
    assert LIMIT_MESSAGE in response.text
    counts = list(
        Comment.objects.order_by("pk").values_list("support_count", flat=True)
    )
    assert counts == [1, 1, 0]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_public_downloads_past_the_rate_go_back_with_the_message(
    client, settings, consultation_index, issuing_unit, extension
):
    limit(settings, "public_export", {"ip": "2/h"})
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    url = f"/consultations/{closed.pk}/comments.{extension}"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 302
    assert refused.url == closed.url
    assert LIMIT_MESSAGE in client.get(refused.url).text


def test_list_search_past_the_rate_shows_the_message(
    client, settings, consultation_index, consultation
):
    limit(settings, "search", {"ip": "2/m"})
    client.get(consultation_index.url, {"q": "垃圾"})
    client.get(consultation_index.url, {"q": "垃圾"})
    page = client.get(consultation_index.url, {"q": "垃圾"})
    assert page.status_code == 200
    assert LIMIT_MESSAGE in page.text
    # Browsing without search words is not counted.
    cache.clear()
    limit(settings, "search", {"ip": "1/m"})
    for _index in range(3):
        assert LIMIT_MESSAGE not in client.get(consultation_index.url).text
