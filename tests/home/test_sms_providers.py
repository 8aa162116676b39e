"""The Tencent Cloud and Alibaba Cloud backends build the providers' own SDK
requests (sign, template, number format, parameters) and map their answers:
delivered, refused for good, or worth trying again. The SDK clients are fakes."""

import contextlib
import json

import pytest
from alibabacloud_tea_openapi import exceptions as openapi_exceptions
from darabonba.exceptions import UnretryableException
from darabonba.policy.retry import RetryPolicyContext
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.sms.v20210111 import models as tencent_models
from tencentcloud.sms.v20210111 import sms_client

from home.models import OutboundSms
from home.sms import send_sms, services
from home.sms.backends import aliyun
from tests.home.sms_fakes import (
    ALIYUN_CONFIG,
    TENCENT_CONFIG,
    FakeProvider,
    fake_aliyun_client_class,
    fake_tencent_client_class,
    tencent_ok,
    tencent_refused,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tencent(settings, monkeypatch):
    settings.CANYU_SMS_BACKEND = "tencent"
    settings.CANYU_SMS_TENCENT = TENCENT_CONFIG
    provider = FakeProvider([])
    monkeypatch.setattr(sms_client, "SmsClient", fake_tencent_client_class(provider))
    return provider


@pytest.fixture
def alibaba(settings, monkeypatch):
    settings.CANYU_SMS_BACKEND = "aliyun"
    settings.CANYU_SMS_ALIYUN = ALIYUN_CONFIG
    provider = FakeProvider([])
    monkeypatch.setattr(aliyun, "Client", fake_aliyun_client_class(provider))
    return provider


def queue(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks():
        return send_sms(to="+8613812345678", **kwargs)


def deliver(sms):
    """One delivery attempt, as the task makes it; the row as it ends."""
    with contextlib.suppress(services.SmsTransientError):
        services.sms_deliver(sms_id=sms.pk)
    sms.refresh_from_db()
    return sms


def test_tencent_request_has_sign_template_e164_number_and_positional_params(
    tencent, django_capture_on_commit_callbacks
):
    tencent.outcomes = [tencent_ok(serial="2433:7788")]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="verification_code",
        params={"code": "604521"},
    )
    assert deliver(sms).status == OutboundSms.Status.SENT
    assert sms.provider_message_id == "2433:7788"
    [client] = tencent.clients
    assert client.region == "ap-guangzhou"
    assert client.credential.secretId == "AKIDtest"
    assert client.credential.secretKey == "secret-test"
    [request] = tencent.requests
    assert isinstance(request, tencent_models.SendSmsRequest)
    assert request._serialize() == {
        "SmsSdkAppId": "1400000001",
        "SignName": "参与平台",
        "TemplateId": "2000001",
        "TemplateParamSet": ["604521"],
        "PhoneNumberSet": ["+8613812345678"],
    }


def test_tencent_notification_uses_its_own_template(
    tencent, django_capture_on_commit_callbacks
):
    tencent.outcomes = [tencent_ok()]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="notification",
        params={"title": "您的评论收到了答复"},
    )
    deliver(sms)
    [request] = tencent.requests
    assert request.TemplateId == "2000002"
    assert request.TemplateParamSet == ["您的评论收到了答复"]


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (tencent_refused("InvalidParameterValue.IncorrectPhoneNumber"), "failed"),
        (tencent_refused("FailedOperation.SignatureIncorrectOrUnapproved"), "failed"),
        (tencent_refused("FailedOperation.TemplateIncorrectOrUnapproved"), "failed"),
        (tencent_refused("LimitExceeded.PhoneNumberDailyLimit"), "failed"),
        (tencent_refused("LimitExceeded.PhoneNumberThirtySecondLimit"), "queued"),
        (TencentCloudSDKException("AuthFailure.SecretIdNotFound", "bad id"), "failed"),
        (TencentCloudSDKException("ClientNetworkError", "timed out"), "queued"),
        (TencentCloudSDKException("InternalError.Timeout", "timeout"), "queued"),
        (TencentCloudSDKException("RequestLimitExceeded", "slow down"), "queued"),
    ],
)
def test_tencent_errors_fail_for_good_or_wait_for_a_retry(
    tencent, django_capture_on_commit_callbacks, outcome, status
):
    tencent.outcomes = [outcome]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="verification_code",
        params={"code": "1"},
    )
    sms = deliver(sms)
    assert sms.status == status
    assert sms.attempts == 1
    code = outcome.code if isinstance(outcome, Exception) else None
    code = code or outcome["SendStatusSet"][0]["Code"]
    assert code in sms.last_error


