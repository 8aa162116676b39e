"""Issue 11, "Three accounts hide a complaint": "Three residents flagged a
resident's 'not being kept' report on a pledge; it vanished for the public." """

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment
from tests.factories import UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db
REPORT = "这项承诺没有落实，活动中心周末根本不开放。"


def test_three_flags_do_not_hide_a_not_kept_report(client, resident, unit):
    cache.clear()
    pledge = make_pledge(unit, year=timezone.localdate().year)
    item = pledge.items.order_by("sort_order").first()
    client.force_login(resident)
    client.post(
        reverse("consultations:pledge_feedback_create", args=[pledge.pk]),
        {"item": item.pk, "kind": "not_kept", "body": REPORT},
    )
    report = Comment.objects.get()
    for _number in range(3):
        client.force_login(UserFactory())
        client.post(
            reverse("consultations:comment_flag", args=[report.pk]), {"reason": "spam"}
        )

    client.logout()
    report.refresh_from_db()
    assert report.status == Comment.Status.PUBLISHED, (
        f"three flags hid the report: {report.status}"
    )
    assert REPORT in client.get(pledge.url).content.decode()
