"""Texts go through the outbox and a Celery task, like email: queued on commit,
written under var/sms/ by the default backend, delivered once, retried on a
transient error, failed on a refusal; codes never stay nor reach the logs."""

import datetime
import logging

from django.db import transaction

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.sms.v20210111 import sms_client

from config.celery_app import app as celery_app
from home.models import OutboundSms
from home.sms import send_sms, services, tasks
from tests.clock import at, shanghai
from tests.home.sms_fakes import (
    TENCENT_CONFIG,
    FakeProvider,
    fake_tencent_client_class,
    tencent_ok,
    tencent_refused,
)

pytestmark = pytest.mark.django_db

NUMBER = "+8613812345678"


@pytest.fixture
def sms_dir(settings, tmp_path):
    settings.CANYU_SMS_BACKEND = "file"
    settings.CANYU_SMS_FILE_PATH = str(tmp_path / "sms")
    return tmp_path / "sms"


@pytest.fixture
def tencent(settings, monkeypatch):
    """The Tencent backend with a fake SDK client; set ``outcomes`` per test.
    Eager tasks run their retries inside the first call (a worker would wait
    15 s, 30 s … between them); they must not raise Celery's Retry signal."""
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    settings.CANYU_SMS_BACKEND = "tencent"
    settings.CANYU_SMS_TENCENT = TENCENT_CONFIG
    provider = FakeProvider([])
    monkeypatch.setattr(sms_client, "SmsClient", fake_tencent_client_class(provider))
    return provider


