"""Retention: the scheduled jobs delete what must not stay, and a second run
finds nothing more (README, "Personal data inventory")."""

import datetime

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation

from home import tasks
from home.models import ConsentRecord, OutboundEmail, PolicyVersion, User
from tests.clock import at, shanghai
from tests.factories import UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

JOINED = shanghai(2026, 10, 1, 9)
PASSWORD = "lvsidai-2026-guiyang"


def test_every_retention_job_is_scheduled_daily():
    scheduled = {
        entry["task"]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    for task in (
        "home.tasks.accounts_unverified_delete",
        "home.tasks.one_time_codes_delete_expired",
        "home.tasks.email_purge_delivered",
        "home.tasks.sessions_clear_expired",
        "home.tasks.sms_outbox_purge",
    ):
        assert scheduled[task] <= 24 * 60 * 60
    assert settings.CANYU_OUTBOX_RETENTION_DAYS == 30
    assert settings.CANYU_SMS_RETENTION_DAYS == 30
    assert settings.CANYU_UNVERIFIED_ACCOUNT_RETENTION_DAYS == 30


def sign_up(client, email):
    """A sign-up through the site, as a person would (never verified)."""
    PolicyVersion.objects.get_or_create(
        kind=PolicyVersion.Kind.PRIVACY,
        version="1",
        defaults={"effective_on": datetime.date(2026, 1, 1), "url": "https://x.cn/"},
    )
    response = client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_policies": "on",
        },
    )
    assert response.status_code == 302
    return User.objects.get(email=email)


def test_unverified_accounts_go_after_30_days_unless_used(client):
    with at(JOINED):
        abandoned = sign_up(client, "abandoned@example.cn")
        used = sign_up(client, "used@example.cn")
        UnitMembershipFactory(user=used)
        verified = UserFactory(email="verified@example.cn")
        made_by_staff = User.objects.create_user("by-staff@example.cn")
        admin = User.objects.create_superuser("root@example.cn", PASSWORD)
        signed_in_later = UserFactory(email="later@example.cn", verified=False)
    with at(JOINED + datetime.timedelta(days=3)):
        User.objects.filter(pk=signed_in_later.pk).update(last_login=timezone.now())
    with at(JOINED + datetime.timedelta(days=20)):
        recent = sign_up(client, "recent@example.cn")
    assert ConsentRecord.objects.filter(user=abandoned).exists()

    with at(JOINED + datetime.timedelta(days=29)):
        assert tasks.accounts_unverified_delete.delay().get() == 0
    with at(JOINED + datetime.timedelta(days=31)):
        assert tasks.accounts_unverified_delete.delay().get() == 1
        assert tasks.accounts_unverified_delete.delay().get() == 0

    remaining = set(User.objects.values_list("pk", flat=True))
    assert abandoned.pk not in remaining
    assert {
        used.pk,
        verified.pk,
        made_by_staff.pk,
        admin.pk,
        signed_in_later.pk,
        recent.pk,
    } <= remaining
    assert not EmailAddress.objects.filter(email="abandoned@example.cn").exists()
    assert not ConsentRecord.objects.filter(user_id=abandoned.pk).exists()
    # The address can sign up again.
    with at(JOINED + datetime.timedelta(days=31)):
        assert sign_up(client, "abandoned@example.cn").pk != abandoned.pk


def test_delivered_emails_go_30_days_after_delivery(
    django_capture_on_commit_callbacks,
):
    with at(shanghai(2026, 10, 1)), django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("旧通知", "正文", None, ["a@example.cn"])
    with at(shanghai(2026, 10, 5)), django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("新通知", "正文", None, ["a@example.cn"])
    with at(shanghai(2026, 10, 31, 13)):
        assert tasks.email_purge_delivered.delay().get() == 1
        assert tasks.email_purge_delivered.delay().get() == 0
    assert list(OutboundEmail.objects.values_list("subject", flat=True)) == ["新通知"]


def test_expired_sessions_are_cleared(client, resident):
    with at(shanghai(2026, 10, 1)):
        old = SessionStore()
        old["x"] = 1
        old.set_expiry(60)
        old.create()
    with at(shanghai(2026, 10, 2)):
        client.force_login(resident)
        tasks.sessions_clear_expired.delay().get()
        tasks.sessions_clear_expired.delay().get()
        keys = set(Session.objects.values_list("session_key", flat=True))
    assert old.session_key not in keys
    assert client.session.session_key in keys


def test_expired_confirmation_keys_are_deleted(resident):
    address = EmailAddress.objects.create(
        user=resident, email="second@example.cn", verified=False
    )
    with at(shanghai(2026, 10, 1)):
        EmailConfirmation.objects.create(
            email_address=address, key="old-key", sent=timezone.now()
        )
    with at(shanghai(2026, 10, 9)):
        EmailConfirmation.objects.create(
            email_address=address, key="new-key", sent=timezone.now()
        )
        assert tasks.one_time_codes_delete_expired.delay().get() == 1
        assert tasks.one_time_codes_delete_expired.delay().get() == 0
    assert list(EmailConfirmation.objects.values_list("key", flat=True)) == ["new-key"]
