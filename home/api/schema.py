"""The OpenAPI schema covers the project's API only (/api/v1/), not the
endpoints Wagtail's admin serves with the same framework."""


def only_api_v1(endpoints, **kwargs):
    """drf-spectacular preprocessing hook (SPECTACULAR_SETTINGS)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


_ERRORS = {
    "400": "A filter or parameter is not valid (the fields and what is wrong).",
    "404": "No such public resource (or it is not public).",
    "429": "Too many requests: wait (see the Retry-After header).",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation may answer 400, 404
    and 429, each a JSON object (``{"detail": ...}`` or the invalid fields)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "additionalProperties": True,
        "properties": {"detail": {"type": "string"}},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in _ERRORS.items():
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