def test_code_is_queued_and_written_to_a_file_after_commit(
    sms_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sms = send_sms(to=NUMBER, kind="verification_code", params={"code": "482913"})
        assert not sms_dir.exists()  # nothing leaves before the commit
    assert len(delivery_callbacks(callbacks)) == 1
    files = list(sms_dir.glob("*.txt"))
    assert [f.name for f in files] == [f"{f.name[:15]}-{sms.pk}.txt" for f in files]
    text = files[0].read_text(encoding="utf-8")
    assert "To: +8613812345678" in text
    assert "【参与】您的验证码为 482913，10 分钟内有效" in text
    sms.refresh_from_db()
    assert sms.status == OutboundSms.Status.SENT
    assert sms.sent_at is not None
    assert sms.attempts == 1
    assert sms.provider_message_id == files[0].name
    assert sms.params == {"code": "482913"}


def test_notification_is_written_with_its_title(
    sms_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(
            to="13812345678 ",
            kind="notification",
            params={"title": "您的评论收到了答复"},
        )
    sms = OutboundSms.objects.get()
    assert sms.to == NUMBER  # stored in E.164
    text = next(sms_dir.glob("*.txt")).read_text(encoding="utf-8")
    assert "【参与】您的评论收到了答复，请登录参与网站查看站内信。" in text


def test_rolled_back_transaction_sends_nothing(
    sms_dir, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_sms(to=NUMBER, kind="verification_code", params={"code": "111111"})
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert not OutboundSms.objects.exists()
    assert not sms_dir.exists()


@pytest.mark.parametrize(
    ("to", "kind", "params"),
    [
        (NUMBER, "marketing", {"code": "1"}),  # unknown kind
        (NUMBER, "verification_code", {"title": "x"}),  # not its parameter
        (NUMBER, "verification_code", {"code": "1", "extra": "2"}),
        (NUMBER, "verification_code", {"code": "123456789"}),  # too long a code
        ("12345", "verification_code", {"code": "1"}),  # not a phone number
    ],
)
def test_unknown_kind_wrong_params_or_number_are_refused(to, kind, params):
    with pytest.raises(ValueError):
        send_sms(to=to, kind=kind, params=params)
    assert not OutboundSms.objects.exists()


def test_long_notification_title_is_shortened_to_twenty_characters(
    sms_dir, django_capture_on_commit_callbacks
):
    title = "您关注的征求意见“城市公园改造方案”已经公布结果"
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(to=NUMBER, kind="notification", params={"title": title})
    stored = OutboundSms.objects.get().params["title"]
    assert len(stored) == 20
    assert stored == title[:19] + "…"


def test_code_is_erased_once_delivered(sms_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(
            to=NUMBER,
            kind="verification_code",
            params={"code": "735102"},
            erase_after_delivery=True,
        )
    sms = OutboundSms.objects.get()
    assert sms.status == OutboundSms.Status.SENT
    assert sms.params == {}
    assert "735102" in next(sms_dir.glob("*.txt")).read_text(encoding="utf-8")


def test_delivering_twice_sends_once(sms_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        sms = send_sms(to=NUMBER, kind="verification_code", params={"code": "1"})
    assert services.sms_deliver(sms_id=sms.pk) is True
    assert services.sms_deliver(sms_id=sms.pk) is False
    assert tasks.sms_deliver.delay(sms.pk).get() is False
    assert len(list(sms_dir.glob("*.txt"))) == 1


def test_transient_errors_are_retried_until_delivered(
    tencent, django_capture_on_commit_callbacks
):
    tencent.outcomes = [
        TencentCloudSDKException("ClientNetworkError", "connection reset"),
        tencent_refused("LimitExceeded.PhoneNumberThirtySecondLimit"),
        tencent_ok(serial="2433:42"),
    ]
    with django_capture_on_commit_callbacks():
        sms = send_sms(to=NUMBER, kind="verification_code", params={"code": "246810"})
    tasks.sms_deliver.apply(args=(sms.pk,))
    sms.refresh_from_db()
    assert sms.status == OutboundSms.Status.SENT
    assert sms.attempts == 3
    assert sms.provider_message_id == "2433:42"
    assert sms.last_error == ""
    assert len(tencent.requests) == 3


def test_a_refusal_fails_at_once_without_retry(
    tencent, django_capture_on_commit_callbacks
):
    tencent.outcomes = [
        tencent_refused("InvalidParameterValue.IncorrectPhoneNumber", "手机号格式错误"),
        tencent_ok(),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(
            to=NUMBER,
            kind="verification_code",
            params={"code": "135790"},
            erase_after_delivery=True,
        )
    sms = OutboundSms.objects.get()
    assert sms.status == OutboundSms.Status.FAILED
    assert sms.attempts == 1
    assert "InvalidParameterValue.IncorrectPhoneNumber" in sms.last_error
    assert sms.params == {}  # a code that never left is not kept either
    assert len(tencent.requests) == 1


def test_gives_up_after_the_last_retry(tencent, django_capture_on_commit_callbacks):
    tencent.outcomes = [
        TencentCloudSDKException("InternalError.Timeout", "timeout")
    ] * (tasks.SMS_MAX_RETRIES + 1)
    with django_capture_on_commit_callbacks():
        sms = send_sms(to=NUMBER, kind="notification", params={"title": "报名成功"})
    tasks.sms_deliver.apply(args=(sms.pk,))
    sms.refresh_from_db()
    assert sms.status == OutboundSms.Status.FAILED
    assert sms.attempts == tasks.SMS_MAX_RETRIES + 1
    assert "InternalError.Timeout" in sms.last_error


def test_code_that_expired_while_queued_is_not_sent(
    sms_dir, django_capture_on_commit_callbacks
):
    with at(shanghai(2026, 12, 1, 9)), django_capture_on_commit_callbacks():
        sms = send_sms(to=NUMBER, kind="verification_code", params={"code": "9"})
    with at(shanghai(2026, 12, 1, 9, 20)):
        assert services.sms_deliver(sms_id=sms.pk) is False
    sms.refresh_from_db()
    assert sms.status == OutboundSms.Status.FAILED
    assert "Expired" in sms.last_error
    assert not sms_dir.exists()


def test_stalled_texts_are_queued_again_and_interrupted_ones_never_resent(
    sms_dir, django_capture_on_commit_callbacks
):
    with at(shanghai(2026, 12, 1, 9)):
        with django_capture_on_commit_callbacks():
            lost = send_sms(to=NUMBER, kind="notification", params={"title": "甲"})
            cut = send_sms(to=NUMBER, kind="notification", params={"title": "乙"})
        OutboundSms.objects.filter(pk=cut.pk).update(
            status=OutboundSms.Status.SENDING, claimed_at=shanghai(2026, 12, 1, 9)
        )
    with at(shanghai(2026, 12, 1, 9, 30)):
        assert tasks.sms_requeue_stalled.delay().get() == 1
        assert tasks.sms_requeue_stalled.delay().get() == 0
    lost.refresh_from_db()
    cut.refresh_from_db()
    assert lost.status == OutboundSms.Status.SENT
    assert cut.status == OutboundSms.Status.FAILED
    assert "Interrupted" in cut.last_error
    assert len(list(sms_dir.glob("*.txt"))) == 1


def test_codes_and_titles_never_reach_the_logs(
    tencent, caplog, django_capture_on_commit_callbacks
):
    tencent.outcomes = [
        TencentCloudSDKException("InternalError.Timeout", "timeout"),
        tencent_ok(),
        tencent_refused("FailedOperation.TemplateIncorrectOrUnapproved"),
    ]
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks():
        code = send_sms(to=NUMBER, kind="verification_code", params={"code": "583920"})
        title = send_sms(
            to=NUMBER, kind="notification", params={"title": "志愿时长已审核"}
        )
    tasks.sms_deliver.apply(args=(code.pk,))
    tasks.sms_deliver.apply(args=(title.pk,))
    assert {s.status for s in OutboundSms.objects.all()} == {"sent", "failed"}
    logged = "\n".join(
        record.getMessage() + str(record.args) for record in caplog.records
    )
    assert "SMS" in logged  # delivery is logged …
    assert "138****5678" in logged
    assert "583920" not in logged  # … never the code, title or whole number
    assert "志愿时长已审核" not in logged
    assert NUMBER not in logged
    assert all("583920" not in s.last_error for s in OutboundSms.objects.all())


def test_outbox_rows_keep_no_parameters_after_thirty_days(
    sms_dir, django_capture_on_commit_callbacks
):
    from home import tasks as home_tasks

    with at(shanghai(2026, 10, 1)):
        with django_capture_on_commit_callbacks(execute=True):
            send_sms(to=NUMBER, kind="notification", params={"title": "旧的已送达"})
        OutboundSms.objects.create(
            to=NUMBER,
            kind="notification",
            params={"title": "旧的未送达"},
            status=OutboundSms.Status.FAILED,
        )
    with at(shanghai(2026, 10, 20)), django_capture_on_commit_callbacks(execute=True):
        send_sms(to=NUMBER, kind="notification", params={"title": "新的"})
    with at(shanghai(2026, 10, 31) + datetime.timedelta(hours=1)):
        assert home_tasks.sms_outbox_purge.delay().get() == 2
        assert home_tasks.sms_outbox_purge.delay().get() == 0
    rows = {(s.status, str(s.params)) for s in OutboundSms.objects.all()}
    assert rows == {("failed", "{}"), ("sent", "{'title': '新的'}")}


def test_closing_an_account_removes_texts_to_its_number(
    sms_dir, django_capture_on_commit_callbacks
):
    from home.account_closure.services import outbox_scrub, personal_needles
    from tests.factories import UserFactory

    user = UserFactory(phone=NUMBER)
    with django_capture_on_commit_callbacks(execute=True):
        send_sms(to=NUMBER, kind="notification", params={"title": "证书已生成"})
        send_sms(to="+8613900001111", kind="notification", params={"title": "别人的"})
    assert outbox_scrub(needles=personal_needles(user=user)) == 1
    assert list(OutboundSms.objects.values_list("to", flat=True)) == ["+8613900001111"]


def delivery_callbacks(callbacks):
    """The callbacks other than the page cache's version bumps (home/page_cache),
    which every write in a transaction also registers."""
    return [
        callback
        for callback in callbacks
        if getattr(callback, "func", callback).__module__ != "home.page_cache.tables"
    ]
