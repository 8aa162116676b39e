"""A text is sent once even when two deliveries of it run at the same moment
(a task delivered twice by the broker, a requeue racing a slow worker): the
row is claimed by a conditional UPDATE before anything is sent."""

import threading

from django.db import connections

import pytest
from tencentcloud.sms.v20210111 import sms_client

from home.models import OutboundSms
from home.sms import send_sms, services, tasks
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.home.sms_fakes import (
    TENCENT_CONFIG,
    FakeProvider,
    fake_tencent_client_class,
    tencent_ok,
)


@pytest.fixture
def sms_dir(settings, tmp_path):
    settings.CANYU_SMS_BACKEND = "file"
    settings.CANYU_SMS_FILE_PATH = str(tmp_path / "sms")
    return tmp_path / "sms"


@pytest.fixture
def queued_code(monkeypatch):
    """A text in the outbox whose task has not run: the deliveries are the
    test's (with autocommit, on_commit would run the eager task at once)."""
    monkeypatch.setattr(tasks.sms_deliver, "delay_on_commit", lambda *args: None)
    return send_sms(
        to="+8613812345678", kind="verification_code", params={"code": "777"}
    )


def deliver(sms_id):
    return services.sms_deliver(sms_id=sms_id)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_deliveries_at_once_send_one_file(sms_dir, queued_code):
    sms = queued_code
    results, errors = run_in_parallel(deliver, [sms.pk, sms.pk])
    assert errors == []
    assert sorted(results) == [False, True]
    assert len(list(sms_dir.glob("*.txt"))) == 1
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (OutboundSms.Status.SENT, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delivery_while_another_is_sending_sends_nothing(
    settings, monkeypatch, queued_code
):
    """The first worker is inside the provider's call when the second starts."""
    settings.CANYU_SMS_BACKEND = "tencent"
    settings.CANYU_SMS_TENCENT = TENCENT_CONFIG
    provider = FakeProvider([tencent_ok(), tencent_ok()])
    inside, release = threading.Event(), threading.Event()
    client_class = fake_tencent_client_class(provider)

    class SlowClient(client_class):
        def SendSms(self, request):  # the SDK method's own name
            inside.set()
            release.wait(10)
            return super().SendSms(request)

    monkeypatch.setattr(sms_client, "SmsClient", SlowClient)
    sms = queued_code
    outcome = {}

    def first():
        try:
            outcome["first"] = deliver(sms.pk)
        finally:
            connections.close_all()

    worker = threading.Thread(target=first)
    worker.start()
    assert inside.wait(10)
    assert deliver(sms.pk) is False  # claimed by the first: nothing sent
    release.set()
    worker.join(10)
    assert outcome["first"] is True
    assert len(provider.requests) == 1
    sms.refresh_from_db()
    assert sms.status == OutboundSms.Status.SENT


class TestOnPostgreSQL:
    pytestmark = POSTGRES_ONLY

    def test_twenty_deliveries_at_once_send_one(self, sms_dir, queued_code):
        sms = queued_code
        results, errors = run_in_parallel(deliver, [sms.pk] * 20)
        assert errors == []
        assert results.count(True) == 1
        assert results.count(False) == 19
        assert len(list(sms_dir.glob("*.txt"))) == 1
