"""Routes of a page's own forms (``RoutablePageMixin``): the residents' comment,
support and follow forms of a consultation, a shift's sign-up and cancel forms."""

from django.contrib.auth.decorators import login_required as login_required_view
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from wagtail.contrib.routable_page.models import path


def post_path(pattern: str, *, name: str, login_required: bool = False):
    """A page route that answers POST only (any other method gets 405), as a form
    posted to the page expects; with ``login_required`` a visitor who is not
    signed in is sent to sign in first."""

    def decorator(method):
        view = method_decorator(require_POST)(method)
        if login_required:
            view = method_decorator(login_required_view)(view)
        return path(pattern, name=name)(view)

    return decorator
