"""Request latency of the main pages on the demo content (printed by `make bench`)."""

import statistics
import time

from django.core.management import call_command
from django.db import connection

from wagtail.models import Page

import pytest

from home.models import Facility, Unit

pytestmark = pytest.mark.django_db

ROUNDS = 20


def measure(client, path):
    client.get(path)  # warm caches and connections
    timings = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, path
    for _round in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "queries": len(queries),
    }


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
