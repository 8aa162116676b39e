"""The outbox keeps no one-time link once a message is delivered, and forgets
delivered messages after the retention period (issue 11, leaks)."""

import datetime
import json
import re

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

import pytest

from home import tasks
from home.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _link(text: str) -> str:
    return re.search(r"https?://[^\s]+", text).group(0)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_delivered_password_reset_keeps_no_link_in_the_outbox(
    client, django_capture_on_commit_callbacks, prefix
):
    UserFactory(email="forgetful@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            prefix + reverse("account_reset_password"),
            {"email": "forgetful@example.cn"},
        )
    assert response.status_code == 302
    link = _link(mail.outbox[0].body)
    assert "/password/reset/key/" in link

    row = OutboundEmail.objects.get()
    assert row.status == OutboundEmail.Status.SENT
    stored = json.dumps(row.payload, ensure_ascii=False)
    key = link.rstrip("/").rsplit("/", 1)[-1]
    assert link not in stored
    assert key not in stored
    assert "/password/reset/key/" not in stored
    assert row.payload["body"].strip()  # the rest of the message is still there

    # The delivered link still works for its owner.
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path, follow=True).status_code == 200


def test_delivered_confirmation_keeps_no_link_but_other_links_stay(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "display_name": "刘新人",
                "email": "newcomer@example.cn",
                "password1": "lvsidai-2026-guiyang",
                "password2": "lvsidai-2026-guiyang",
                "accept_policies": "on",
            },
        )
    link = _link(mail.outbox[0].body)
    assert "confirm-email" in link
    stored = json.dumps(OutboundEmail.objects.get().payload, ensure_ascii=False)
    assert "confirm-email" not in stored
    assert link.rstrip("/").rsplit("/", 1)[-1] not in stored

    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail(
            "活动提醒",
            f"详情：{settings.CANYU_BASE_URL}/volunteers/",
            None,
            ["a@example.cn"],
        )
    newest = OutboundEmail.objects.order_by("-pk").first()
    assert f"{settings.CANYU_BASE_URL}/volunteers/" in newest.payload["body"]


def test_undelivered_message_keeps_its_body(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        mail.send_mail(
            "重置",
            f"{settings.CANYU_BASE_URL}/accounts/password/reset/key/1-abc/",
            None,
            ["a@example.cn"],
        )
    assert "/reset/key/1-abc/" in OutboundEmail.objects.get().payload["body"]


def test_purge_task_is_scheduled_and_honours_the_retention_setting(
    time_machine, django_capture_on_commit_callbacks
):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert any(
        entry["task"] == "home.tasks.email_purge_delivered"
        for entry in schedule.values()
    )
    time_machine.move_to(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("旧的已发送", "正文", None, ["a@example.cn"])
    with django_capture_on_commit_callbacks(execute=False):
        mail.send_mail("旧的未发送", "正文", None, ["a@example.cn"])
    OutboundEmail.objects.create(
        subject="旧的失败", to=["a@example.cn"], payload={}, status="failed"
    )
    time_machine.move_to(datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("新的已发送", "正文", None, ["a@example.cn"])

    time_machine.move_to(datetime.datetime(2026, 3, 10, 10, tzinfo=datetime.UTC))
    with override_settings(CANYU_OUTBOX_RETENTION_DAYS=7):
        assert tasks.email_purge_delivered.delay().get() == 1
    assert set(OutboundEmail.objects.values_list("subject", flat=True)) == {
        "旧的未发送",
        "旧的失败",
        "新的已发送",
    }
