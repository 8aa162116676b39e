"""Issue 11, "Three accounts hide a complaint": three residents report a
resident's "not being kept" report on a pledge. Through HTTP only, with what the
code had before the change (so that the test can run on it and fail)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from consultations.models import Comment, Outcome
from home.models import UnitMembership
from tests.clock import at
from tests.factories import UnitMembershipFactory, UserFactory, give_totp
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db
REPORT = "这项承诺没有落实，活动中心周末根本不开放。"


@pytest.fixture(autouse=True)
def _english_and_fresh_limits():
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def test_three_residents_flag_a_not_kept_report_it_stays_visible_and_counts(
    client, resident, unit
):
    pledge = make_pledge(unit, year=timezone.localdate().year)
    item = pledge.items.order_by("sort_order").first()
    responder = UserFactory(display_name="王答复")
    UnitMembershipFactory(unit=unit, user=responder, role=UnitMembership.Role.RESPONDER)
    client.force_login(resident)
    client.post(
        reverse("consultations:pledge_feedback_create", args=[pledge.pk]),
        {"item": item.pk, "kind": "not_kept", "body": REPORT},
    )
    report = Comment.objects.get()
    assert report.status == Comment.Status.PUBLISHED

    for _number in range(3):
        client.force_login(UserFactory())
        response = client.post(
            reverse("consultations:comment_flag", args=[report.pk]),
            {"reason": "spam"},
            follow=True,
        )
        assert "A moderator will look at this comment" in response.content.decode()

    # Still on the public page, and waiting in the moderators' queue.
    client.logout()
    report.refresh_from_db()
    assert report.status == Comment.Status.PUBLISHED
    assert REPORT in client.get(pledge.url).content.decode()
    moderator = UserFactory(display_name="审核员")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    give_totp(moderator)
    client.force_login(moderator)
    queue = client.get("/admin/moderation/?tab=flagged").content.decode()
    assert f"/admin/moderation/comments/{report.pk}/" in queue

    # The unit can still answer it, and it counts in the unit's answer rate once
    # it is due.
    client.force_login(responder)
    dashboard = client.get(reverse("consultations:respond_dashboard"))
    assert reverse("consultations:respond_comment", args=[report.pk]) in (
        dashboard.content.decode()
    )
    with at(timezone.now() + timedelta(days=16)):
        client.logout()
        profile = client.get(unit.get_absolute_url()).content.decode()
        assert "0.0%（1 条意见中已答复 0 条）" in profile
        client.force_login(responder)
        client.post(
            reverse("consultations:respond_comment", args=[report.pk]),
            {"outcome": Outcome.EXPLAINED, "body": "活动中心自下周起周末开放。"},
        )
        client.logout()
        profile = client.get(unit.get_absolute_url()).content.decode()
        assert "100.0%（1 条意见中已答复 1 条）" in profile
