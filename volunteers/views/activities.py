"""Activity pages (to be completed)."""


def index_context(request, *, index_page):
    return {}


def detail_context(request, *, activity):
    return {}


urlpatterns: list = []
