"""Wagtail's privacy settings (a page's, or an ancestor's, view restrictions:
password, signed-in users, groups) apply to everything that shows a page's
content outside the page itself: downloads, feeds and forms reached by address.
Lists and feeds for everyone use ``.public()``; a view that serves one page to
one request asks ``page_viewable``."""

from django.http import Http404


def page_viewable(page, request) -> bool:
    """Whether ``request`` passes every view restriction of ``page`` and its
    ancestors, as Wagtail checks before serving the page (a password entered on
    the page counts for the session)."""
    return all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


def page_viewable_or_404(page, request):
    """``page`` when ``request`` may see it; 404 (the page's existence is not
    confirmed) otherwise."""
    if not page_viewable(page, request):
        raise Http404
    return page


def page_viewable_by_user(page, user) -> bool:
    """Whether ``user`` could see ``page`` without a request, for emails and
    tasks: signed-in restrictions pass for an active account, group restrictions
    for members of the groups (and superusers); a password restriction never
    passes (nobody can be known to have the password)."""
    from wagtail.models import PageViewRestriction

    for restriction in page.get_view_restrictions():
        kind = restriction.restriction_type
        if kind == PageViewRestriction.LOGIN:
            if not (user and user.is_active):
                return False
        elif kind == PageViewRestriction.GROUPS:
            if not (user and user.is_active):
                return False
            if (
                not user.is_superuser
                and not user.groups.filter(pk__in=restriction.groups.all()).exists()
            ):
                return False
        else:
            return False
    return True
