"""The API's two ways of signing in, as OpenAPI security schemes
(drf-spectacular extensions; imported by home.apps when the API is loaded)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "home.api_tokens.authentication.BearerTokenAuthentication"
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal access token from /me/account/tokens/ "
                "(“Authorization: Bearer cyu_…”); a read-only token only reads."
            ),
        }


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = (
        "allauth.headless.contrib.rest_framework.authentication."
        "XSessionTokenAuthentication"
    )
    name = "appSessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": (
                "The session token of the app's sign-in through "
                "/api/v1/auth/app/v1/auth/login (allauth headless)."
            ),
        }
