"""Production settings: PostgreSQL, Redis, Celery workers and beat, gunicorn.

Configured only by environment variables (see the README). Refuses to start with the
development secret key, and passes ``manage.py check --deploy`` with no warnings.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, SECRET_KEY, STORAGES, env

if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a long random value (50+ characters): production "
        "refuses to start with the development key or none."
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
