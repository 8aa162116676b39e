"""Production settings refuse the development key and pass check --deploy cleanly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "CACHE_URL")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="canyu.example.cn",
        DATABASE_URL="postgres://canyu@127.0.0.1:5432/canyu",
        REDIS_URL="redis://127.0.0.1:6379/1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
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