def test_aliyun_request_has_sign_template_national_number_and_named_params(
    alibaba, django_capture_on_commit_callbacks
):
    alibaba.outcomes = [
        {"code": "OK", "message": "OK", "biz_id": "900619746936498440^0"}
    ]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="notification",
        params={"title": "您的评论收到了答复"},
    )
    assert deliver(sms).status == OutboundSms.Status.SENT
    assert sms.provider_message_id == "900619746936498440^0"
    [client] = alibaba.clients
    assert client.config.access_key_id == "LTAItest"
    assert client.config.access_key_secret == "secret-test"
    assert client.config.endpoint == "dysmsapi.aliyuncs.com"
    [request] = alibaba.requests
    assert request.to_map() == {
        "PhoneNumbers": "13812345678",
        "SignName": "参与平台",
        "TemplateCode": "SMS_100002",
        "TemplateParam": '{"title": "您的评论收到了答复"}',
    }
    assert json.loads(request.template_param) == {"title": "您的评论收到了答复"}


def test_aliyun_verification_code_uses_its_template(
    alibaba, django_capture_on_commit_callbacks
):
    alibaba.outcomes = [{"code": "OK", "message": "OK", "biz_id": "1^0"}]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="verification_code",
        params={"code": "604521"},
    )
    deliver(sms)
    [request] = alibaba.requests
    assert request.template_code == "SMS_100001"
    assert json.loads(request.template_param) == {"code": "604521"}


def test_aliyun_numbers_outside_the_mainland_keep_their_country_code():
    assert aliyun.aliyun_phone_number("+8613812345678") == "13812345678"
    assert aliyun.aliyun_phone_number("+85291234567") == "85291234567"


def _network_failure():
    """What the SDK raises when the connection fails (refused, timed out)."""
    return UnretryableException(
        RetryPolicyContext(exception=ConnectionError("connection refused"))
    )


@pytest.mark.parametrize(
    ("outcome", "status", "error_code"),
    [
        ({"code": "isv.MOBILE_NUMBER_ILLEGAL", "message": "非法手机号"}, "failed", ""),
        ({"code": "isv.SMS_TEMPLATE_ILLEGAL", "message": "模板不合法"}, "failed", ""),
        ({"code": "isv.SMS_SIGNATURE_ILLEGAL", "message": "签名不合法"}, "failed", ""),
        ({"code": "isv.AMOUNT_NOT_ENOUGH", "message": "余额不足"}, "failed", ""),
        ({"code": "isv.BUSINESS_LIMIT_CONTROL", "message": "触发流控"}, "queued", ""),
        ({"code": "isp.SYSTEM_ERROR", "message": "系统错误"}, "queued", ""),
        (
            openapi_exceptions.ClientException(
                status_code=403, code="InvalidAccessKeyId.NotFound", message="bad"
            ),
            "failed",
            "InvalidAccessKeyId.NotFound",
        ),
        (
            openapi_exceptions.ThrottlingException(
                status_code=429, code="Throttling.User", message="slow", retry_after=5
            ),
            "queued",
            "Throttling.User",
        ),
        (
            openapi_exceptions.ServerException(
                status_code=503, code="ServiceUnavailable", message="down"
            ),
            "queued",
            "ServiceUnavailable",
        ),
    ],
)
def test_aliyun_errors_fail_for_good_or_wait_for_a_retry(
    alibaba, django_capture_on_commit_callbacks, outcome, status, error_code
):
    alibaba.outcomes = [outcome]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="verification_code",
        params={"code": "1"},
    )
    sms = deliver(sms)
    assert sms.status == status
    assert (error_code or outcome["code"]) in sms.last_error
    assert '"1"' not in sms.last_error


def test_aliyun_network_failure_waits_for_a_retry(
    alibaba, django_capture_on_commit_callbacks
):
    alibaba.outcomes = [_network_failure()]
    sms = queue(
        django_capture_on_commit_callbacks,
        kind="verification_code",
        params={"code": "1"},
    )
    sms = deliver(sms)
    assert sms.status == OutboundSms.Status.QUEUED
    assert "network" in sms.last_error
