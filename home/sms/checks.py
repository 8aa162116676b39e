"""``manage.py check --deploy``: texts written to files reach nobody."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def sms_backend_is_real(app_configs, **kwargs):
    if settings.CANYU_SMS_BACKEND != "file":
        return []
    return [
        Warning(
            "Text messages are written to files (CANYU_SMS_BACKEND=file): no one "
            "receives a verification code or a notice.",
            hint="Set CANYU_SMS_BACKEND to tencent or aliyun and its credentials "
            "(README, SMS).",
            id="home.W001",
        )
    ]
