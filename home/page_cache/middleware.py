"""Serve anonymous GETs from the shared cache, store what is safe to share.

Only a request with no session and no messages cookie is looked up (nobody
signed in, nothing to show them alone). Only a 200 text/html response that sets
no cookie, holds no CSRF token or CSP nonce, queued no message and is not marked
private is stored: whatever a page shows to one visitor alone makes it
uncacheable by these rules, not by a list of pages. ``X-Cache`` says what
happened: ``hit``, ``miss`` (rendered and stored) or ``pass`` (not cacheable).
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from home.display_mode import elder_mode_on
from home.page_cache import tables, versions

logger = logging.getLogger(__name__)

PAGE_PREFIX = f"{versions.PREFIX}page:"
VARY = ("Cookie", "Accept-Language")
_SHAREABLE_VARY = {"cookie", "accept-language", "accept-encoding"}
_NOT_SHARED = ("private", "no-store", "no-cache", "max-age=0")
_PARTIAL_REQUEST_HEADERS = ("authorization", "hx-request", "x-requested-with")


@dataclass
class StoredPage:
    content: bytes
    headers: list[tuple[str, str]]
    versions: dict[str, int]


def _path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.lower().startswith(prefix.lower()):
            return path[len(prefix) - 1 :]
    return path


def is_candidate(request) -> bool:
    """May this request be answered from, and its response stored in, the cache?"""
    if not settings.CANYU_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    if any(request.headers.get(name) for name in _PARTIAL_REQUEST_HEADERS):
        return False
    path = _path_without_language(request.path)
    return not path.startswith(settings.CANYU_PAGE_CACHE_EXCLUDED_PREFIXES)


def page_key(request) -> str:
    """One entry per scheme, host, path with query, language and display mode."""
    parts = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            "elder" if elder_mode_on(request) else "standard",
        )
    )
    return PAGE_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def refusal(request, response) -> str | None:
    """Why this response must not be shared, or None when it may be."""
    if response.status_code != 200 or response.streaming:
        return "status or streaming"
    if not response.get("Content-Type", "").startswith("text/html"):
        return "not a page"
    if response.cookies:
        return "sets a cookie"
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in _NOT_SHARED):
        return "private"
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - _SHAREABLE_VARY:
        return "varies on other headers"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (
        b"csrfmiddlewaretoken" in response.content
    ):
        return "CSRF token"
    policy = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    if "'nonce-" in policy:
        return "CSP nonce"
    # Messages added in this request, or read from the visitor's storage (a
    # message shown moves from the queue to the loaded list).
    storage = getattr(request, "_messages", None)
    if storage is not None and (
        getattr(storage, "_queued_messages", None)
        or getattr(storage, "_loaded_data", None)
    ):
        return "message"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "signed in"
    return None


def _mark_shared(response) -> None:
    patch_vary_headers(response, VARY)
    proxy = settings.CANYU_PAGE_CACHE_PROXY_SECONDS
    if proxy > 0:
        patch_cache_control(response, public=True, max_age=0, s_maxage=proxy)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def _mark_not_shared(response) -> None:
    """A response that must not be shared gets ``private`` unless it says
    otherwise already, so a reverse proxy never stores it."""
    response["X-Cache"] = "pass"
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)


def _serve(entry: StoredPage) -> HttpResponse:
    response = HttpResponse(entry.content, headers=dict(entry.headers))
    response["X-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Placed right after LocaleMiddleware: a hit skips the rest of the stack;
    a miss stores the response as the inner middleware left it (security
    headers included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_candidate(request):
            response = self.get_response(request)
            _mark_not_shared(response)
            return response
        tables.watch(connection)
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None and versions.still_valid(entry.versions):
            return _serve(entry)
        seq_before = versions.current_seq()
        with tables.collecting_reads() as read:
            response = self.get_response(request)
        reason = refusal(request, response)
        if reason is not None:
            logger.debug("page cache: %s not stored (%s)", request.path, reason)
            _mark_not_shared(response)
            return response
        _mark_shared(response)
        recorded = versions.recorded_unless_written(read, seq_before=seq_before)
        # None: a table written while this page was rendered (it may show old rows).
        if recorded is not None:
            headers = [(k, v) for k, v in response.items() if k != "X-Cache"]
            stored = StoredPage(response.content, headers, recorded)
            cache.set(key, stored, timeout=settings.CANYU_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        else:
            logger.debug("page cache: %s not stored (written meanwhile)", request.path)
            response["X-Cache"] = "pass"
        return response
