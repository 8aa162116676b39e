"""The page tree of the city, through the ORM (treebeard keeps the paths): pages
are added live, without revisions, as an import would add them."""

from django.utils import timezone


def add_live_page(parent, page):
    """Add ``page`` under ``parent``, published now, and return it."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page
