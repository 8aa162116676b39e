"""SMS settings: production refuses to start without the chosen provider's
credentials, sign and templates; check --deploy warns about the file backend;
an unknown backend is refused everywhere."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "canyu.example.cn",
    "DATABASE_URL": "postgres://canyu@127.0.0.1:5432/canyu",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_SECRET_KEY": "p" * 20 + "a-long-random-production-secret-0123456789",
    "CANYU_ID_HASH_KEY": "k" * 20 + "a-long-random-id-hash-key-0123456789",
    "CANYU_MFA_KEY": "Yk1hbm9uZS1wcm9kdWN0aW9uLW1mYS1rZXktMDEyMzQ=",
}
TENCENT = {
    "CANYU_SMS_BACKEND": "tencent",
    "CANYU_SMS_TENCENT_SECRET_ID": "AKIDproduction",
    "CANYU_SMS_TENCENT_SECRET_KEY": "production-secret",
    "CANYU_SMS_TENCENT_SDK_APP_ID": "1400000001",
    "CANYU_SMS_TENCENT_SIGN_NAME": "参与平台",
    "CANYU_SMS_TENCENT_TEMPLATE_VERIFICATION_CODE": "2000001",
    "CANYU_SMS_TENCENT_TEMPLATE_NOTIFICATION": "2000002",
}
ALIYUN = {
    "CANYU_SMS_BACKEND": "aliyun",
    "CANYU_SMS_ALIYUN_ACCESS_KEY_ID": "LTAIproduction",
    "CANYU_SMS_ALIYUN_ACCESS_KEY_SECRET": "production-secret",
    "CANYU_SMS_ALIYUN_SIGN_NAME": "参与平台",
    "CANYU_SMS_ALIYUN_TEMPLATE_VERIFICATION_CODE": "SMS_100001",
    "CANYU_SMS_ALIYUN_TEMPLATE_NOTIFICATION": "SMS_100002",
}


def run_check(environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "CACHE_URL", "CANYU_")
        )
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("provider", [TENCENT, ALIYUN], ids=["tencent", "aliyun"])
def test_production_starts_with_a_complete_provider(provider):
    result = run_check(PRODUCTION | provider)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("provider", "removed"),
    [
        (TENCENT, "CANYU_SMS_TENCENT_SECRET_KEY"),
        (TENCENT, "CANYU_SMS_TENCENT_SDK_APP_ID"),
        (ALIYUN, "CANYU_SMS_ALIYUN_ACCESS_KEY_ID"),
        (ALIYUN, "CANYU_SMS_ALIYUN_TEMPLATE_VERIFICATION_CODE"),
    ],
)
def test_production_refuses_a_provider_missing_a_setting(provider, removed):
    result = run_check(PRODUCTION | provider | {removed: ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert removed in result.stderr
    # Only what is missing is named, never a value that is set.
    assert "production-secret" not in result.stderr


def test_check_deploy_warns_that_the_file_backend_reaches_no_one():
    result = run_check(PRODUCTION)  # no CANYU_SMS_BACKEND: the file backend
    assert result.returncode != 0
    assert "home.W001" in result.stderr + result.stdout
    assert "CANYU_SMS_BACKEND" in result.stderr + result.stdout


def test_an_unknown_backend_is_refused():
    result = run_check(PRODUCTION | {"CANYU_SMS_BACKEND": "carrier-pigeon"})
    assert result.returncode != 0
    assert "CANYU_SMS_BACKEND" in result.stderr
    assert "tencent, aliyun" in result.stderr
