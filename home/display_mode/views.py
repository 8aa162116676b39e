"""The header's two preference switches, display mode and language: a POST
from a small form sets or clears a cookie and goes back to the page the visitor
was on.

They carry no CSRF token, so that the header (on every page) holds none and
anonymous pages can be shared by the page cache (home/page_cache). They only
set a preference cookie, and still refuse a POST from another site: a browser
says where a form was sent from in ``Origin`` (and ``Sec-Fetch-Site``)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from home.display_mode import COOKIE_MAX_AGE, COOKIE_NAME, ELDER, MODES


def sent_from_this_site(request) -> bool:
    """False when the browser says the form came from another site (an
    ``Origin`` other than this one, a cross-site ``Sec-Fetch-Site``). A client
    that sends neither (an old browser, a script) is let through: all it can
    do is set its own preference."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin == f"{request.scheme}://{request.get_host()}"
    if origin == "null":
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    return fetch_site in (None, "same-origin", "none")


def _safe_next(request) -> str:
    """The ``next`` address when it stays on this site, else the home page
    (never an open redirect)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtail_serve", args=("",))


@csrf_exempt
@require_POST
def display_mode_set(request):
    if not sent_from_this_site(request):
        raise PermissionDenied
    mode = request.POST.get("mode", "")
    response = HttpResponseRedirect(_safe_next(request))
    if mode not in MODES:
        return response
    if mode == ELDER:
        response.set_cookie(
            COOKIE_NAME,
            ELDER,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response


@csrf_exempt
def language_set(request):
    """Django's set_language, with the same-site check in place of the token
    (a GET, as there, only redirects)."""
    if request.method == "POST" and not sent_from_this_site(request):
        raise PermissionDenied
    return set_language(request)
