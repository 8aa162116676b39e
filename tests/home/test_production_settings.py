"""Production settings refuse the development key and pass check --deploy cleanly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_MFA_KEY = "Yk1hbm9uZS1wcm9kdWN0aW9uLW1mYS1rZXktMDEyMzQ="
GOOD_SECRET_KEY = "p" * 20 + "a-long-random-production-secret-0123456789"


def run_check(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "CACHE_URL", "CANYU_")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="canyu.example.cn",
        DATABASE_URL="postgres://canyu@127.0.0.1:5432/canyu",
        REDIS_URL="redis://127.0.0.1:6379/1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CANYU_MFA_KEY=PRODUCTION_MFA_KEY,
        CANYU_ID_HASH_KEY="k" * 20 + "a-long-random-id-hash-key-0123456789",
        # A real SMS provider: the file backend draws a check --deploy warning.
        CANYU_SMS_BACKEND="tencent",
        CANYU_SMS_TENCENT_SECRET_ID="AKIDproduction",
        CANYU_SMS_TENCENT_SECRET_KEY="production-secret",
        CANYU_SMS_TENCENT_SDK_APP_ID="1400000001",
        CANYU_SMS_TENCENT_SIGN_NAME="参与平台",
        CANYU_SMS_TENCENT_TEMPLATE_VERIFICATION_CODE="2000001",
        CANYU_SMS_TENCENT_TEMPLATE_NOTIFICATION="2000002",
    )
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


def test_production_refuses_the_development_secret_key():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_check(DJANGO_SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_run_on_embedded_defaults():
    result = run_check(
        DJANGO_SECRET_KEY="s" * 20 + "a-long-random-production-secret-0123456789",
        REDIS_URL="",
        CELERY_BROKER_URL="",
    )
    assert result.returncode != 0
    assert "CELERY_BROKER_URL" in result.stderr
    assert "REDIS_URL" in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = run_check(
        DJANGO_SECRET_KEY="p" * 20 + "a-long-random-production-secret-0123456789"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_run_without_a_key_for_two_factor_secrets():
    result = run_check(DJANGO_SECRET_KEY=GOOD_SECRET_KEY, CANYU_MFA_KEY="")
    assert result.returncode != 0
    assert "CANYU_MFA_KEY" in result.stderr


def test_production_refuses_the_development_key_for_two_factor_secrets():
    from django.conf import settings

    result = run_check(
        DJANGO_SECRET_KEY=GOOD_SECRET_KEY, CANYU_MFA_KEY=settings.DEVELOPMENT_MFA_KEY
    )
    assert result.returncode != 0
    assert "CANYU_MFA_KEY" in result.stderr


PRODUCTION_SECRET = "p" * 20 + "a-long-random-production-secret-0123456789"
ID_HASH_KEY = "i" * 20 + "a-long-random-id-hash-key-0123456789"


def test_production_refuses_a_local_memory_cache_for_limits():
    result = run_check(
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        CANYU_ID_HASH_KEY=ID_HASH_KEY,
        CACHE_URL="locmemcache://",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "LocMemCache" in result.stderr


def test_check_deploy_reports_a_local_memory_cache_set_after_start_up():
    """The settings refuse such a cache at start-up; if it is swapped in later
    (a settings override), django-ratelimit's E003 is live in production."""
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.management import call_command\n"
        "settings.CACHES = {'default': {'BACKEND': "
        "'django.core.cache.backends.locmem.LocMemCache'}}\n"
        "call_command('check', '--deploy')\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="canyu.example.cn",
        DATABASE_URL="postgres://canyu@127.0.0.1:5432/canyu",
        REDIS_URL="redis://127.0.0.1:6379/1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        CANYU_ID_HASH_KEY=ID_HASH_KEY,
        CANYU_MFA_KEY=PRODUCTION_MFA_KEY,
    )
    result = subprocess.run(  # noqa: S603 (a fixed script)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "django_ratelimit.E003" in result.stdout + result.stderr


def test_production_needs_its_own_id_hash_key():
    missing = run_check(DJANGO_SECRET_KEY=PRODUCTION_SECRET, CANYU_ID_HASH_KEY="")
    assert missing.returncode != 0
    assert "CANYU_ID_HASH_KEY" in missing.stderr
    same = run_check(
        DJANGO_SECRET_KEY=PRODUCTION_SECRET, CANYU_ID_HASH_KEY=PRODUCTION_SECRET
    )
    assert same.returncode != 0
    assert "CANYU_ID_HASH_KEY" in same.stderr
