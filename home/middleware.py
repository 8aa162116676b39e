"""Request middleware of the site shell."""

from django.conf import settings

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from home.twofactor import (
    needs_two_factor,
    refused_for_two_factor,
    two_factor_setup_redirect,
)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class TwoFactorMiddleware:
    """Two-factor for every privileged power (``home.twofactor``). Whoever can
    enter the admins (staff, unit members, moderators, reviewers) enters them only
    with two-factor set up; elsewhere, a 403 or 404 that a permission helper gave
    only for lack of two-factor becomes a redirect to set it up, with ``next``
    back to where the user was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path.startswith(ADMIN_PREFIXES) and needs_two_factor(user):
            return two_factor_setup_redirect(request)
        response = self.get_response(request)
        if response.status_code in (403, 404) and refused_for_two_factor(user):
            return two_factor_setup_redirect(request)
        return response


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
