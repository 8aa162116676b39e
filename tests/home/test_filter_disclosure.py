"""The public lists' filters fold behind "筛选" (a <details>) whose summary says
what is filtered (issue 14, item 6). The browser side — folded on a phone,
unfolded on a desktop — is in tests/e2e/test_filters_phone.py."""

import re

from django.urls import reverse

import pytest

from home.models import PledgeIndexPage
from tests.consultations.factories import ConsultationIndexPageFactory

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    match = re.search(
        r'<details class="filter-disclosure">\s*<summary[^>]*>(.*?)</summary>',
        html,
        re.DOTALL,
    )
    assert match, "no folding filter control"
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_every_public_list_folds_its_filters(client, activity_index):
    consultations = ConsultationIndexPageFactory()
    urls = [
        reverse("home:unit_list"),
        reverse("home:facility_list"),
        consultations.url,
        activity_index.url,
    ]
    pledges = PledgeIndexPage.objects.first()
    if pledges is not None:
        urls.append(pledges.url)
    for url in urls:
        html = client.get(url).content.decode()
        summary = _summary(html)
        assert summary.strip() == "筛选", (url, summary)
        assert 'class="filter-form"' in html


def test_summary_says_what_is_filtered(client, activity_index):
    html = client.get(
        reverse("home:unit_list"), {"district": "520102", "q": "协会"}
    ).content.decode()
    summary = _summary(html)
    assert "已筛选：" in summary
    assert "南明区" in summary and "协会" in summary
    html = client.get(activity_index.url, {"places_left": "on"}).content.decode()
    assert "已筛选：" in _summary(html)
    # An unknown value filters nothing and is not listed.
    html = client.get(reverse("home:unit_list"), {"district": "nowhere"}).content
    assert "已筛选" not in _summary(html.decode())


def test_leaderboard_choice_stays_unfolded(client):
    html = client.get(reverse("volunteers:leaderboards")).content.decode()
    assert 'class="filter-form"' in html
    assert "filter-disclosure" not in html
