"""The JSON API, version 1: /api/v1/ (included by config/urls.py).

Each app keeps its endpoints in ``<app>/api/urls.py``; this module puts them
under one prefix with the OpenAPI schema and its two documentation pages
(Swagger UI, Redoc), whose scripts come from the site (drf-spectacular-sidecar).
"""

from django.urls import include, path, re_path

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from home.api.views import NotFound

# The documentation pages' own stylesheets add <style> elements (Redoc builds
# its styles at run time and reads the schema in a web worker).
_DOCS_CSP = {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]}

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_update(_DOCS_CSP)(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path(
        "redoc/",
        csp_update(_DOCS_CSP)(SpectacularRedocView.as_view(url_name="api:schema")),
        name="redoc",
    ),
    path("", include("home.api.urls")),
    path("", include("consultations.api.urls")),
    path("", include("consultations.hotline.api.urls")),
    path("", include("volunteers.api.urls")),
    # Signed in (a personal access token, or the app's session from
    # /api/v1/auth/, config/urls.py): the caller's own data and actions.
    path("", include("home.api.me_urls")),
    path("", include("consultations.api.me_urls")),
    path("", include("volunteers.api.me_urls")),
    # Last: anything else under /api/v1/ is a JSON 404.
    re_path(r"^.*$", NotFound.as_view(), name="not_found"),
]
