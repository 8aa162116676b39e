"""The team leaderboard's rollup (``TeamPeriodTotal``): a team's minutes and
points in a period are the sums of its approved members' period totals.

The points ledger adds to it as it posts (``team_totals_add``, in the posting
transaction). A change of members (approved, left, removed) recomputes that
team (``team_totals_refresh``, in the same transaction: volunteers/signals.py), and
a scheduled job recomputes every team, repairing whatever a change made outside
these paths (a bulk import, a fix in SQL) left behind."""

from datetime import date

from django.db import connection, transaction
from django.db.models import F, Sum

from volunteers.models import Team, TeamMembership, TeamPeriodTotal
from volunteers.models.points import ALL_TIME

APPROVED = TeamMembership.Status.APPROVED


def team_totals_live(*, team_ids=None, period: str | None = None) -> dict:
    """{(team_id, period): (minutes, points)} summed from the members' own totals
    now (the computation the rollup stands in for)."""
    memberships = TeamMembership.objects.filter(
        status=APPROVED, volunteer__period_totals__isnull=False
    )
    if team_ids is not None:
        memberships = memberships.filter(team_id__in=team_ids)
    if period is not None:
        memberships = memberships.filter(volunteer__period_totals__period=period)
    rows = (
        memberships.values("team_id", period_key=F("volunteer__period_totals__period"))
        .annotate(
            minutes=Sum("volunteer__period_totals__minutes"),
            points=Sum("volunteer__period_totals__points"),
        )
        .order_by()
    )
    return {
        (row["team_id"], row["period_key"]): (row["minutes"], row["points"])
        for row in rows
    }


@transaction.atomic
def team_totals_refresh(*, team_ids=None) -> int:
    """Recompute the rollup of ``team_ids`` (every team when None) from the
    members' totals; returns the number of rows written. The teams' rows are
    locked first, so a posting that adds to one of them waits or is waited for
    (none is lost between the read and the write)."""
    teams = Team.objects.select_for_update().order_by("pk")
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    locked = list(teams.values_list("pk", flat=True))
    if not locked:
        return 0
    live = team_totals_live(team_ids=None if team_ids is None else locked)
    stale = TeamPeriodTotal.objects.all()
    if team_ids is not None:
        stale = stale.filter(team_id__in=locked)
    kept = {key: values for key, values in live.items() if key[0] in set(locked)}
    stale.delete()
    TeamPeriodTotal.objects.bulk_create(
        [
            TeamPeriodTotal(team_id=team_id, period=period, minutes=m, points=p)
            for (team_id, period), (m, p) in kept.items()
        ],
        batch_size=1000,
    )
    return len(kept)


def team_totals_add(*, volunteer_id: int, month: date, minutes: int, points: int):
    """Add one posting to the three period rows (month, year, all time) of each
    team the volunteer is an approved member of; inside the posting's
    transaction. Locks those teams' rows (see ``team_totals_refresh``)."""
    team_ids = list(
        Team.objects.select_for_update()
        .filter(memberships__volunteer_id=volunteer_id, memberships__status=APPROVED)
        .values_list("pk", flat=True)
    )
    if not team_ids:
        return
    periods = [f"{month:%Y-%m}", f"{month:%Y}", ALL_TIME]
    values = ", ".join(["(%s, %s, %s, %s)"] * (len(periods) * len(team_ids)))
    params = []
    for team_id in team_ids:
        for period in periods:
            params += [team_id, period, minutes, points]
    table = TeamPeriodTotal._meta.db_table
    sql = (
        f"INSERT INTO {table} (team_id, period, minutes, points) "  # noqa: S608
        f"VALUES {values} ON CONFLICT (team_id, period) DO UPDATE SET "
        f"minutes = {table}.minutes + excluded.minutes, "
        f"points = {table}.points + excluded.points"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
