"""The incentive points ledger (积分).

Every change goes through ``_post``: in one transaction it inserts an append-only
``PointsEntry`` (its unique idempotency key makes a repeat a no-op), moves the
volunteer's ``PointsAccount`` by a conditional UPDATE that the database refuses
below zero (so the balance is always the sum of the entries and never negative),
and adds the entry to the period rollups read by leaderboards and charts.
Writers of one volunteer's points are serialised by locking the account row."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.emails import email_language
from home.exceptions import ServiceError
from home.inbox import notify
from volunteers.models import (
    PointsAccount,
    PointsEntry,
    ServiceRecord,
    StarAward,
    Volunteer,
    VolunteerPointsSettings,
)
from volunteers.models.points import ALL_TIME
from volunteers.selectors.decisions import approved_multiplier
from volunteers.services.team_totals import team_totals_add

Kind = PointsEntry.Kind
# Kinds that count as points earned (leaderboards); debits and refunds only move
# the balance.
EARNED_KINDS = (Kind.CREDIT, Kind.BONUS, Kind.REVERSAL)


class NotEnoughPoints(ServiceError):
    pass


def month_of(moment) -> date:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return date(local.year, local.month, 1)


def periods_of(month: date) -> list[str]:
    return [f"{month:%Y-%m}", f"{month:%Y}", ALL_TIME]


def points_settings() -> VolunteerPointsSettings:
    return VolunteerPointsSettings.load()


def credit_points(*, minutes: int, multiplier, rate: int) -> int:
    """Approved minutes × the rate per hour × the activity's multiplier, rounded
    half up to whole points."""
    value = Decimal(minutes) * Decimal(rate) * Decimal(multiplier) / Decimal(60)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def account_lock(*, volunteer_id: int) -> PointsAccount:
    """The volunteer's account row, created if missing, locked until the end of the
    transaction (on SQLite the IMMEDIATE transaction already serialises writers)."""
    PointsAccount.objects.get_or_create(volunteer_id=volunteer_id)
    return PointsAccount.objects.select_for_update().get(volunteer_id=volunteer_id)


# Rollups ------------------------------------------------------------------------

_ROLLUPS = (
    ("volunteers_volunteerperiodtotal", "volunteer_id"),
    ("volunteers_unitperiodtotal", "unit_id"),
    ("volunteers_districtperiodtotal", "district_id"),
)


def _rollup_add(*, table: str, column: str, key: int, month: date, minutes, points):
    """Add to the three period rows (month, year, all time) in one upsert;
    INSERT … ON CONFLICT works alike on SQLite and PostgreSQL."""
    periods = periods_of(month)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(periods))
    params = []
    for period in periods:
        params += [key, period, minutes, points]
    # Table and column names come from the constant above, never from input.
    sql = (
        f"INSERT INTO {table} ({column}, period, minutes, points) "  # noqa: S608
        f"VALUES {values} ON CONFLICT ({column}, period) DO UPDATE SET "
        f"minutes = {table}.minutes + excluded.minutes, "
        f"points = {table}.points + excluded.points"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rollups_add(*, entry: PointsEntry, earned: int) -> None:
    keys = (entry.volunteer_id, entry.unit_id, entry.district_id)
    for (table, column), key in zip(_ROLLUPS, keys, strict=True):
        if key is not None:
            _rollup_add(
                table=table,
                column=column,
                key=key,
                month=entry.month,
                minutes=entry.minutes,
                points=earned,
            )
    team_totals_add(
        volunteer_id=entry.volunteer_id,
        month=entry.month,
        minutes=entry.minutes,
        points=earned,
    )


# Posting ------------------------------------------------------------------------


def _post(
    account: PointsAccount,
    *,
    kind: str,
    points: int,
    key: str,
    month: date,
    minutes: int = 0,
    record: ServiceRecord | None = None,
    revision: int = 0,
    redemption=None,
    unit_id: int | None = None,
    district_id: int | None = None,
    note: str = "",
) -> PointsEntry | None:
    """Insert one entry and move the balance and rollups with it; None if an entry
    with this key exists already. The caller holds the account lock."""
    if PointsEntry.objects.filter(idempotency_key=key).exists():
        return None
    earned = points if kind in EARNED_KINDS else 0
    moved = PointsAccount.objects.filter(
        pk=account.pk, balance__gte=-points, approved_minutes__gte=-minutes
    ).update(
        balance=F("balance") + points,
        earned_points=F("earned_points") + earned,
        approved_minutes=F("approved_minutes") + minutes,
        updated_at=timezone.now(),
    )
    if not moved:
        raise NotEnoughPoints(_("You do not have enough points for this."))
    account.balance += points
    account.earned_points += earned
    account.approved_minutes += minutes
    entry = PointsEntry.objects.create(
        volunteer_id=account.volunteer_id,
        kind=kind,
        points=points,
        minutes=minutes,
        record=record,
        revision=revision,
        redemption=redemption,
        month=month,
        unit_id=unit_id,
        district_id=district_id,
        idempotency_key=key,
        note=note[:200],
    )
    if earned or minutes:
        _rollups_add(entry=entry, earned=earned)
    return entry


def post_entry(*, volunteer: Volunteer, kind: str, points: int, key: str, **fields):
    """Post one bonus, debit or refund for ``volunteer`` (locks the account).
    Idempotent by ``key``. Raises NotEnoughPoints if the balance would go below
    zero."""
    with transaction.atomic():
        account = account_lock(volunteer_id=volunteer.pk)
        fields.setdefault("month", month_of(timezone.now()))
        fields.setdefault("district_id", volunteer.district_id)
        return _post(account, kind=kind, points=points, key=key, **fields)


# Service records ----------------------------------------------------------------


def _reverse_credit(account: PointsAccount, *, credit: dict, record, note: str):
    """Undo a credit. Points already spent cannot be taken back: the reversal
    takes what the balance holds and says so in its note; the minutes always go."""
    points = min(credit["points"], account.balance)
    if points < credit["points"]:
        note = _("%(note)s (%(missing)s points already redeemed)") % {
            "note": note,
            "missing": credit["points"] - points,
        }
    _post(
        account,
        kind=Kind.REVERSAL,
        points=-points,
        minutes=-credit["minutes"],
        key=f"reversal:{record.pk}:{credit['revision']}",
        month=credit["month"],
        record=record,
        revision=credit["revision"],
        unit_id=credit["unit_id"],
        district_id=credit["district_id"],
        note=note,
    )


@transaction.atomic
def points_sync_for_record(*, record: ServiceRecord) -> None:
    """Make the ledger agree with ``record``: an approved record has exactly one
    live credit for its current minutes; a corrected or rejected one has its old
    credit reversed. Idempotent: calling it again posts nothing new. Called inside
    the transaction that changed the record."""
    account = account_lock(volunteer_id=record.volunteer_id)
    entries = list(
        PointsEntry.objects.filter(record_id=record.pk).values(
            "kind", "revision", "points", "minutes", "month", "unit_id", "district_id"
        )
    )
    credits = {e["revision"]: e for e in entries if e["kind"] == Kind.CREDIT}
    reversed_ = {e["revision"] for e in entries if e["kind"] == Kind.REVERSAL}
    live = [credits[r] for r in sorted(credits) if r not in reversed_]
    wanted = record.status == ServiceRecord.Status.APPROVED
    month = month_of(record.started_at)
    config = points_settings()
    for credit in live:
        if (
            wanted
            and credit is live[-1]
            and credit["minutes"] == record.minutes
            and credit["month"] == month
            and credit["unit_id"] == record.unit_id
        ):
            return
        note = _("Record rejected") if not wanted else _("Record corrected")
        _reverse_credit(account, credit=credit, record=record, note=note)
    if wanted:
        revision = max(credits, default=0) + 1
        activity = record.shift.activity
        volunteer = record.volunteer
        _post(
            account,
            kind=Kind.CREDIT,
            points=credit_points(
                minutes=record.minutes,
                multiplier=approved_multiplier(activity_id=activity.pk),
                rate=config.points_per_hour,
            ),
            minutes=record.minutes,
            key=f"credit:{record.pk}:{revision}",
            month=month,
            record=record,
            revision=revision,
            unit_id=record.unit_id,
            district_id=volunteer.district_id,
            note=activity.title[:200],
        )
    stars_update(account=account, config=config)


# Star levels --------------------------------------------------------------------


def star_level_for(*, minutes: int, thresholds: list[int]) -> int:
    return sum(1 for hours in thresholds if minutes >= hours * 60)


def stars_update(*, account: PointsAccount, config=None) -> list[int]:
    """Set the star level from the cumulative approved hours. A level reached for
    the first time ever posts the configured bonus and emails the volunteer, once
    (StarAward is unique per volunteer and level). Returns the new levels."""
    config = config or points_settings()
    level = star_level_for(
        minutes=account.approved_minutes, thresholds=config.star_hours
    )
    reached = []
    if level > account.star_level:
        done = set(
            StarAward.objects.filter(
                volunteer_id=account.volunteer_id, level__lte=level
            ).values_list("level", flat=True)
        )
        reached = [n for n in range(1, level + 1) if n not in done]
    if level != account.star_level:
        PointsAccount.objects.filter(pk=account.pk).update(star_level=level)
        account.star_level = level
    if not reached:
        return []
    volunteer = Volunteer.objects.select_related("user").get(pk=account.volunteer_id)
    StarAward.objects.bulk_create(
        [StarAward(volunteer_id=volunteer.pk, level=n) for n in reached]
    )
    for n in reached:
        if config.star_bonus_points:
            _post(
                account,
                kind=Kind.BONUS,
                points=config.star_bonus_points,
                key=f"star-bonus:{volunteer.pk}:{n}",
                month=month_of(timezone.now()),
                district_id=volunteer.district_id,
                note=_("Reached %(level)s stars") % {"level": n},
            )
    _send_star_email(volunteer=volunteer, level=max(reached), bonus=config)
    return reached


def _send_star_email(*, volunteer: Volunteer, level: int, bonus) -> None:
    user = volunteer.user
    if not user.is_active:
        return
    with email_language():
        subject = _("You are now a %(level)s-star Green Ribbon volunteer") % {
            "level": level
        }
        link = settings.CANYU_BASE_URL + reverse("volunteers:points")
    notify(
        user=user,
        kind="star_level",
        title=subject,
        url=link,
        email={
            "subject": subject,
            "template": "volunteers/emails/star_level.txt",
            "context": {
                "volunteer": volunteer,
                "level": level,
                "bonus": bonus.star_bonus_points,
                "link": link,
            },
        },
    )
