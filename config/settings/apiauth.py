"""Signing in to the API: allauth's headless mode for the mobile app (session
tokens in ``X-Session-Token``) and personal access tokens (home/api_tokens/),
part of the base settings, after ``api.py`` (imported in name order). The
rate of creating tokens is in ``limits.py``.

https://docs.allauth.org/en/latest/headless/configuration.html
"""

from .api import REST_FRAMEWORK, SPECTACULAR_SETTINGS

# The website keeps its own allauth pages; the app signs in through the JSON
# endpoints under /api/v1/auth/app/v1/ (the same adapter, rate limits and
# two-factor stage as the site). No browser client: the site is the browser's.
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)
HEADLESS_SERVE_SPECIFICATION = False

# Who may call the authenticated endpoints: a personal access token, the app's
# allauth session token, or the site's own session (with its CSRF check).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "home.api_tokens.authentication.BearerTokenAuthentication",
        "allauth.headless.contrib.rest_framework.authentication."
        "XSessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
}

# One enum per status set in the schema (several models have a "status"); the
# signed-in operations document 401 and 403.
SPECTACULAR_SETTINGS = {
    **SPECTACULAR_SETTINGS,
    "POSTPROCESSING_HOOKS": [
        *SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"],
        "home.api_tokens.schema.document_sign_in",
    ],
    "ENUM_NAME_OVERRIDES": {
        **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
        "SignupStatusEnum": "volunteers.models.Signup.Status",
        "ServiceRecordStatusEnum": "volunteers.models.ServiceRecord.Status",
        "CertificateStatusEnum": "volunteers.models.Certificate.Status",
        "CommentStatusEnum": "consultations.models.Comment.Status",
        "BookingStatusEnum": "home.models.BookingStatus",
    },
}
