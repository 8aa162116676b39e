"""The consultation index (to be completed)."""


def index_context(request, *, index_page):
    return {}
