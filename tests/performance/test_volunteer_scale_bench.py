"""100,000 volunteers and 1,000,000 approved or pending service records, with
their ledger entries and period rollups, inserted in bulk: latency and queries of
the leaderboards and of a volunteer's own pages (printed by `make bench`; run it
on PostgreSQL with DATABASE_URL for production-like figures)."""

import time

from django.db import connection

import pytest

from tests.performance.helpers import measure
from tests.performance.volunteer_world import VOLUNTEERS, build_world

pytestmark = pytest.mark.django_db


def test_leaderboards_and_volunteer_pages_at_scale(client, capsys):
    started = time.perf_counter()
    volunteer, records, entries = build_world()
    built = time.perf_counter() - started
    board = "/volunteers/leaderboards/"
    rows = [
        (
            "leaderboard: volunteers, hours, this month",
            f"{board}?scope=volunteer&period=month&metric=hours",
        ),
        (
            "leaderboard: volunteers, points, all time",
            f"{board}?scope=volunteer&period=all&metric=points",
        ),
        (
            "leaderboard: volunteers, hours, this year",
            f"{board}?scope=volunteer&period=year&metric=hours",
        ),
        (
            "leaderboard: teams, hours, all time",
            f"{board}?scope=team&period=all&metric=hours",
        ),
        (
            "leaderboard: teams, hours, this month",
            f"{board}?scope=team&period=month&metric=hours",
        ),
        (
            "leaderboard: units, hours, this year",
            f"{board}?scope=unit&period=year&metric=hours",
        ),
        (
            "leaderboard: districts, points, all time",
            f"{board}?scope=district&period=all&metric=points",
        ),
    ]
    figures = [(label, measure(client, path)) for label, path in rows]
    client.force_login(volunteer.user)
    for label, path in [
        ("volunteer: /volunteers/me/", "/volunteers/me/"),
        ("volunteer: points history", "/volunteers/me/points/"),
        ("volunteer: points history, page 2", "/volunteers/me/points/?page=2"),
        ("volunteer: hours per month chart", "/volunteers/me/hours-per-month/"),
        ("volunteer: rewards", "/volunteers/rewards/"),
        ("volunteer: certificates", "/volunteers/me/certificates/"),
    ]:
        figures.append((label, measure(client, path)))
    with capsys.disabled():
        print(
            f"\n{connection.vendor}: {VOLUNTEERS:,} volunteers, {records:,} service "
            f"records, {entries:,} ledger entries, built in {built:.0f} s"
        )
        print(f"{'page':48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, figure in figures:
            print(
                f"{label:48} {figure['median_ms']:>10} {figure['p95_ms']:>8} "
                f"{figure['queries']:>8}"
            )
