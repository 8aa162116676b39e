"""Production settings: PostgreSQL, Redis, Celery workers and beat, gunicorn.

Configured only by environment variables (see the README). Refuses to start with the
development secret key, and passes ``manage.py check --deploy`` with no warnings.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CANYU_ID_HASH_KEY,
    CANYU_MFA_KEYS,
    DEVELOPMENT_ID_HASH_KEY,
    DEVELOPMENT_MFA_KEY,
    DEVELOPMENT_SECRET_KEY,
    SECRET_KEY,
    STORAGES,
    env,
    sms_settings_missing,
)

if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a long random value (50+ characters): production "
        "refuses to start with the development key or none."
    )
if (
    not env.str("CANYU_ID_HASH_KEY", default="")
    or CANYU_ID_HASH_KEY in (DEVELOPMENT_ID_HASH_KEY, SECRET_KEY)
    or len(CANYU_ID_HASH_KEY) < 32
):
    raise ImproperlyConfigured(
        "Set CANYU_ID_HASH_KEY to a long random value (32+ characters) that differs "
        "from DJANGO_SECRET_KEY: it keys the ID numbers' hash. Change it later only "
        "with `manage.py rekey_id_hashes`."
    )

if not env.str("CANYU_MFA_KEY", default="") or DEVELOPMENT_MFA_KEY in CANYU_MFA_KEYS:
    raise ImproperlyConfigured(
        "Set CANYU_MFA_KEY to a Fernet key of its own (it encrypts the TOTP "
        "secrets): production refuses to start with the development key or none."
    )

DEBUG = False

# Several gunicorn processes and Celery workers must share the database, the cache
# (allauth's rate-limit counters live there) and the broker: no embedded defaults.
_missing = [
    name
    for name in ("DATABASE_URL", "CELERY_BROKER_URL")
    if not env.str(name, default="")
]
if not (env.str("REDIS_URL", default="") or env.str("CACHE_URL", default="")):
    _missing.append("REDIS_URL (or CACHE_URL)")
if _missing:
    raise ImproperlyConfigured(
        "Production needs shared services; set " + ", ".join(_missing) + "."
    )

# Text messages: the chosen provider's credentials, sign and a template per kind
# (config/settings/sms.py). The file backend starts, but check --deploy warns.
if _sms_missing := sms_settings_missing(CANYU_SMS_BACKEND):  # noqa: F405
    raise ImproperlyConfigured(
        f"CANYU_SMS_BACKEND={CANYU_SMS_BACKEND} needs "  # noqa: F405
        + ", ".join(_sms_missing)
        + " (README, SMS)."
    )

# Limits (home/limits.py) and allauth's login limits count in the default cache:
# a per-process or non-atomic cache would let each gunicorn process count alone.
_PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
}
if CACHES["default"]["BACKEND"] in _PER_PROCESS_CACHES:  # noqa: F405
    raise ImproperlyConfigured(
        "Production counts rate limits in the shared cache; CACHE_URL names "
        f"{CACHES['default']['BACKEND']}, which each process keeps apart "  # noqa: F405
        "(or cannot count atomically). Use Redis (REDIS_URL) or memcached."
    )
# django-ratelimit's error for such a cache (E003) is live here: check --deploy
# reports it if the cache is changed after start-up.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "account.W001"]

# SECURITY
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# STATIC: compressed, hashed names, served by WhiteNoise.
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Fail loudly when errors happen; the log goes to stdout for the process manager.
ADMINS = [("Admins", email) for email in env.list("DJANGO_ADMINS", default=[])]
