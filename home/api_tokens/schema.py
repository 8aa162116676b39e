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


_SIGNED_IN_ERRORS = {
    "401": "Not signed in: no credentials, or an unknown, revoked or expired token.",
    "403": (
        "Not allowed: not yours, a read-only token writing, or a privileged "
        "account without two-factor."
    ),
}


def document_sign_in(result, generator, request, public):
    """drf-spectacular postprocessing hook: an operation that needs a signed-in
    caller (its security names no anonymous access) may answer 401 and 403."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            security = operation.get("security")
            if not security or {} in security:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in _SIGNED_IN_ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Error"}
                            }
                        },
                    },
                )
    return result
