"""Tencent Cloud SMS through its official SDK (tencentcloud-sdk-python-sms, API
2021-01-11). Numbers in E.164 (+86…); the template's ``{1}``, ``{2}`` … take
the parameters in the kind's order. Settings: ``settings.CANYU_SMS_TENCENT``."""

from django.conf import settings

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.sms.v20210111 import models, sms_client

from home.sms.backends import SmsMessage, SmsPermanentError, SmsTransientError

# Error codes worth trying again later: the network, Tencent's own faults,
# and short rate limits (the daily ones would only fail again today).
TRANSIENT_CODES = frozenset(
    {
        "ClientNetworkError",
        "ServerNetworkError",
        "RequestLimitExceeded",
        "LimitExceeded.DeliveryFrequencyLimit",
        "LimitExceeded.GlobalSmsSendingRateLimit",
        "LimitExceeded.PhoneNumberThirtySecondLimit",
        "LimitExceeded.PhoneNumberOneHourLimit",
    }
)
TRANSIENT_PREFIXES = ("InternalError", "ResourceUnavailable")


def _error(code: str, message: str, request_id: str = ""):
    detail = f"Tencent SMS {code}: {message}" + (
        f" (request {request_id})" if request_id else ""
    )
    if code in TRANSIENT_CODES or code.startswith(TRANSIENT_PREFIXES):
        return SmsTransientError(detail)
    return SmsPermanentError(detail)


class TencentSmsBackend:
    def __init__(self, config: dict | None = None):
        self.config = config or settings.CANYU_SMS_TENCENT

    def client(self):
        return sms_client.SmsClient(
            credential.Credential(self.config["SECRET_ID"], self.config["SECRET_KEY"]),
            self.config["REGION"],
        )

    def request(self, message: SmsMessage) -> models.SendSmsRequest:
        request = models.SendSmsRequest()
        request.SmsSdkAppId = self.config["SDK_APP_ID"]
        request.SignName = self.config["SIGN_NAME"]
        request.TemplateId = self.config["TEMPLATES"][message.kind.name]
        request.TemplateParamSet = [
            message.params[name] for name in message.kind.param_names
        ]
        request.PhoneNumberSet = [message.to]
        return request

    def send(self, message: SmsMessage) -> str:
        request = self.request(message)
        try:
            response = self.client().SendSms(request)
        except TencentCloudSDKException as error:
            raise _error(
                str(error.code or ""), str(error.message or ""), error.requestId or ""
            ) from None
        statuses = response.SendStatusSet or []
        if not statuses:
            raise SmsTransientError(
                f"Tencent SMS: no send status (request {response.RequestId})"
            )
        status = statuses[0]
        if status.Code != "Ok":
            raise _error(status.Code or "", status.Message or "", response.RequestId)
        return status.SerialNo or response.RequestId or ""
