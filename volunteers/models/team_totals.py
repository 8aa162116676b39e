"""The team leaderboard's rollup: minutes and points per team and period, the
sums of the team's approved members' own period totals.

Kept by the points ledger as it posts (volunteers/services/points.py adds to the
teams of the volunteer), recomputed for a team when its members change and for
every team by a scheduled job (volunteers/services/team_totals.py), so the board
reads at most ``TOP`` rows in index order instead of summing every member."""

from django.db import models

from volunteers.models.points import PeriodTotal


class TeamPeriodTotal(PeriodTotal):
    team = models.ForeignKey(
        "volunteers.Team", on_delete=models.CASCADE, related_name="period_totals"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "period"], name="team_period_total_once"
            )
        ]
        indexes = [
            # The board's ORDER BY (value DESC, team_id) read in order.
            models.Index(
                fields=["period", "-minutes", "team"], name="team_total_minutes_idx"
            ),
            models.Index(
                fields=["period", "-points", "team"], name="team_total_points_idx"
            ),
        ]
