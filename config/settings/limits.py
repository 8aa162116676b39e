"""Rate limits (home/limits.py), part of the base settings."""

# LIMITS (home/limits.py): per account ("user") and per client address ("ip"),
# counted in the default cache. Address rates are generous: one office or campus
# may share an address behind NAT, and per-account rates do the real work.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_CACHE_PREFIX = "canyu-rl:"
CANYU_RATE_LIMITS = {
    "comment_flag": {"user": "20/d", "ip": "200/h"},
    "comment_support": {"user": "120/h", "ip": "1000/h"},
    "team_membership": {"user": "10/h", "ip": "300/h"},  # join and leave
    "roster_message": {"user": "10/d"},
    "volunteer_registration": {"user": "10/d", "ip": "50/h"},  # every submission
    "facility_booking": {"user": "20/d", "ip": "300/h"},  # request and cancel
    "shift_signup": {"user": "30/h", "ip": "600/h"},  # sign-up and cancel
    "search": {"user": "30/m", "ip": "120/m"},  # site search and listing words
    "public_export": {"user": "30/h", "ip": "60/h"},
    # The 12319 line: a caller's lookup by reference and code (not to be
    # guessed), and residents' requests on the site.
    "hotline_lookup": {"user": "20/h", "ip": "20/h"},
    "hotline_request": {"user": "10/d", "ip": "100/h"},
    "api_token_create": {"user": "10/h", "ip": "100/h"},  # personal access tokens
}
# django-ratelimit warns on any backend it does not list; Django's own Redis cache
# increments atomically. Its error for a per-process or non-atomic cache (E003) is
# silenced only outside production (settings/production.py refuses those caches).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
