"""A real Celery worker takes a queued email from the broker and delivers it.

It uses the configured broker: the embedded filesystem transport on the default
run, Redis when CELERY_BROKER_URL points at it (CI's PostgreSQL + Redis run, where
CANYU_EXPECT_REDIS=1 makes sure of it)."""

import os
import time

from django.conf import settings
from django.core import mail
from django.core.mail import send_mail

import pytest

from home.models import OutboundEmail


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_delivers_queued_email(real_worker):
    if os.environ.get("CANYU_EXPECT_REDIS"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")

    send_mail("绿丝带欢迎您", "您的账号已开通。", None, ["volunteer@example.cn"])

    deadline = time.monotonic() + 30
    email = OutboundEmail.objects.get()
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == OutboundEmail.Status.SENT:
            break
        time.sleep(0.2)
    assert email.status == OutboundEmail.Status.SENT, email.last_error
    assert [m.subject for m in mail.outbox] == ["绿丝带欢迎您"]
