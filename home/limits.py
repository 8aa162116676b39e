"""Limits on how often one account, or one client address, may do something.

Counted in the shared cache with django-ratelimit, so that every web process and
worker counts the same (production: Redis; ``make run``: the file cache under
``var/``). Each action has its rates in ``settings.CANYU_RATE_LIMITS``::

    "comment_flag": {"user": "20/d", "ip": "60/h"}

A view or service calls :func:`enforce` before it changes anything; past a rate
it raises :class:`LimitReached`, a ``ServiceError`` whose message says when to
try again. Per-account rates do the real work; per-address rates are set high,
because a whole office or campus may share one address behind NAT.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from allauth.account.adapter import get_adapter
from django_ratelimit.core import get_usage

from home.exceptions import ServiceError


class LimitReached(ServiceError):
    """Too many attempts in a while: nothing was changed."""

    def __init__(self, message: str, *, seconds_left: int = 0):
        super().__init__(message)
        self.seconds_left = seconds_left


def client_ip(request) -> str:
    """The client's address, honouring ``ALLAUTH_TRUSTED_PROXY_COUNT`` as the
    login limits do."""
    return get_adapter(request).get_client_ip(request)


def _wait_message(seconds: int) -> str:
    if seconds >= 3600:
        hours = max(1, round(seconds / 3600))
        wait = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    elif seconds >= 60:
        minutes = max(1, round(seconds / 60))
        wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    else:
        wait = ngettext("%(n)d second", "%(n)d seconds", max(1, seconds)) % {
            "n": max(1, seconds)
        }
    return _("You have done this too often. Please try again in %(wait)s.") % {
        "wait": wait
    }


def _subjects(action: str, rates: dict, user, request) -> list[tuple[str, str, str]]:
    subjects = []
    if "user" in rates and user is not None and user.is_authenticated:
        subjects.append(("user", f"user:{user.pk}", rates["user"]))
    if "ip" in rates and request is not None:
        subjects.append(("ip", f"ip:{client_ip(request)}", rates["ip"]))
    return subjects


def enforce(action: str, *, user=None, request=None) -> None:
    """Counts one attempt at ``action`` for the account and for the client's
    address, and raises :class:`LimitReached` when either is over its rate.
    ``user`` defaults to ``request.user``."""
    rates = settings.CANYU_RATE_LIMITS[action]
    if user is None and request is not None:
        user = getattr(request, "user", None)
    for scope, value, rate in _subjects(action, rates, user, request):
        usage = get_usage(
            request,
            group=f"canyu.{action}.{scope}",
            key=lambda group, req, value=value: value,
            rate=rate,
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            seconds = max(int(usage.get("time_left") or 0), 0)
            raise LimitReached(_wait_message(seconds), seconds_left=seconds)


def search_words_allowed(request, words: str) -> bool:
    """Counts a search for ``words`` (site search, a listing's search box) and
    says whether it may run. An empty search costs nothing; a refused one leaves
    the :class:`LimitReached` message for the page (messages framework)."""
    if not (words or "").strip():
        return True
    try:
        enforce("search", request=request)
    except LimitReached as error:
        messages.error(request, str(error))
        return False
    return True


def without_search_words(request, params):
    """``params`` (a QueryDict) without its search words ``q`` when the search is
    refused by :func:`search_words_allowed`: the listing is shown unfiltered by
    words, with the message."""
    if search_words_allowed(request, params.get("q", "")):
        return params
    params = params.copy()
    params.pop("q", None)
    return params
