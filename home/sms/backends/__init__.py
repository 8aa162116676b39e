"""Where a text goes: a file under var/sms/ in development, Tencent Cloud or
Alibaba Cloud SMS in production (``settings.CANYU_SMS_BACKEND``).

A backend's ``send`` returns the provider's message id, or raises
``SmsTransientError`` (network, throttling: the task tries again later) or
``SmsPermanentError`` (a refused number, sign or template: trying again cannot
help). Neither error's text may contain the message's parameters."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from home.sms.kinds import SmsKind


class SmsDeliveryError(Exception):
    pass


class SmsTransientError(SmsDeliveryError):
    """The provider could not take the text now; it may later."""


class SmsPermanentError(SmsDeliveryError):
    """The provider refused the text; sending it again gives the same answer."""


@dataclass(frozen=True)
class SmsMessage:
    id: int
    to: str  # E.164, +8613812345678
    kind: SmsKind
    params: dict[str, str]

    def text(self) -> str:
        return self.kind.text.format(**self.params)


BACKENDS = {
    "file": "home.sms.backends.file.FileSmsBackend",
    "tencent": "home.sms.backends.tencent.TencentSmsBackend",
    "aliyun": "home.sms.backends.aliyun.AliyunSmsBackend",
}


def sms_backend():
    """The configured backend, ready to send."""
    return import_string(BACKENDS[settings.CANYU_SMS_BACKEND])()
