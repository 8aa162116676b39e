"""Request middleware of the site shell."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

from home.permissions import is_platform_staff

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication set up: a staff
    user without a TOTP authenticator is sent to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            is_platform_staff(user)
            and request.path.startswith(ADMIN_PREFIXES)
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                _(
                    "Staff must set up two-factor authentication (a TOTP "
                    "authenticator) before entering the admin."
                ),
            )
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.path})}"
            )
        return self.get_response(request)


# The public site runs under a strict policy: no inline script, no third-party
# origin. The Wagtail admin does not run under one (wagtail#1288), so it gets its own.
PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = (
                ADMIN_POLICY
                if request.path.startswith(ADMIN_PREFIXES)
                else PUBLIC_POLICY
            )
            response["Content-Security-Policy"] = policy
        return response
