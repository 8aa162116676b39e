"""Leaderboards (/volunteers/leaderboards/) and the volunteer's own points pages:
the right rows in the right order, names only for those who opted in, and a fixed
number of queries whatever the number of volunteers."""

from datetime import timedelta

from django.utils import timezone

import pytest

from home.models import District
from tests.factories import UnitFactory
from tests.volunteers.factories import (
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
)
from volunteers.models import Team, TeamMembership
from volunteers.selectors.leaderboards import leaderboard
from volunteers.services.points import points_sync_for_record, post_entry

pytestmark = pytest.mark.django_db


def serve(volunteer, shift, minutes):
    points_sync_for_record(record=service_record(volunteer, shift, minutes=minutes))


@pytest.fixture
def board(activity):
    """Three volunteers this month (one named), a unit, a team of two."""
    # Minutes apart, just now: all in this month (and year).
    shifts = add_shifts(
        activity, 3, start=timezone.now() - timedelta(minutes=5), every=timedelta(0)
    )
    named = VolunteerFactory(real_name="王公开", show_on_leaderboards=True)
    hidden = VolunteerFactory(real_name="李匿名")
    third = VolunteerFactory(
        real_name="赵第三",
        show_on_leaderboards=True,
        district=District.objects.exclude(code="520102").first(),
    )
    serve(named, shifts[0], 120)
    serve(hidden, shifts[0], 300)
    serve(third, shifts[1], 60)
    team = Team.objects.create(
        name="花果园志愿服务队", slug="hgy", district=named.district, community="花果园"
    )
    for member in (named, hidden):
        TeamMembership.objects.create(team=team, volunteer=member, status="approved")
    return {"named": named, "hidden": hidden, "third": third, "team": team}


def test_volunteer_board_ranks_everybody_but_names_only_those_who_opted_in(board):
    rows = leaderboard(scope="volunteer", period="month", metric="hours")
    assert [row["hours"] for row in rows] == [5.0, 2.0, 1.0]
    assert [row["named"] for row in rows] == [False, True, True]
    assert rows[1]["name"] == "王公开"
    assert all(row["name"] != "李匿名" for row in rows)


def test_team_unit_and_district_boards(board, organising_unit):
    teams = leaderboard(scope="team", period="all", metric="hours")
    assert [(row["name"], row["hours"]) for row in teams] == [("花果园志愿服务队", 7.0)]
    units = leaderboard(scope="unit", period="year", metric="points")
    assert [(row["name"], row["points"]) for row in units] == [
        (organising_unit.name, 80)
    ]
    districts = leaderboard(scope="district", period="all", metric="hours")
    assert [row["hours"] for row in districts] == [7.0, 1.0]


def test_points_board_counts_earned_points_not_spending(board):
    post_entry(volunteer=board["hidden"], kind="debit", points=-50, key="spend")
    rows = leaderboard(scope="volunteer", period="all", metric="points")
    assert [row["points"] for row in rows] == [50, 20, 10]


def test_last_years_service_is_all_time_only(activity):
    volunteer = VolunteerFactory(show_on_leaderboards=True)
    old = add_shifts(activity, 1, start=timezone.now() - timedelta(days=800))[0]
    serve(volunteer, old, 60)
    assert leaderboard(scope="volunteer", period="month", metric="hours") == []
    assert leaderboard(scope="volunteer", period="year", metric="hours") == []
    assert len(leaderboard(scope="volunteer", period="all", metric="hours")) == 1


BOARDS = [
    {"scope": scope, "period": period, "metric": "hours"}
    for scope in ("volunteer", "team", "unit", "district")
    for period in ("month", "year", "all")
]


def test_leaderboard_page_renders_each_board_with_fixed_queries(
    client, board, activity_index, django_assert_max_num_queries
):
    baseline = []
    for choice in BOARDS:
        with django_assert_max_num_queries(12) as counted:
            assert client.get("/volunteers/leaderboards/", choice).status_code == 200
        baseline.append(len(counted.captured_queries))
    # More volunteers, units and teams do not add queries.
    for number in range(20):
        unit = UnitFactory(name=f"单位{number}")
        activity = make_activity(activity_index, unit=unit, slug=f"more-{number}")
        shift = add_shifts(activity, 1, start=timezone.now() - timedelta(minutes=5))[0]
        volunteer = VolunteerFactory(show_on_leaderboards=bool(number % 2))
        serve(volunteer, shift, 60)
        TeamMembership.objects.create(
            team=board["team"], volunteer=volunteer, status="approved"
        )
    for choice, before in zip(BOARDS, baseline, strict=True):
        with django_assert_max_num_queries(before):
            response = client.get("/volunteers/leaderboards/", choice)
        assert response.status_code == 200
    response = client.get("/volunteers/leaderboards/")
    assert "王公开" in response.text
    assert "李匿名" not in response.text
    assert response.text.count('class="leaderboard__row') == 23


def test_unknown_choices_fall_back_to_the_default_board(client, board):
    response = client.get("/volunteers/leaderboards/", {"scope": "x", "period": "y"})
    assert response.status_code == 200
    assert "王公开" in response.text


# The volunteer's own pages ---------------------------------------------------------


def test_profile_shows_balance_and_stars(client, board):
    client.force_login(board["named"].user)
    response = client.get("/volunteers/me/")
    assert response.status_code == 200
    assert "data-points-balance>20<" in response.text
    assert 'data-star-level="0"' in response.text
    assert "/volunteers/me/points/" in response.text


def test_points_history_is_paginated_with_fixed_queries(
    client, volunteer, activity, django_assert_max_num_queries
):
    shifts = add_shifts(activity, 60)
    for shift in shifts:
        serve(volunteer, shift, 60)
    client.force_login(volunteer.user)
    with django_assert_max_num_queries(16):
        response = client.get("/volunteers/me/points/")
    assert response.status_code == 200
    assert response.text.count('class="points-entry') == 25
    assert "data-points-balance>600<" in response.text
    last = client.get("/volunteers/me/points/", {"page": 3})
    assert last.text.count('class="points-entry') == 10
    # The volunteer's page also shows their service records and points summary.
    with django_assert_max_num_queries(20):
        assert client.get("/volunteers/me/").status_code == 200


def test_hours_chart_shows_twelve_months(client, volunteer, activity):
    shift = add_shifts(activity, 1, start=timezone.now() - timedelta(minutes=5))[0]
    serve(volunteer, shift, 90)
    client.force_login(volunteer.user)
    response = client.get("/volunteers/me/hours-per-month/")
    assert response.status_code == 200
    assert "<svg" in response.text
    assert response.text.count('class="bar-chart__row"') == 12
    assert f"{timezone.localdate():%Y-%m}" in response.text
    assert ">1.5<" in response.text


def test_own_pages_need_a_volunteer(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    for url in (
        "/volunteers/me/points/",
        "/volunteers/me/hours-per-month/",
        "/volunteers/me/certificates/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.endswith("/volunteers/register/")
    client.logout()
    assert "/accounts/login/" in client.get("/volunteers/me/points/").url


def test_unit_service_hours_for_the_unit_profile(
    board, organising_unit, django_assert_num_queries
):
    from volunteers.selectors.leaderboards import unit_service_hours

    with django_assert_num_queries(1):
        figures = unit_service_hours(unit_id=organising_unit.pk)
    assert figures == {"month": 8.0, "year": 8.0, "all": 8.0}
    assert unit_service_hours(unit_id=0) == {"month": 0, "year": 0, "all": 0}
