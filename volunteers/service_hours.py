"""Service hours as people read them: one figure per number of minutes, the same
on every page, export, certificate and leaderboard.

The official figure is the certificate's: hours to one decimal place, halves
rounded up (9 minutes are 0.2 hours, 3 minutes 0.1). Every page and file that
shows hours calls ``hours_from_minutes`` (templates through the ``service_hours``
filter of ``volunteer_hours``), so the same record never reads 0.07 h on one
page and 0.1 h on another."""

from decimal import ROUND_HALF_UP, Decimal

HOURS_STEP = Decimal("0.1")


def hours_from_minutes(minutes) -> Decimal:
    """``minutes`` (an int, or None for none) as hours to one decimal place."""
    return (Decimal(minutes or 0) / 60).quantize(HOURS_STEP, rounding=ROUND_HALF_UP)
