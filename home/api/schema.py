"""The OpenAPI schema covers the project's API only (/api/v1/), not the
endpoints Wagtail's admin serves with the same framework."""


def only_api_v1(endpoints, **kwargs):
    """drf-spectacular preprocessing hook (SPECTACULAR_SETTINGS)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
