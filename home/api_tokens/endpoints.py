"""What every authenticated endpoint of the API shares (volunteers/api/me.py,
volunteers/api/organiser.py, consultations/api/me.py, home/api/me.py): who may
call it, what a token's scope allows, and how a refusal of a service reads.

Endpoints call the same services and selectors as the site's views; a
``ServiceError`` becomes a 400 with its message, ``PermissionDenied`` a 403 and
a reached rate limit a 429 with ``Retry-After``."""

from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from home.api_tokens.permissions import TokenScope, TwoFactorForPrivileged
from home.exceptions import ServiceError
from home.limits import LimitReached


def refusal(error: Exception) -> Response:
    """The answer for a service's refusal: its message, meant for the user."""
    if isinstance(error, LimitReached):
        response = Response(
            {"detail": str(error)}, status=status.HTTP_429_TOO_MANY_REQUESTS
        )
        response["Retry-After"] = str(max(1, error.seconds_left))
        return response
    return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)


class PersonalEndpoint(APIView):
    """An endpoint about the caller's own data: signed in (token, app session
    or site session), a read-only token only reads."""

    permission_classes = [IsAuthenticated, TokenScope]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Personal data: never in a shared cache, nor kept by the client.
        response["Cache-Control"] = "private, no-store"
        return response

    def handle_exception(self, exc):
        # Django's PermissionDenied and Http404 are DRF's own business.
        if isinstance(exc, ServiceError):
            return refusal(exc)
        if isinstance(exc, OverflowError):
            # An id past 64 bits (SQLite's driver refuses it): no such row.
            exc = NotFound()
        return super().handle_exception(exc)


class OrganiserEndpoint(PersonalEndpoint):
    """An organiser's screen: also two-factor for a privileged account, as
    ``@two_factor_required`` on the site."""

    permission_classes = [IsAuthenticated, TokenScope, TwoFactorForPrivileged]
