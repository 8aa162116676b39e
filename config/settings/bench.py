"""Settings of `make bench` (tests/performance/run_bench.py): production's
behaviour (DEBUG off, the configured database and cache, WhiteNoise serving
hashed static files) without production's refusals of a local run: no HTTPS
redirect or secure-only cookies (the load generator speaks plain HTTP on
127.0.0.1), development keys allowed. Every response says how many SQL queries
it made (``X-Queries``), and the per-address rate limits are lifted: a city's
crowd comes from many addresses, the load generator from one."""

from .base import *  # noqa: F403
from .base import CANYU_RATE_LIMITS, LOGGING, MIDDLEWARE, REST_FRAMEWORK, STORAGES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

MIDDLEWARE = ["config.bench_queries.QueryCountMiddleware", *MIDDLEWARE]

STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

CANYU_RATE_LIMITS = {
    name: {
        scope: ("1000000/h" if scope == "ip" else rate) for scope, rate in rates.items()
    }
    for name, rates in CANYU_RATE_LIMITS.items()
}

# The API's per-address throttles too (counted in the shared cache, so a lower
# rate would also carry over from one measurement to the next).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000/hour", "user": "1000000/hour"},
}

LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}
