"""Wagtail's page view, routed in the visitor's language (home/localized_pages.py).

config/urls.py puts this view in front of Wagtail's own ``wagtail_serve``
pattern (which still names the URLs). It routes the request and leaves the
result where Wagtail looks for it first (``request._wagtail_route_for_request``,
see ``Page.route_for_request``), then lets Wagtail serve the page as usual:
hooks, view restrictions and all."""

from django.http import Http404
from django.shortcuts import redirect

from wagtail import views as wagtail_views

from home.localized_pages import route_in_active_language, translation_for_visitor


def serve_page(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        result = route_in_active_language(request, path)
        request._wagtail_route_for_request = result
        if result is None:
            raise Http404
        page, args, _kwargs = result
        if not args:
            # The Chinese page reached at its /en/ address, when its English
            # translation lives at an address of its own.
            translation_page = translation_for_visitor(page, request)
            if translation_page is not None:
                return redirect(translation_page.get_url(request))
    return wagtail_views.serve(request, path)
