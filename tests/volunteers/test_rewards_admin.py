"""The admin screens of points: staff manage the catalogue, hand over or cancel
redemptions, revoke certificates; others cannot."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.factories import UserFactory, give_totp
from tests.volunteers.factories import RewardFactory, add_shifts, service_record
from volunteers.models import Certificate, PointsAccount, Redemption, Reward
from volunteers.services.certificates import certificate_request
from volunteers.services.points import post_entry
from volunteers.services.rewards import reward_redeem

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    return client


@pytest.fixture
def redemption(volunteer):
    post_entry(volunteer=volunteer, kind="bonus", points=100, key="gift")
    return reward_redeem(volunteer=volunteer, reward_id=RewardFactory(stock=2).pk)


def test_staff_add_a_reward(staff_client):
    response = staff_client.post(
        "/admin/volunteer-rewards/new/",
        {
            "name": "观影券",
            "description": "贵阳市内影院通用观影券一张。",
            "points_price": "300",
            "stock": "20",
            "per_person_limit": "1",
            "active_from": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "active_until": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reward = Reward.objects.get()
    assert (reward.name, reward.points_price, reward.stock) == ("观影券", 300, 20)
    assert "观影券" in staff_client.get("/admin/volunteer-rewards/").text


def edit_data(reward, **changes):
    return {
        "name": reward.name,
        "description": reward.description,
        "points_price": str(reward.points_price),
        "per_person_limit": str(reward.per_person_limit),
        "active_from": timezone.localtime(reward.active_from).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "active_until": "",
        **changes,
    }


def test_editing_changes_the_stock_by_a_difference_keeping_redemptions(
    staff_client,
):
    reward = RewardFactory(name="环保帆布袋", stock=5)
    url = f"/admin/volunteer-rewards/edit/{reward.pk}/"
    assert staff_client.get(url).status_code == 200
    # A volunteer redeems one while the form is open.
    Reward.objects.filter(pk=reward.pk).update(stock=4)
    response = staff_client.post(
        url, edit_data(reward, name="环保帆布袋（大）", stock_change="10")
    )
    assert response.status_code == 302
    reward.refresh_from_db()
    assert (reward.name, reward.stock) == ("环保帆布袋（大）", 14)


def test_removing_more_than_the_stock_is_refused_and_changes_nothing(staff_client):
    reward = RewardFactory(name="环保帆布袋", stock=3)
    url = f"/admin/volunteer-rewards/edit/{reward.pk}/"
    response = staff_client.post(url, edit_data(reward, name="改名", stock_change="-4"))
    assert response.status_code == 200
    assert "stock_change" in response.context["form"].errors
    reward.refresh_from_db()
    assert (reward.name, reward.stock) == ("环保帆布袋", 3)


def test_staff_cancel_a_redemption_returning_points(staff_client, redemption):
    url = f"/admin/volunteer-redemptions/decide/{redemption.pk}/"
    assert staff_client.get(url).status_code == 200
    refused = staff_client.post(url, {"action": "cancel", "reason": ""})
    assert refused.status_code == 200
    assert Redemption.objects.get().status == "pending"
    response = staff_client.post(url, {"action": "cancel", "reason": "物品已停产"})
    assert response.status_code == 302
    redemption.refresh_from_db()
    assert redemption.status == "cancelled"
    assert PointsAccount.objects.get(volunteer=redemption.volunteer).balance == 100
    assert Reward.objects.get().stock == 2


def test_staff_mark_a_redemption_handed_over(staff_client, redemption):
    url = f"/admin/volunteer-redemptions/decide/{redemption.pk}/"
    assert staff_client.post(url, {"action": "fulfil"}).status_code == 302
    redemption.refresh_from_db()
    assert redemption.status == "fulfilled"
    assert "/decide/" in staff_client.get("/admin/volunteer-redemptions/").text


def test_staff_revoke_a_certificate(staff_client, volunteer, activity):
    shift = add_shifts(activity, 1, start=timezone.now() - timedelta(days=2))[0]
    service_record(volunteer, shift)
    certificate = certificate_request(
        volunteer=volunteer,
        date_from=timezone.localdate() - timedelta(days=5),
        date_to=timezone.localdate(),
    )
    url = f"/admin/volunteer-certificates/revoke/{certificate.pk}/"
    response = staff_client.post(url, {"reason": "时长登记错误"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "时长登记错误"
    assert staff_client.post(url, {"reason": "再次"}).status_code == 200


def test_others_cannot_decide(client, redemption):
    client.force_login(UserFactory())
    url = f"/admin/volunteer-redemptions/decide/{redemption.pk}/"
    response = client.post(url, {"action": "cancel", "reason": "x"})
    assert response.status_code in (302, 403)
    assert Redemption.objects.get().status == "pending"
    assert not Certificate.objects.exists()
