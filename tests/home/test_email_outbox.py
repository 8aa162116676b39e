"""Email goes through the outbox and a Celery task: queued on commit, delivered
once, retried on failure."""

from smtplib import SMTPServerDisconnected
from unittest import mock

from django.core import mail
from django.core.mail import send_mail
from django.db import transaction

import pytest

from home.models import OutboundEmail
from home.services import outbox

pytestmark = pytest.mark.django_db


def test_send_mail_is_queued_and_delivered_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_mail("欢迎", "正文", None, ["resident@example.cn"])
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(delivery_callbacks(callbacks)) == 1
    assert [m.subject for m in mail.outbox] == ["欢迎"]
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_mail("不该发", "正文", None, ["resident@example.cn"])
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_delivering_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("一次", "正文", None, ["resident@example.cn"])
    email = OutboundEmail.objects.get()
    assert outbox.email_deliver(outbound_id=email.pk) is True
    assert outbox.email_deliver(outbound_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_html_alternative_and_attachment_survive_the_queue(
    django_capture_on_commit_callbacks,
):
    message = mail.EmailMultiAlternatives("附件", "文本", None, ["a@example.cn"])
    message.attach_alternative("<p>网页</p>", "text/html")
    message.attach("证明.txt", "内容", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    delivered = mail.outbox[0]
    assert delivered.alternatives[0][0] == "<p>网页</p>"
    assert delivered.attachments[0][0] == "证明.txt"
    assert delivered.attachments[0][1] in ("内容", b"\xe5\x86\x85\xe5\xae\xb9")


def test_failed_delivery_is_recorded_and_raised_for_retry(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("失败", "正文", None, ["resident@example.cn"])
    email = OutboundEmail.objects.get()
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPServerDisconnected("down"),
        ),
        pytest.raises(SMTPServerDisconnected),
    ):
        outbox.email_deliver(outbound_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.attempts == 1
    assert "down" in email.last_error
    # The retry succeeds and the message goes out once.
    assert outbox.email_deliver(outbound_id=email.pk) is True
    assert len(mail.outbox) == 1


def test_stalled_messages_are_queued_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("积压", "正文", None, ["resident@example.cn"])
    OutboundEmail.objects.update(created_at="2020-01-01T00:00:00Z")
    assert outbox.email_requeue_stalled() == 1
    assert len(mail.outbox) == 1  # eager in tests: delivered by the requeued task
    assert outbox.email_requeue_stalled() == 0


def delivery_callbacks(callbacks):
    """The callbacks other than the page cache's version bumps (home/page_cache),
    which every write in a transaction also registers."""
    return [
        callback
        for callback in callbacks
        if getattr(callback, "func", callback).__module__ != "home.page_cache.tables"
    ]
