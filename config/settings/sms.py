"""Text messages (home/sms/), part of the base settings. README, "SMS".

Every text is stored in the outbox (home.models.OutboundSms) and delivered by a
Celery task through the backend named by ``CANYU_SMS_BACKEND``:

- ``file`` (default): one file per message under ``var/sms/``, for development;
- ``tencent``: Tencent Cloud SMS (tencentcloud-sdk-python-sms);
- ``aliyun``: Alibaba Cloud SMS (alibabacloud-dysmsapi20170525).

Production refuses to start without the chosen provider's credentials and a
template for every kind (config/settings/production.py).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ

from home.sms.kinds import KIND_NAMES

env = environ.Env()

SMS_BACKENDS = ("file", "tencent", "aliyun")
CANYU_SMS_BACKEND = env.str("CANYU_SMS_BACKEND", default="file").strip().lower()
if CANYU_SMS_BACKEND not in SMS_BACKENDS:
    raise ImproperlyConfigured(
        f"CANYU_SMS_BACKEND={CANYU_SMS_BACKEND!r}: choose one of "
        + ", ".join(SMS_BACKENDS)
        + "."
    )

_var_dir = Path(
    env.str("CANYU_VAR_DIR", default=str(Path(__file__).resolve().parents[2] / "var"))
)
CANYU_SMS_FILE_PATH = env.str("CANYU_SMS_FILE_PATH", default=str(_var_dir / "sms"))


def _templates(prefix: str) -> dict[str, str]:
    return {
        kind: env.str(f"{prefix}{kind.upper()}", default="").strip()
        for kind in KIND_NAMES
    }


# https://cloud.tencent.com/document/product/382/55981 (SendSms, API 2021-01-11)
CANYU_SMS_TENCENT = {
    "SECRET_ID": env.str("CANYU_SMS_TENCENT_SECRET_ID", default=""),
    "SECRET_KEY": env.str("CANYU_SMS_TENCENT_SECRET_KEY", default=""),
    "SDK_APP_ID": env.str("CANYU_SMS_TENCENT_SDK_APP_ID", default=""),
    "SIGN_NAME": env.str("CANYU_SMS_TENCENT_SIGN_NAME", default=""),
    "REGION": env.str("CANYU_SMS_TENCENT_REGION", default="ap-guangzhou"),
    "TEMPLATES": _templates("CANYU_SMS_TENCENT_TEMPLATE_"),
}

# https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms
CANYU_SMS_ALIYUN = {
    "ACCESS_KEY_ID": env.str("CANYU_SMS_ALIYUN_ACCESS_KEY_ID", default=""),
    "ACCESS_KEY_SECRET": env.str("CANYU_SMS_ALIYUN_ACCESS_KEY_SECRET", default=""),
    "SIGN_NAME": env.str("CANYU_SMS_ALIYUN_SIGN_NAME", default=""),
    "ENDPOINT": env.str("CANYU_SMS_ALIYUN_ENDPOINT", default="dysmsapi.aliyuncs.com"),
    "TEMPLATES": _templates("CANYU_SMS_ALIYUN_TEMPLATE_"),
}

# The environment variables each provider cannot work without.
_REQUIRED = {
    "tencent": (
        "CANYU_SMS_TENCENT_",
        CANYU_SMS_TENCENT,
        ("SECRET_ID", "SECRET_KEY", "SDK_APP_ID", "SIGN_NAME", "REGION"),
    ),
    "aliyun": (
        "CANYU_SMS_ALIYUN_",
        CANYU_SMS_ALIYUN,
        ("ACCESS_KEY_ID", "ACCESS_KEY_SECRET", "SIGN_NAME", "ENDPOINT"),
    ),
}


def sms_settings_missing(backend: str) -> list[str]:
    """The environment variables the ``backend`` needs and lacks (credentials,
    sign, a template per kind). Production refuses to start unless empty."""
    if backend not in _REQUIRED:
        return []
    prefix, config, keys = _REQUIRED[backend]
    missing = [f"{prefix}{key}" for key in keys if not config[key]]
    missing += [
        f"{prefix}TEMPLATE_{kind.upper()}"
        for kind, template in config["TEMPLATES"].items()
        if not template
    ]
    return missing


# Queued texts are sent again after this long (a lost broker message); a text
# left "sending" by a worker that died is marked failed, never sent twice.
CANYU_SMS_STALLED_MINUTES = 10
# Days after which every outbox row's parameters are emptied and delivered rows
# deleted (home.retention.sms_outbox_purge).
CANYU_SMS_RETENTION_DAYS = env.int("CANYU_SMS_RETENTION_DAYS", default=30)
