"""The team leaderboard's rollup (TeamPeriodTotal) equals the live sums of the
members' totals after every kind of change: hours approved before and after a
volunteer joins, a member leaving, a debit (not earned), a correction, and the
scheduled refresh repairing a rollup changed behind its back."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.volunteers.factories import VolunteerFactory, add_shifts, service_record
from volunteers.models import Team, TeamMembership, TeamPeriodTotal
from volunteers.selectors.leaderboards import leaderboard
from volunteers.services.points import points_sync_for_record, post_entry
from volunteers.services.team_totals import team_totals_live
from volunteers.tasks import team_totals_refresh

pytestmark = pytest.mark.django_db


def rollup() -> dict:
    return {
        (row.team_id, row.period): (row.minutes, row.points)
        for row in TeamPeriodTotal.objects.all()
    }


def assert_rollup_is_live():
    assert rollup() == team_totals_live()


@pytest.fixture
def world(activity):
    shifts = add_shifts(
        activity, 4, start=timezone.now() - timedelta(minutes=5), every=timedelta(0)
    )
    people = [VolunteerFactory() for _ in range(3)]
    teams = [
        Team.objects.create(
            name=f"队{n}",
            slug=f"team-{n}",
            district=people[0].district,
            community="社区",
        )
        for n in range(2)
    ]
    return {"shifts": shifts, "people": people, "teams": teams}


def serve(volunteer, shift, minutes):
    points_sync_for_record(record=service_record(volunteer, shift, minutes=minutes))


def test_rollup_follows_hours_and_members(world, django_capture_on_commit_callbacks):
    shifts, people, teams = world["shifts"], world["people"], world["teams"]
    serve(people[0], shifts[0], 60)  # before joining: counted when approved
    with django_capture_on_commit_callbacks(execute=True):
        TeamMembership.objects.create(
            team=teams[0], volunteer=people[0], status="approved"
        )
        TeamMembership.objects.create(
            team=teams[1], volunteer=people[0], status="approved"
        )
        TeamMembership.objects.create(
            team=teams[0], volunteer=people[1], status="pending"
        )
    assert_rollup_is_live()
    assert rollup()[(teams[0].pk, "all")][0] == 60

    serve(people[0], shifts[1], 30)  # a member in two teams adds to both
    serve(people[1], shifts[1], 90)  # pending: no team counts it
    assert_rollup_is_live()
    assert rollup()[(teams[1].pk, "all")][0] == 90

    with django_capture_on_commit_callbacks(execute=True):
        membership = TeamMembership.objects.get(team=teams[0], volunteer=people[1])
        membership.status = "approved"
        membership.save()
    assert_rollup_is_live()
    assert rollup()[(teams[0].pk, "all")][0] == 180

    post_entry(volunteer=people[0], kind="debit", points=-5, key="spend")
    assert_rollup_is_live()

    with django_capture_on_commit_callbacks(execute=True):
        TeamMembership.objects.filter(volunteer=people[0], team=teams[0]).update(
            status="left"
        )
        # A bulk update sends no signal: the scheduled refresh repairs it.
        team_totals_refresh.delay()
    assert_rollup_is_live()
    assert rollup()[(teams[0].pk, "all")][0] == 90


def test_scheduled_refresh_repairs_and_twice_is_the_same(world):
    shifts, people, teams = world["shifts"], world["people"], world["teams"]
    for person in people:
        TeamMembership.objects.create(
            team=teams[0], volunteer=person, status="approved"
        )
        serve(person, shifts[2], 45)
    TeamPeriodTotal.objects.filter(team=teams[0], period="all").update(minutes=1)
    TeamPeriodTotal.objects.create(team=teams[1], period="all", minutes=7, points=7)
    team_totals_refresh()
    first = rollup()
    team_totals_refresh()
    assert rollup() == first == team_totals_live()
    assert first[(teams[0].pk, "all")][0] == 135


def test_team_board_reads_the_rollup_in_one_query(world, django_assert_num_queries):
    shifts, people, teams = world["shifts"], world["people"], world["teams"]
    for n, person in enumerate(people):
        TeamMembership.objects.create(
            team=teams[n % 2], volunteer=person, status="approved"
        )
        serve(person, shifts[3], 60 * (n + 1))
    with django_assert_num_queries(1):
        rows = leaderboard(scope="team", period="month", metric="hours")
    assert [(row["name"], row["hours"]) for row in rows] == [
        ("队0", 4.0),
        ("队1", 2.0),
    ]
