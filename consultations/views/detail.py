"""The consultation page (to be completed)."""


def detail_context(request, *, consultation):
    return {}


urlpatterns: list = []
