"""The hotline demo: a few hundred requests in every state, idempotent."""

import io

from django.core.management import call_command

from consultations.hotline.demo import loader
from consultations.hotline.demo.loader import REQUEST_COUNT
from consultations.hotline.models import Follower, Rating, Reply, Request
from home import demo
from home.demo.seeding import read_data
from home.models import District
from tests.factories import UnitFactory, UserFactory


def _demo_units_and_residents():
    data = read_data(loader.__file__, "requests")
    districts = {d.name: d for d in District.objects.all()}
    names = set(data["platforms"].values()) | {rule[2] for rule in data["rules"]}
    for name in sorted(names):
        district = next(
            (d for label, d in districts.items() if name.startswith(label)),
            districts["观山湖区"],
        )
        UnitFactory(name=name, district=district)
    for email in demo.resident_emails()[:15]:
        UserFactory(email=email)


def test_seed_hotline_makes_every_state_and_is_idempotent(db, settings):
    settings.DEBUG = True
    _demo_units_and_residents()
    call_command("seed_hotline", stdout=io.StringIO())
    requests = Request.objects.count()
    assert requests >= REQUEST_COUNT - 5
    statuses = set(Request.objects.values_list("status", flat=True))
    assert {"submitted", "in_progress", "replied", "closed", "merged"} <= statuses
    assert Rating.objects.filter(grade="dissatisfied").exists()
    assert Request.objects.filter(reopened_once=True).exists()
    # Nobody supervises their own answer: round 2 is never answered by the
    # unit that answered round 1.
    first = dict(Reply.objects.filter(round=1).values_list("request_id", "unit_id"))
    second = Reply.objects.filter(round=2).values_list("request_id", "unit_id")
    assert second.exists()
    assert all(first.get(request_id) != unit_id for request_id, unit_id in second)
    assert Follower.objects.count() >= 5
    call_command("seed_hotline", stdout=io.StringIO())
    assert Request.objects.count() == requests
