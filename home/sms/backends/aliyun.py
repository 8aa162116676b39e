"""Alibaba Cloud SMS through its official SDK (alibabacloud-dysmsapi20170525).
Mainland numbers without +86 (other countries: their code without +); the
template's ``${name}`` take the parameters by name, as JSON. Settings:
``settings.CANYU_SMS_ALIYUN``."""

import json

from django.conf import settings

from alibabacloud_dysmsapi20170525 import models as dysmsapi_models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi import exceptions as openapi_exceptions
from alibabacloud_tea_openapi import models as open_api_models
from darabonba.exceptions import UnretryableException

from home.sms.backends import SmsMessage, SmsPermanentError, SmsTransientError

# Response codes worth trying again later: Alibaba's own faults and flow
# control (per number: one a minute, five an hour).
TRANSIENT_CODES = frozenset(
    {
        "isp.SYSTEM_ERROR",
        "isv.BUSINESS_LIMIT_CONTROL",
        "Throttling",
        "Throttling.User",
        "Throttling.Api",
        "ServiceUnavailable",
        "InternalError",
    }
)


def aliyun_phone_number(e164: str) -> str:
    """+8613812345678 → 13812345678; +85291234567 → 85291234567."""
    if e164.startswith("+86"):
        return e164.removeprefix("+86")
    return e164.removeprefix("+")


def _error(code: str, message: str, request_id: str = ""):
    detail = f"Aliyun SMS {code}: {message}" + (
        f" (request {request_id})" if request_id else ""
    )
    if code in TRANSIENT_CODES:
        return SmsTransientError(detail)
    return SmsPermanentError(detail)


class AliyunSmsBackend:
    def __init__(self, config: dict | None = None):
        self.config = config or settings.CANYU_SMS_ALIYUN

    def client(self):
        return Client(
            open_api_models.Config(
                access_key_id=self.config["ACCESS_KEY_ID"],
                access_key_secret=self.config["ACCESS_KEY_SECRET"],
                endpoint=self.config["ENDPOINT"],
            )
        )

    def request(self, message: SmsMessage) -> dysmsapi_models.SendSmsRequest:
        return dysmsapi_models.SendSmsRequest(
            phone_numbers=aliyun_phone_number(message.to),
            sign_name=self.config["SIGN_NAME"],
            template_code=self.config["TEMPLATES"][message.kind.name],
            template_param=json.dumps(
                {name: message.params[name] for name in message.kind.param_names},
                ensure_ascii=False,
            ),
        )

    def send(self, message: SmsMessage) -> str:
        request = self.request(message)
        try:
            response = self.client().send_sms(request)
        except (
            openapi_exceptions.ThrottlingException,
            openapi_exceptions.ServerException,
        ) as error:
            raise SmsTransientError(
                f"Aliyun SMS {error.code}: {error.message}"
            ) from None
        except openapi_exceptions.AlibabaCloudException as error:
            raise _error(str(error.code), str(error.message)) from None
        except (UnretryableException, OSError) as error:
            # The SDK wraps a network failure (refused, timed out) this way.
            raise SmsTransientError(
                f"Aliyun SMS network error: {type(error).__name__}"
            ) from None
        body = response.body
        if body is None:
            raise SmsTransientError("Aliyun SMS: empty response")
        if body.code != "OK":
            raise _error(body.code or "", body.message or "", body.request_id or "")
        return body.biz_id or body.request_id or ""
