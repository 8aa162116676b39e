"""The display mode switch: a POST from the header's form sets or clears the
cookie and goes back to the page the visitor was on."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from home.display_mode import COOKIE_MAX_AGE, COOKIE_NAME, ELDER, MODES


def _safe_next(request) -> str:
    """The ``next`` address when it stays on this site, else the home page
    (never an open redirect)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtail_serve", args=("",))


@require_POST
def display_mode_set(request):
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
