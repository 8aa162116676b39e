"""Two-factor authentication as the key to every privileged power.

One place decides: ``has_two_factor(user)`` (a TOTP authenticator, allauth MFA).
The permission helpers of ``home.permissions`` pass every power they grant through
``two_factor_gate``: without two-factor the power does not work (in views,
services and admin screens alike), and the refusal is remembered on the user
object so that ``home.middleware.TwoFactorMiddleware`` answers the 403/404 with a
redirect to the set-up page instead. Views of privileged screens also carry
``@two_factor_required``, so that a list that would merely come out empty sends
its reader to set up two-factor too.

Privileged means: platform staff, any role in a unit, or entry to the admin (the
units' editor groups, Moderators, Pledge reviewers hold ``access_admin``)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"
# Attributes on the user object (request.user lives for one request).
_HAS_TWO_FACTOR = "_canyu_has_two_factor"
_REFUSED = "_canyu_two_factor_refused"
# Where to return after set-up, kept in the session across allauth's pages.
NEXT_SESSION_KEY = "canyu_two_factor_next"


def has_two_factor(user) -> bool:
    """Whether the account has set up a TOTP authenticator (its recovery codes
    come with it). Looked up once per user object."""
    if user is None or not user.is_authenticated:
        return False
    known = getattr(user, _HAS_TWO_FACTOR, None)
    if known is None:
        known = Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists()
        setattr(user, _HAS_TWO_FACTOR, known)
    return known


def forget_two_factor(user) -> None:
    """Drop what ``has_two_factor`` remembered (after adding or removing one)."""
    for name in (_HAS_TWO_FACTOR, _REFUSED):
        if hasattr(user, name):
            delattr(user, name)


def two_factor_gate(user, granted: bool) -> bool:
    """The last step of every privileged permission: a power that would be
    granted works only with two-factor set up. A refusal for lack of it is
    remembered, for the middleware to send the user to set it up."""
    if not granted:
        return False
    if has_two_factor(user):
        return True
    setattr(user, _REFUSED, True)
    return False


def refused_for_two_factor(user) -> bool:
    """Whether a power was refused to ``user`` only for lack of two-factor."""
    return bool(getattr(user, _REFUSED, False))


def holds_privilege(user) -> bool:
    """Whether the account holds a power that needs two-factor (whether or not it
    has set it up): staff, a role in any unit, or entry to the admin."""
    from home.models import UnitMembership

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or UnitMembership.objects.filter(user_id=user.pk).exists()
        or user.has_perm(ADMIN_ACCESS_PERMISSION)
    )


def needs_two_factor(user) -> bool:
    """A privileged account without two-factor."""
    if user is None or not user.is_authenticated or has_two_factor(user):
        return False
    return holds_privilege(user)


def safe_next(request, url: str | None) -> str:
    """``url`` if it is a path on this site, else ''."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def two_factor_setup_redirect(request):
    """Send the user to allauth's TOTP set-up with a message, and ``next`` back to
    where they were (kept in the session too, for after the recovery codes)."""
    here = request.get_full_path() if request.method == "GET" else request.path
    request.session[NEXT_SESSION_KEY] = here
    messages.warning(
        request,
        _(
            "This is a privileged screen: staff, unit members, moderators and "
            "reviewers must set up two-factor authentication (an authenticator "
            "app) before using it. Set it up now; you will be taken back."
        ),
    )
    return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': here})}")


def two_factor_required(view):
    """For the views of privileged screens: a privileged account without
    two-factor is sent to set it up first; everyone else goes on to the view
    (which refuses whoever holds no power there)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if needs_two_factor(request.user):
            return two_factor_setup_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped
