"""Under real concurrency on PostgreSQL: 20 parallel redemptions of an item with 5
in stock give exactly 5, debits never take a balance below zero, and syncing the
same approved record from two sessions at once credits it once."""

from django.db import transaction
from django.db.models import Sum

from home.exceptions import ServiceError
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.volunteers.factories import (
    RewardFactory,
    VolunteerFactory,
    add_shifts,
    service_record,
)
from volunteers.models import PointsAccount, PointsEntry, Redemption, Reward
from volunteers.services.points import points_sync_for_record, post_entry
from volunteers.services.rewards import reward_redeem

pytestmark = POSTGRES_ONLY


def test_twenty_parallel_redemptions_of_five_in_stock_give_exactly_five():
    volunteers = [VolunteerFactory() for _ in range(20)]
    for volunteer in volunteers:
        post_entry(
            volunteer=volunteer, kind="bonus", points=100, key=f"g{volunteer.pk}"
        )
    reward = RewardFactory(points_price=100, stock=5, per_person_limit=1)

    results, errors = run_in_parallel(
        lambda volunteer: reward_redeem(volunteer=volunteer, reward_id=reward.pk),
        volunteers,
    )
    assert len(results) == 5
    assert len(errors) == 15
    assert all(isinstance(error, ServiceError) for error in errors)
    assert Reward.objects.get(pk=reward.pk).stock == 0
    assert Redemption.objects.count() == 5
    spent = PointsAccount.objects.filter(balance=0).count()
    assert spent == 5


def test_one_volunteer_pressing_twenty_times_stays_within_limit_and_balance():
    volunteer = VolunteerFactory()
    post_entry(volunteer=volunteer, kind="bonus", points=250, key="gift")
    reward = RewardFactory(points_price=100, stock=50, per_person_limit=3)

    results, errors = run_in_parallel(
        lambda _n: reward_redeem(volunteer=volunteer, reward_id=reward.pk), range(20)
    )
    assert len(results) == 2  # 250 points buy two
    assert all(isinstance(error, ServiceError) for error in errors)
    account = PointsAccount.objects.get(volunteer=volunteer)
    assert account.balance == 50
    total = PointsEntry.objects.filter(volunteer=volunteer).aggregate(s=Sum("points"))
    assert total["s"] == 50
    assert Reward.objects.get(pk=reward.pk).stock == 48


def test_syncing_one_approved_record_from_two_sessions_credits_once(
    activity_index, organising_unit
):
    from tests.volunteers.factories import make_activity

    activity = make_activity(activity_index, unit=organising_unit)
    shift = add_shifts(activity, 1)[0]
    volunteer = VolunteerFactory()
    record = service_record(volunteer, shift, minutes=120)

    def approve(_n):
        with transaction.atomic():
            points_sync_for_record(record=record)

    results, errors = run_in_parallel(approve, range(2))
    assert errors == []
    assert PointsEntry.objects.filter(record=record, kind="credit").count() == 1
    assert PointsAccount.objects.get(volunteer=volunteer).balance == 20
