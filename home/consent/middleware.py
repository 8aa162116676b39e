"""Asking signed-in people again when a policy changes."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from home.consent.selectors import (
    consent_fingerprint,
    consent_pending,
    policy_current_versions,
)

# The account pages (logout, password, email, two-factor), the consent page
# itself, closing the account (where declining leads), the admin's API and files.
EXEMPT_PREFIXES = (
    "/accounts/",
    "/me/consent/",
    "/me/close-account/",
    "/admin/api/",
    "/django-admin/jsi18n/",
)
SESSION_KEY = "canyu_consent_checked"


def _is_page_visit(request) -> bool:
    """A browser asking for a page: a GET that accepts HTML (fetches and
    feeds say they want something else), outside the exempt paths."""
    if request.method != "GET":
        return False
    if request.headers.get("x-requested-with") or request.headers.get("hx-request"):
        return False
    accept = request.headers.get("accept", "")
    if accept and "text/html" not in accept:
        return False
    files = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
    return not path_without_language(request.path).startswith(EXEMPT_PREFIXES + files)


def path_without_language(path: str) -> str:
    """``/en/accounts/`` → ``/accounts/`` (English is under /en/)."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.lower().startswith(prefix.lower()):
            return path[len(prefix) - 1 :]
    return path


class ConsentMiddleware:
    """On a signed-in person's next page visit after a policy's current version
    changed, send them to ``/me/consent/`` (and back afterwards) until they
    accept it. The check costs one query per page; once passed, the session
    remembers it until the current versions change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and _is_page_visit(request):
            response = self.ask_if_pending(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def ask_if_pending(self, request, user):
        current = policy_current_versions()
        if not current:
            return None
        fingerprint = consent_fingerprint(user=user, current=current)
        if request.session.get(SESSION_KEY) == fingerprint:
            return None
        pending = consent_pending(user=user, current=current)
        if not pending:
            request.session[SESSION_KEY] = fingerprint
            return None
        # The policies themselves stay readable.
        if request.path in {version.link for version in pending}:
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('home:consent')}?{query}")
