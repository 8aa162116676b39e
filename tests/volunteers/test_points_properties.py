"""Property-based: random sequences of approvals, corrections, rejections,
redemptions, cancellations and hand-overs never break the ledger. After every
step: each balance equals the sum of its entries and is not negative, each
approved record has exactly one live credit (for its current minutes) and any
other record none, the rollups agree, and stock never goes below zero."""

from django.db import transaction
from django.db.models import Sum

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.exceptions import ServiceError
from tests.volunteers.factories import (
    RewardFactory,
    VolunteerFactory,
    add_shifts,
    service_record,
)
from volunteers.models import (
    PointsAccount,
    PointsEntry,
    Redemption,
    Reward,
    ServiceRecord,
    VolunteerPeriodTotal,
)
from volunteers.services import rewards as reward_services
from volunteers.services.points import points_sync_for_record

pytestmark = pytest.mark.django_db

VOLUNTEERS = 3
RECORDS_EACH = 3
STOCK = (2, 1)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("approve"), st.integers(0, VOLUNTEERS * RECORDS_EACH - 1)),
        st.tuples(
            st.just("correct"),
            st.integers(0, VOLUNTEERS * RECORDS_EACH - 1),
            st.integers(0, 600),
        ),
        st.tuples(st.just("reject"), st.integers(0, VOLUNTEERS * RECORDS_EACH - 1)),
        st.tuples(
            st.just("redeem"),
            st.integers(0, VOLUNTEERS - 1),
            st.integers(0, len(STOCK) - 1),
        ),
        st.tuples(st.just("cancel"), st.integers(0, 20)),
        st.tuples(st.just("fulfil"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture
def world(activity):
    shifts = add_shifts(activity, RECORDS_EACH)
    volunteers = [VolunteerFactory() for _ in range(VOLUNTEERS)]
    records = [
        service_record(volunteer, shift, minutes=120, status="pending")
        for volunteer in volunteers
        for shift in shifts
    ]
    rewards = [
        RewardFactory(points_price=price, stock=stock, per_person_limit=2)
        for price, stock in zip((30, 50), STOCK, strict=True)
    ]
    return volunteers, [r.pk for r in records], [r.pk for r in rewards]


def apply(step, volunteers, record_ids, reward_ids):
    action = step[0]
    if action in ("approve", "correct", "reject"):
        record = ServiceRecord.objects.get(pk=record_ids[step[1]])
        if action == "approve":
            record.status = ServiceRecord.Status.APPROVED
        elif action == "correct":
            if record.status != ServiceRecord.Status.APPROVED:
                return
            record.minutes = step[2]
        else:
            record.status = ServiceRecord.Status.REJECTED
            record.rejection_reason = "不符合要求"
        record.save()
        with transaction.atomic():
            points_sync_for_record(record=record)
        return
    try:
        if action == "redeem":
            reward_services.reward_redeem(
                volunteer=volunteers[step[1]], reward_id=reward_ids[step[2]]
            )
            return
        redemptions = list(Redemption.objects.order_by("pk"))
        if not redemptions:
            return
        redemption = redemptions[step[1] % len(redemptions)]
        if action == "cancel":
            reward_services.redemption_cancel(
                redemption_id=redemption.pk, by=None, reason="测试取消"
            )
        else:
            reward_services.redemption_fulfil(redemption_id=redemption.pk, by=None)
    except ServiceError:
        pass  # a refusal changes nothing; the invariants are checked below


def check_invariants(volunteers, record_ids, reward_ids):
    for volunteer in volunteers:
        account = PointsAccount.objects.filter(volunteer=volunteer).first()
        total = PointsEntry.objects.filter(volunteer=volunteer).aggregate(
            s=Sum("points")
        )["s"]
        assert (account.balance if account else 0) == (total or 0)
        assert (account.balance if account else 0) >= 0
        approved = (
            ServiceRecord.objects.filter(
                volunteer=volunteer, status="approved"
            ).aggregate(m=Sum("minutes"))["m"]
            or 0
        )
        rollup = VolunteerPeriodTotal.objects.filter(
            volunteer=volunteer, period="all"
        ).first()
        assert (rollup.minutes if rollup else 0) == approved
        assert (account.approved_minutes if account else 0) == approved
    for record in ServiceRecord.objects.filter(pk__in=record_ids):
        entries = PointsEntry.objects.filter(record=record)
        credits = {e.revision: e for e in entries if e.kind == "credit"}
        reversed_ = {e.revision for e in entries if e.kind == "reversal"}
        live = [c for r, c in credits.items() if r not in reversed_]
        if record.status == "approved":
            assert len(live) == 1
            assert live[0].minutes == record.minutes
        else:
            assert live == []
    for reward in Reward.objects.filter(pk__in=reward_ids):
        assert reward.stock >= 0
        taken = reward.redemptions.exclude(status="cancelled").count()
        assert reward.stock + taken == STOCK[reward_ids.index(reward.pk)]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=steps)
def test_random_sequences_keep_the_ledger_consistent(world, sequence):
    volunteers, record_ids, reward_ids = world
    with transaction.atomic():
        for step in sequence:
            apply(step, volunteers, record_ids, reward_ids)
            check_invariants(volunteers, record_ids, reward_ids)
        transaction.set_rollback(True)
