"""Survey reads (to be written)."""


def survey_context(request, *, consultation):
    return {}
