"""Django REST framework authentication by personal access token:
``Authorization: Bearer cyu_…``."""

from django.utils.translation import gettext as _

from rest_framework import authentication, exceptions

from home.api_tokens.services import api_token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``request.user`` is the token's owner and ``request.auth`` the token row
    (its scope is checked by ``permissions.TokenScope``). A missing header leaves
    the request to the other authentication classes; a wrong token is a 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed bearer token."))
        try:
            token = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(
                _("Malformed bearer token.")
            ) from error
        row = api_token_authenticate(token)
        if row is None:
            raise exceptions.AuthenticationFailed(
                _("This token is unknown, revoked or expired.")
            )
        return row.user, row

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


# The security schemes of the OpenAPI schema (drf-spectacular finds extensions
# by import; this module is imported whenever the API is).
from home.api_tokens import schema  # noqa: E402, F401
