"""Reads of a volunteer's points, stars, rewards and certificates. Each is a fixed
number of queries, whatever the length of the volunteer's history."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from home.charts import bar_chart
from home.permissions import is_platform_staff
from volunteers.models import (
    Certificate,
    PointsAccount,
    PointsEntry,
    Redemption,
    Reward,
    Volunteer,
    VolunteerPeriodTotal,
    VolunteerPointsSettings,
)
from volunteers.service_hours import hours_from_minutes

CHART_MONTHS = 12


def points_account(*, volunteer: Volunteer) -> PointsAccount:
    """The volunteer's account, or an unsaved empty one (nothing posted yet)."""
    account = PointsAccount.objects.filter(volunteer=volunteer).first()
    return account or PointsAccount(volunteer=volunteer)


def star_progress(*, account: PointsAccount, settings=None) -> dict:
    """The star level, and the hours still to go to the next one (None at 5)."""
    settings = settings or VolunteerPointsSettings.load()
    thresholds = settings.star_hours
    level = account.star_level
    next_hours = thresholds[level] if level < len(thresholds) else None
    to_go = None
    if next_hours is not None:
        to_go = hours_from_minutes(max(next_hours * 60 - account.approved_minutes, 0))
    return {
        "level": level,
        "stars": range(level),
        "empty_stars": range(len(thresholds) - level),
        "next_level": level + 1 if next_hours is not None else None,
        "next_hours": next_hours,
        "hours_to_go": to_go,
    }


def points_summary(*, volunteer: Volunteer) -> dict:
    """What the volunteer's own page shows about points: two queries."""
    account = points_account(volunteer=volunteer)
    return {"account": account, "stars": star_progress(account=account)}


def points_history(*, volunteer: Volunteer) -> QuerySet[PointsEntry]:
    return PointsEntry.objects.filter(volunteer=volunteer).order_by(
        "-created_at", "-pk"
    )


def _months_back(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def hours_chart(*, volunteer: Volunteer, months: int = CHART_MONTHS) -> dict:
    """Approved hours per month over the last ``months`` months (one query), as
    geometry for includes/svg_bar_chart.html."""
    wanted = _months_back(timezone.localdate(), months)
    keys = [f"{month:%Y-%m}" for month in wanted]
    totals = dict(
        VolunteerPeriodTotal.objects.filter(
            volunteer=volunteer, period__in=keys
        ).values_list("period", "minutes")
    )
    # Each month's share of the twelve months' hours.
    whole = sum(totals.get(key, 0) for key in keys) or 1
    bars = [
        {
            "label": key,
            "count": hours_from_minutes(totals.get(key, 0)),
            "percent": round(totals.get(key, 0) * 100 / whole, 1),
        }
        for key in keys
    ]
    chart = bar_chart(
        identifier="hours-per-month",
        title=_("Approved hours per month"),
        bars=bars,
        label_heading=_("Month"),
        count_heading=_("Hours"),
    )
    chart["total_hours"] = hours_from_minutes(sum(totals.values()))
    return chart


def rewards_available(*, volunteer: Volunteer | None) -> list[Reward]:
    """The catalogue's items on offer now, cheapest first, each with how many the
    volunteer has redeemed (cancelled ones not counted): one query."""
    now = timezone.now()
    rewards = Reward.objects.filter(active_from__lte=now).filter(
        Q(active_until__isnull=True) | Q(active_until__gt=now)
    )
    if volunteer is not None:
        rewards = rewards.annotate(
            taken=Count(
                "redemptions",
                filter=Q(redemptions__volunteer=volunteer)
                & ~Q(redemptions__status=Redemption.Status.CANCELLED),
            )
        )
    return list(rewards.select_related("image").order_by("points_price", "name"))


def my_redemptions(*, volunteer: Volunteer) -> QuerySet[Redemption]:
    return (
        Redemption.objects.filter(volunteer=volunteer)
        .select_related("reward")
        .order_by("-created_at", "-pk")
    )


def my_certificates(*, volunteer: Volunteer) -> QuerySet[Certificate]:
    return Certificate.objects.filter(volunteer=volunteer).select_related("unit")


def certificate_units(*, volunteer: Volunteer):
    """The units that organised the volunteer's approved service (for the request
    form's optional unit filter)."""
    from home.models import Unit

    return (
        Unit.objects.filter(
            service_records__volunteer=volunteer, service_records__status="approved"
        )
        .distinct()
        .order_by("name")
    )


def certificate_for_download(*, user, certificate_id: int) -> Certificate | None:
    """The certificate if ``user`` owns it or is staff, else None (a 404)."""
    if not user.is_authenticated:
        return None
    certificate = Certificate.objects.filter(pk=certificate_id)
    if not is_platform_staff(user):
        certificate = certificate.filter(volunteer__user=user)
    return certificate.first()


def certificate_by_token(*, token: str) -> Certificate | None:
    return Certificate.objects.filter(verification_token=token).first()
