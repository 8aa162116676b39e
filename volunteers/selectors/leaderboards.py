"""Leaderboards of hours and points by volunteer, team, unit and district, for
this month, this year and all time. They read the period rollups kept by the
points ledger, so each board is one query whatever the number of
volunteers and records."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import (
    DistrictPeriodTotal,
    TeamPeriodTotal,
    UnitPeriodTotal,
    VolunteerPeriodTotal,
)
from volunteers.models.points import ALL_TIME
from volunteers.service_hours import hours_from_minutes

TOP = 50

PERIODS = {
    "month": _("This month"),
    "year": _("This year"),
    "all": _("All time"),
}
SCOPES = {
    "volunteer": _("Volunteers"),
    "team": _("Teams"),
    "unit": _("Units"),
    "district": _("Districts"),
}
METRICS = {"hours": _("Hours"), "points": _("Points")}


def period_key(period: str, today=None) -> str:
    today = today or timezone.localdate()
    if period == "month":
        return f"{today:%Y-%m}"
    if period == "year":
        return f"{today:%Y}"
    return ALL_TIME


def _row(rank, name, minutes, points, *, named=True, url=""):
    return {
        "rank": rank,
        "name": name,
        "named": named,
        "url": url,
        "hours": hours_from_minutes(minutes),
        "points": points or 0,
    }


def leaderboard(*, scope: str, period: str, metric: str, top: int = TOP) -> list:
    """The top ``top`` rows of one board. Volunteers who have not opted in are
    ranked and counted but not named."""
    key = period_key(period)
    order = "-minutes" if metric == "hours" else "-points"
    field = order[1:]
    if scope == "volunteer":
        rows = (
            VolunteerPeriodTotal.objects.filter(period=key, **{f"{field}__gt": 0})
            .order_by(order, "volunteer_id")
            .values(
                "minutes",
                "points",
                "volunteer__real_name",
                "volunteer__show_on_leaderboards",
            )[:top]
        )
        return [
            _row(
                rank,
                row["volunteer__real_name"]
                if row["volunteer__show_on_leaderboards"]
                else _("A volunteer"),
                row["minutes"],
                row["points"],
                named=row["volunteer__show_on_leaderboards"],
            )
            for rank, row in enumerate(rows, start=1)
        ]
    if scope == "unit":
        rows = (
            UnitPeriodTotal.objects.filter(period=key, **{f"{field}__gt": 0})
            .order_by(order, "unit_id")
            .values("minutes", "points", "unit__name", "unit__slug")[:top]
        )
        return [
            _row(
                rank,
                row["unit__name"],
                row["minutes"],
                row["points"],
                url=reverse("home:unit_detail", args=[row["unit__slug"]]),
            )
            for rank, row in enumerate(rows, start=1)
        ]
    if scope == "district":
        rows = (
            DistrictPeriodTotal.objects.filter(period=key, **{f"{field}__gt": 0})
            .order_by(order, "district_id")
            .values("minutes", "points", "district__name")[:top]
        )
        return [
            _row(rank, row["district__name"], row["minutes"], row["points"])
            for rank, row in enumerate(rows, start=1)
        ]
    # Teams: the sums of their current members' totals for the period, kept as
    # a rollup (volunteers/services/team_totals.py).
    rows = (
        TeamPeriodTotal.objects.filter(period=key, **{f"{field}__gt": 0})
        .order_by(order, "team_id")
        .values("minutes", "points", "team__name", "team__slug")[:top]
    )
    return [
        _row(
            rank,
            row["team__name"],
            row["minutes"],
            row["points"],
            url=reverse("volunteers:team_detail", args=[row["team__slug"]]),
        )
        for rank, row in enumerate(rows, start=1)
    ]


def unit_service_hours(*, unit_id: int) -> dict:
    """Approved hours served in the activities a unit organised, for this month,
    this year and all time (one query), e.g. for the unit's public profile."""
    keys = {period: period_key(period) for period in PERIODS}
    minutes = dict(
        UnitPeriodTotal.objects.filter(
            unit_id=unit_id, period__in=keys.values()
        ).values_list("period", "minutes")
    )
    return {
        period: hours_from_minutes(minutes.get(key, 0)) for period, key in keys.items()
    }
