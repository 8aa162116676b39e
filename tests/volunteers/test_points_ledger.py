"""The points ledger: credits for approved hours, idempotent posting, reversals on
correction and rejection, rollups, star levels and the database's guarantees."""

from decimal import Decimal

from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

import pytest

from tests.volunteers.factories import VolunteerFactory, add_shifts, service_record
from volunteers.models import (
    DistrictPeriodTotal,
    MultiplierDecision,
    PointsAccount,
    PointsEntry,
    StarAward,
    UnitPeriodTotal,
    VolunteerPeriodTotal,
    VolunteerPointsSettings,
)
from volunteers.services.points import (
    month_of,
    points_sync_for_record,
    post_entry,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def shifts(activity):
    return add_shifts(activity, 5)


def account_of(volunteer) -> PointsAccount:
    return PointsAccount.objects.get(volunteer=volunteer)


def assert_ledger_consistent(volunteer):
    account = account_of(volunteer)
    total = PointsEntry.objects.filter(volunteer=volunteer).aggregate(s=Sum("points"))
    assert account.balance == (total["s"] or 0)
    assert account.balance >= 0


def test_approved_record_is_credited_hours_times_rate(volunteer, shifts):
    record = service_record(volunteer, shifts[0], minutes=150)
    points_sync_for_record(record=record)
    entry = PointsEntry.objects.get(volunteer=volunteer)
    assert entry.kind == "credit"
    assert entry.points == 25  # 2.5 h × 10 points
    assert entry.minutes == 150
    assert entry.record == record
    assert account_of(volunteer).balance == 25
    assert account_of(volunteer).approved_minutes == 150
    assert_ledger_consistent(volunteer)


def test_credit_uses_the_activity_multiplier_and_the_configured_rate(
    volunteer, activity, shifts
):
    # The multiplier that counts is the one staff approved (not the page's field).
    MultiplierDecision.objects.create(
        activity=activity,
        value=Decimal("1.5"),
        status=MultiplierDecision.Status.APPROVED,
        proposed_at=timezone.now(),
        decided_at=timezone.now(),
        reason="重点活动",
    )
    config = VolunteerPointsSettings.load()
    config.points_per_hour = 20
    config.save()
    points_sync_for_record(record=service_record(volunteer, shifts[0], minutes=60))
    assert account_of(volunteer).balance == 30


def test_posting_twice_credits_once(volunteer, shifts):
    record = service_record(volunteer, shifts[0])
    points_sync_for_record(record=record)
    points_sync_for_record(record=record)
    assert PointsEntry.objects.filter(record=record).count() == 1
    assert account_of(volunteer).balance == 20


def test_pending_and_rejected_records_earn_nothing(volunteer, shifts):
    points_sync_for_record(
        record=service_record(volunteer, shifts[0], status="pending")
    )
    points_sync_for_record(
        record=service_record(volunteer, shifts[1], status="rejected")
    )
    assert not PointsEntry.objects.exists()


def test_correction_reverses_the_old_credit_and_credits_the_new_minutes(
    volunteer, shifts
):
    record = service_record(volunteer, shifts[0], minutes=120)
    points_sync_for_record(record=record)
    record.minutes = 60
    record.save()
    points_sync_for_record(record=record)
    points_sync_for_record(record=record)
    entries = list(
        PointsEntry.objects.filter(record=record)
        .order_by("pk")
        .values_list("kind", "revision", "points", "minutes")
    )
    assert entries == [
        ("credit", 1, 20, 120),
        ("reversal", 1, -20, -120),
        ("credit", 2, 10, 60),
    ]
    assert account_of(volunteer).balance == 10
    assert account_of(volunteer).approved_minutes == 60
    assert_ledger_consistent(volunteer)


def test_rejection_after_approval_reverses_the_credit(volunteer, shifts):
    record = service_record(volunteer, shifts[0])
    points_sync_for_record(record=record)
    record.status = "rejected"
    record.rejection_reason = "未到岗"
    record.save()
    points_sync_for_record(record=record)
    assert account_of(volunteer).balance == 0
    assert account_of(volunteer).approved_minutes == 0
    assert list(
        PointsEntry.objects.filter(record=record).values_list("kind", flat=True)
    ) == ["reversal", "credit"]
    total = VolunteerPeriodTotal.objects.get(volunteer=volunteer, period="all")
    assert (total.minutes, total.points) == (0, 0)


def test_reversal_after_points_were_spent_takes_only_what_is_left(volunteer, shifts):
    record = service_record(volunteer, shifts[0], minutes=120)
    points_sync_for_record(record=record)
    post_entry(volunteer=volunteer, kind="debit", points=-15, key="test-spend")
    record.status = "rejected"
    record.rejection_reason = "重复记录"
    record.save()
    points_sync_for_record(record=record)
    reversal = PointsEntry.objects.get(kind="reversal")
    assert reversal.points == -5
    assert reversal.minutes == -120
    assert "15" in reversal.note
    assert account_of(volunteer).balance == 0
    assert_ledger_consistent(volunteer)


def test_rollups_follow_the_ledger(volunteer, shifts):
    first = service_record(volunteer, shifts[0], minutes=120)
    second = service_record(volunteer, shifts[1], minutes=60)
    points_sync_for_record(record=first)
    points_sync_for_record(record=second)
    month = month_of(first.started_at)
    unit = first.unit
    for period in (f"{month:%Y-%m}", f"{month:%Y}", "all"):
        assert VolunteerPeriodTotal.objects.filter(
            volunteer=volunteer, period=period
        ).exists()
    everything = VolunteerPeriodTotal.objects.get(volunteer=volunteer, period="all")
    assert (everything.minutes, everything.points) == (180, 30)
    assert UnitPeriodTotal.objects.get(unit=unit, period="all").minutes == 180
    assert (
        DistrictPeriodTotal.objects.get(
            district=volunteer.district, period="all"
        ).minutes
        == 180
    )
    months = VolunteerPeriodTotal.objects.filter(
        volunteer=volunteer, period__regex=r"^\d{4}-\d{2}$"
    ).aggregate(m=Sum("minutes"))
    assert months["m"] == 180


def test_debits_cannot_take_the_balance_below_zero(volunteer, shifts):
    points_sync_for_record(record=service_record(volunteer, shifts[0]))
    with pytest.raises(Exception, match="enough points"):
        post_entry(volunteer=volunteer, kind="debit", points=-21, key="too-much")
    assert account_of(volunteer).balance == 20
    assert not PointsEntry.objects.filter(kind="debit").exists()


def test_database_refuses_a_negative_balance(volunteer):
    PointsAccount.objects.create(volunteer=volunteer, balance=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsAccount.objects.filter(volunteer=volunteer).update(balance=-1)


def test_database_refuses_a_second_credit_for_one_record_revision(volunteer, shifts):
    record = service_record(volunteer, shifts[0])
    points_sync_for_record(record=record)
    credit = PointsEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsEntry.objects.create(
            volunteer=volunteer,
            kind="credit",
            points=20,
            record=record,
            revision=1,
            month=credit.month,
            idempotency_key="another-key",
        )


def test_reaching_a_star_level_posts_the_bonus_and_emails_once(
    volunteer, shifts, django_capture_on_commit_callbacks
):
    config = VolunteerPointsSettings.load()
    config.star_1_hours = 2
    config.star_2_hours = 4
    config.save()
    record = service_record(volunteer, shifts[0], minutes=180)
    with django_capture_on_commit_callbacks(execute=True):
        points_sync_for_record(record=record)
    account = account_of(volunteer)
    assert account.star_level == 1
    assert list(StarAward.objects.values_list("level", flat=True)) == [1]
    bonus = PointsEntry.objects.get(kind="bonus")
    assert bonus.points == config.star_bonus_points
    assert account.balance == 30 + config.star_bonus_points
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.user.email]
    # Dropping below the level and reaching it again gives nothing more.
    record.minutes = 60
    record.save()
    points_sync_for_record(record=record)
    assert account_of(volunteer).star_level == 0
    record.minutes = 180
    record.save()
    with django_capture_on_commit_callbacks(execute=True):
        points_sync_for_record(record=record)
    assert account_of(volunteer).star_level == 1
    assert PointsEntry.objects.filter(kind="bonus").count() == 1
    assert len(mail.outbox) == 1
    assert_ledger_consistent(volunteer)


def test_default_star_thresholds_are_the_national_convention():
    assert VolunteerPointsSettings().star_hours == [100, 300, 600, 1000, 1500]


def test_each_volunteer_has_their_own_account(shifts):
    first, second = VolunteerFactory(), VolunteerFactory()
    points_sync_for_record(record=service_record(first, shifts[0]))
    points_sync_for_record(record=service_record(second, shifts[0], minutes=60))
    assert account_of(first).balance == 20
    assert account_of(second).balance == 10
