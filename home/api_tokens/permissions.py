"""What a token may do, and two-factor for privileged accounts."""

from django.utils.translation import gettext_lazy as _

from rest_framework import permissions

from home.models import PersonalAccessToken
from home.twofactor import needs_two_factor


class TokenScope(permissions.BasePermission):
    """A read-only personal access token may only read (GET, HEAD, OPTIONS).
    Other credentials (allauth's app session, the site session) may write."""

    message = _("This token is read-only: create a token with write access.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, PersonalAccessToken) or token.can_write


class TwoFactorForPrivileged(permissions.BasePermission):
    """As ``@two_factor_required`` on the site: a privileged account without
    two-factor is refused until it sets it up."""

    message = _(
        "Your account holds a role in a unit or on the platform: set up two-factor "
        "authentication on the website first."
    )

    def has_permission(self, request, view):
        return not needs_two_factor(request.user)
