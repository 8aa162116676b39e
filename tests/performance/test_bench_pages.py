"""Request latency of the main pages on the demo content (printed by `make bench`)."""

from django.core.management import call_command

from wagtail.models import Page

import pytest

from home.models import Facility, Unit
from tests.performance.helpers import measure

pytestmark = pytest.mark.django_db


def test_page_latency(client, capsys):
    call_command("seed_demo", verbosity=0, force=True)
    paths = ["/", "/units/", f"/units/{Unit.objects.first().slug}/", "/search/?q=志愿"]
    facility = Facility.objects.filter(is_active=True).order_by("pk").first()
    paths += ["/facilities/", f"/facilities/{facility.pk}/", "/volunteers/teams/"]
    paths += ["/volunteers/leaderboards/", "/volunteers/rewards/"]
    # One page of each type (the first by tree order), so every template is timed.
    seen_types = set()
    for page in Page.objects.live().public().order_by("path").specific().iterator():
        if page.content_type_id in seen_types or not page.url or page.url in paths:
            continue
        seen_types.add(page.content_type_id)
        paths.append(page.url)
    rows = [(path, measure(client, path)) for path in paths]
    with capsys.disabled():
        print(f"\n{'page':60} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for path, figures in rows:
            print(
                f"{path[:60]:60} {figures['median_ms']:>10} {figures['p95_ms']:>8} "
                f"{figures['queries']:>8}"
            )
