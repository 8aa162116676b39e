"""Redeeming rewards: points debited, stock and per-person limits, clear refusals,
staff handing over or cancelling (points and stock come back), and the page."""

from datetime import timedelta

from django.utils import timezone

import pytest

from home.exceptions import ServiceError
from tests.factories import UserFactory
from tests.volunteers.factories import RewardFactory, VolunteerFactory
from volunteers.models import PointsAccount, PointsEntry, Redemption, Reward
from volunteers.services import rewards as services
from volunteers.services.points import post_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def give_points(volunteer, points: int, key: str = "gift"):
    post_entry(volunteer=volunteer, kind="bonus", points=points, key=key)


def balance(volunteer) -> int:
    return PointsAccount.objects.get(volunteer=volunteer).balance


def test_redeeming_debits_the_price_and_takes_one_from_stock(volunteer):
    give_points(volunteer, 250)
    reward = RewardFactory(points_price=100, stock=3)
    redemption = services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    reward.refresh_from_db()
    assert reward.stock == 2
    assert balance(volunteer) == 150
    assert redemption.status == Redemption.Status.PENDING
    debit = PointsEntry.objects.get(kind="debit")
    assert debit.points == -100
    assert debit.redemption == redemption


def test_not_enough_points_is_refused_and_changes_nothing(volunteer):
    give_points(volunteer, 99)
    reward = RewardFactory(points_price=100, stock=3)
    with pytest.raises(services.NotEnoughPointsForReward, match="enough points"):
        services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    reward.refresh_from_db()
    assert reward.stock == 3
    assert balance(volunteer) == 99
    assert not Redemption.objects.exists()


def test_out_of_stock_is_refused(volunteer):
    give_points(volunteer, 500)
    reward = RewardFactory(stock=0)
    with pytest.raises(services.OutOfStock, match="out of stock"):
        services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    assert balance(volunteer) == 500


def test_per_person_limit_is_refused(volunteer):
    give_points(volunteer, 500)
    reward = RewardFactory(per_person_limit=1)
    services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    with pytest.raises(services.LimitReached, match="limit"):
        services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    assert balance(volunteer) == 400


def test_inactive_rewards_are_refused(volunteer):
    give_points(volunteer, 500)
    later = RewardFactory(active_from=timezone.now() + timedelta(days=1))
    ended = RewardFactory(
        active_from=timezone.now() - timedelta(days=9),
        active_until=timezone.now() - timedelta(days=1),
    )
    for reward in (later, ended):
        with pytest.raises(services.RewardNotAvailable, match="not available"):
            services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    assert balance(volunteer) == 500


def test_pending_volunteers_cannot_redeem():
    volunteer = VolunteerFactory(status="pending", green_ribbon_number=None)
    with pytest.raises(services.RewardNotAvailable):
        services.reward_redeem(volunteer=volunteer, reward_id=RewardFactory().pk)


def test_cancelling_returns_points_and_stock_once(volunteer):
    staff = UserFactory(is_staff=True)
    give_points(volunteer, 100)
    reward = RewardFactory(points_price=100, stock=1)
    redemption = services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)
    services.redemption_cancel(redemption_id=redemption.pk, by=staff, reason="缺货")
    with pytest.raises(ServiceError):
        services.redemption_cancel(redemption_id=redemption.pk, by=staff, reason="再")
    reward.refresh_from_db()
    redemption.refresh_from_db()
    assert reward.stock == 1
    assert balance(volunteer) == 100
    assert redemption.status == Redemption.Status.CANCELLED
    assert PointsEntry.objects.filter(kind="refund").count() == 1
    # A cancelled redemption no longer counts towards the limit.
    services.reward_redeem(volunteer=volunteer, reward_id=reward.pk)


def test_fulfilled_redemptions_cannot_be_cancelled(volunteer):
    staff = UserFactory(is_staff=True)
    give_points(volunteer, 100)
    redemption = services.reward_redeem(
        volunteer=volunteer, reward_id=RewardFactory().pk
    )
    services.redemption_fulfil(redemption_id=redemption.pk, by=staff)
    with pytest.raises(ServiceError):
        services.redemption_cancel(redemption_id=redemption.pk, by=staff, reason="x")
    assert balance(volunteer) == 0


def test_cancelling_needs_a_reason(volunteer):
    give_points(volunteer, 100)
    redemption = services.reward_redeem(
        volunteer=volunteer, reward_id=RewardFactory().pk
    )
    with pytest.raises(ServiceError, match="reason"):
        services.redemption_cancel(redemption_id=redemption.pk, by=None, reason=" ")


# The page -------------------------------------------------------------------------


def test_rewards_page_lists_items_and_redeems(client, volunteer):
    give_points(volunteer, 300)
    reward = RewardFactory(name="志愿者马甲", points_price=120, stock=4)
    RewardFactory(
        name="已下架",
        active_until=timezone.now() - timedelta(hours=1),
        active_from=timezone.now() - timedelta(days=3),
    )
    client.force_login(volunteer.user)
    page = client.get("/volunteers/rewards/")
    assert page.status_code == 200
    assert "志愿者马甲" in page.text
    assert "已下架" not in page.text
    response = client.post(f"/volunteers/rewards/{reward.pk}/redeem/", follow=True)
    assert response.status_code == 200
    assert balance(volunteer) == 180
    assert Reward.objects.get(pk=reward.pk).stock == 3
    assert "志愿者马甲" in response.text


def test_refusal_shows_a_message_and_changes_nothing(client, volunteer):
    reward = RewardFactory(points_price=100)
    client.force_login(volunteer.user)
    response = client.post(f"/volunteers/rewards/{reward.pk}/redeem/", follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Redemption.objects.exists()


def test_only_volunteers_can_redeem(client):
    reward = RewardFactory()
    client.force_login(UserFactory())
    assert client.post(f"/volunteers/rewards/{reward.pk}/redeem/").status_code == 403
    assert client.get("/volunteers/rewards/").status_code == 200


def test_redeem_needs_post(client, volunteer):
    client.force_login(volunteer.user)
    reward = RewardFactory()
    assert client.get(f"/volunteers/rewards/{reward.pk}/redeem/").status_code == 405
