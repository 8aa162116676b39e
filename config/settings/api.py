"""The public JSON API under /api/v1/ (Django REST framework, drf-spectacular),
part of the base settings.

https://www.django-rest-framework.org/api-guide/settings/
https://drf-spectacular.readthedocs.io/en/latest/settings.html
"""

import environ
from celery.schedules import crontab

env = environ.Env()

REST_FRAMEWORK = {
    # Private unless an endpoint says AllowAny (the public ones do, explicitly).
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: the browsable API would need inline scripts under the site's CSP.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "home.api.pagination.ApiCursorPagination",
    "PAGE_SIZE": 20,
    # Counted in the default (shared) cache, like the site's own limits: one
    # counter per client and window (home/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "home.api.throttling.AnonymousThrottle",
        "home.api.throttling.AccountThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("CANYU_API_ANON_RATE", default="120/minute"),
        "user": env.str("CANYU_API_USER_RATE", default="600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "参与 Canyu API",
    "DESCRIPTION": (
        "Public, read-only data of the Canyu participation and volunteer platform: "
        "consultations, comments and official replies, answer rates, results, "
        "evaluations, units, pledges, activities, facilities, leaderboards and the "
        "open-data files. Licence of the data: CC BY 4.0."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["home.api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "home.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "home.models.units.Unit.Kind",
        "FacilityKindEnum": "home.models.facilities.FacilityKind",
        "PledgeCategoryEnum": "home.models.pledge_items.PledgeCategory",
        "ActivityCategoryEnum": "volunteers.models.activities.ActivityCategory",
    },
    # Swagger UI and Redoc from the site itself (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Public answers are kept this long in the shared cache (and browsers may keep
# them as long: Cache-Control public, max-age); a write to a table an answer read
# invalidates it at once (page cache versions), so this bounds only what the clock
# alone changes.
CANYU_API_CACHE_SECONDS = env.int("CANYU_API_CACHE_SECONDS", default=60)

# The open-data files (home.open_data): written again every night at 03:30
# (Asia/Shanghai, CELERY_TIMEZONE).
CANYU_OPEN_DATA_BEAT_SCHEDULE = {
    "open-data-publish": {
        "task": "home.tasks.open_data_publish",
        "schedule": crontab(hour=3, minute=30),
    },
}
