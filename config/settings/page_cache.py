"""The anonymous page cache (home/page_cache), part of the base settings.

README "Page cache": what is cached, how invalidation works, how to turn it off.
"""

import environ

env = environ.Env()

# Serve anonymous GETs of pages from the shared cache (CACHES["default"]).
CANYU_PAGE_CACHE = env.bool("CANYU_PAGE_CACHE", default=True)
# How long a stored page lives at most. Writes invalidate at once; this bounds only
# what the clock alone changes (a consultation opening at its hour, "3 days left").
CANYU_PAGE_CACHE_SECONDS = env.int("CANYU_PAGE_CACHE_SECONDS", default=60)
# s-maxage for a reverse proxy in front (0: a proxy must not reuse a page, so every
# visitor sees a change on the next request; more trades that for load).
CANYU_PAGE_CACHE_PROXY_SECONDS = env.int("CANYU_PAGE_CACHE_PROXY_SECONDS", default=0)
# Never cached, whatever the response (paths without the /en/ prefix). Only pages
# (text/html) are stored, so paths that never answer with one are listed too: they
# skip the cache's two lookups (the API keeps its own answers, home/api/caching.py).
CANYU_PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/api/",
    "/robots.txt",
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/_util/",
    "/documents/",
    "/i18n/",
    "/csp-report/",
)
# A write to one of these tables (and to a Wagtail settings model's) invalidates
# every page: their rows are on every page (menus, footer) and may reach it through
# another cache (Wagtail caches the sites' root paths) rather than through a query
# the page cache sees. Add the tables of anything else cached outside the database.
CANYU_PAGE_CACHE_SITE_WIDE_TABLES = (
    "wagtailcore_page",
    "wagtailcore_site",
    "wagtailcore_locale",
    "wagtailcore_pageviewrestriction",
    "wagtailcore_collectionviewrestriction",
)
# Written often, never shown on a page: writes to them invalidate nothing.
CANYU_PAGE_CACHE_IGNORED_TABLES = (
    "django_session",
    "django_cache",
)
