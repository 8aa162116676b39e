"""Request middleware of the site shell."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from csp.middleware import CSPMiddleware
from csp.utils import default_config

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admins under their own, looser policy
    (``CANYU_ADMIN_CONTENT_SECURITY_POLICY``: Wagtail's admin does not run under a
    strict one, wagtail#1288), sent in whichever mode the site's policy is
    (enforced, or report-only with ``DJANGO_CSP_REPORT_ONLY``)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        mode = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY"
            if report_only
            else "CONTENT_SECURITY_POLICY"
        )
        # A view's own @csp_replace / @csp_update still applies on top; only the
        # base policy changes.
        if (
            parts.config is None
            and request.path.startswith(ADMIN_PREFIXES)
            and getattr(settings, mode, None)
        ):
            parts.config = default_config(
                settings.CANYU_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
        return parts
