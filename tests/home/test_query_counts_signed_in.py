"""Issue 16, part 4: the signed-in pages (/me/, the volunteer's own pages, the
responder dashboard, an activity's roster) need the same number of queries in
a city three times as large."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import UnitMembership
from tests.consultations.factories import ConsultationIndexPageFactory
from tests.factories import UnitMembershipFactory, UserFactory
from tests.home.query_world import QueryWorld
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

N = 2


def count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def counts(client, world, people) -> dict:
    unit = world.units[0]
    activity = world.activities[0]
    pages = {
        "volunteer": ["/me/", "/volunteers/me/", "/volunteers/me/points/"],
        "responder": ["/me/", "/consultations/respond/"],
        "organiser": ["/me/", f"/volunteers/activities/{activity.pk}/roster/"],
    }
    result = {}
    for role, urls in pages.items():
        client.force_login(people[role])
        for url in urls:
            result[f"{role} {url}"] = count_queries(client, url)
    assert unit  # the people belong to the first unit of the world
    return result


def test_signed_in_pages_flat_in_size(client, activity_index):
    world = QueryWorld(
        consultation_index=ConsultationIndexPageFactory(),
        activity_index=activity_index,
    ).grow(N)
    unit = world.units[0]
    people = {
        "volunteer": Volunteer.objects.filter(signups__isnull=False).first().user,
        "responder": UserFactory(),
        "organiser": UserFactory(),
    }
    for role, kind in (
        ("responder", UnitMembership.Role.RESPONDER),
        ("organiser", UnitMembership.Role.ORGANISER),
    ):
        UnitMembershipFactory(unit=unit, user=people[role], role=kind)
    small = counts(client, world, people)
    world.grow(2 * N)
    large = counts(client, world, people)
    assert large == small
