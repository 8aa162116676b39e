"""Fakes of the SMS providers' SDK clients (the only part not run for real): they
record the requests our backends build with the SDKs' own request models, and
answer with the SDKs' own response models, or raise the SDKs' own errors."""

from alibabacloud_dysmsapi20170525 import models as dysmsapi_models
from tencentcloud.sms.v20210111 import models as tencent_models

TENCENT_CONFIG = {
    "SECRET_ID": "AKIDtest",
    "SECRET_KEY": "secret-test",
    "SDK_APP_ID": "1400000001",
    "SIGN_NAME": "参与平台",
    "REGION": "ap-guangzhou",
    "TEMPLATES": {"verification_code": "2000001", "notification": "2000002"},
}
ALIYUN_CONFIG = {
    "ACCESS_KEY_ID": "LTAItest",
    "ACCESS_KEY_SECRET": "secret-test",
    "SIGN_NAME": "参与平台",
    "ENDPOINT": "dysmsapi.aliyuncs.com",
    "TEMPLATES": {"verification_code": "SMS_100001", "notification": "SMS_100002"},
}


def tencent_ok(serial="2433:1234567890", number="+8613812345678"):
    return {
        "SendStatusSet": [
            {
                "SerialNo": serial,
                "PhoneNumber": number,
                "Fee": 1,
                "SessionContext": "",
                "Code": "Ok",
                "Message": "send success",
                "IsoCode": "CN",
            }
        ],
        "RequestId": "req-ok",
    }


def tencent_refused(code, message="refused", number="+8613812345678"):
    answer = tencent_ok(number=number)
    answer["SendStatusSet"][0].update(Code=code, Message=message, SerialNo="")
    return answer


class FakeProvider:
    """Stands in for the SDK client class: every client made records its
    construction and requests here; answers are taken from ``outcomes`` in
    order (a dict for a response, an exception to raise)."""

    def __init__(self, outcomes):
        self.outcomes = list(outcomes)
        self.clients = []
        self.requests = []

    def next_outcome(self):
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def fake_tencent_client_class(provider: FakeProvider):
    class FakeSmsClient:
        def __init__(self, credential, region, profile=None):
            self.credential = credential
            self.region = region
            provider.clients.append(self)

        def SendSms(self, request):  # the SDK method's own name
            provider.requests.append(request)
            response = tencent_models.SendSmsResponse()
            response._deserialize(provider.next_outcome())
            return response

    return FakeSmsClient


def fake_aliyun_client_class(provider: FakeProvider):
    class FakeClient:
        def __init__(self, config):
            self.config = config
            provider.clients.append(self)

        def send_sms(self, request):
            provider.requests.append(request)
            body = provider.next_outcome()
            return dysmsapi_models.SendSmsResponse(
                status_code=200,
                body=dysmsapi_models.SendSmsResponseBody(**body),
            )

    return FakeClient
