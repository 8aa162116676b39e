"""The page tree of the city. ``add_live_page`` goes through the ORM (treebeard
keeps the paths); ``add_live_pages`` writes many pages under one parent at once:
it gives them their tree paths and URL paths as treebeard and Wagtail would, and
inserts the ``Page`` rows and the page type's own rows in bulk. Pages are added
live, without revisions, as an import would add them; they are not put in the
search index (the benchmark does not search them)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

BATCH = 1_000


def _published(page, now):
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    return page


def add_live_page(parent, page):
    """Add ``page`` under ``parent``, published now, and return it."""
    _published(page, timezone.now())
    parent.add_child(instance=page)
    return page


def add_live_pages(parent, pages: list) -> list:
    """Add ``pages`` (all of one page type) under ``parent``, published now, in
    bulk; they come back with their ids."""
    if not pages:
        return pages
    now = timezone.now()
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    depth = parent.depth + 1
    for page in pages:
        position += 1
        _published(page, now)
        page.path = Page._get_path(parent.path, depth, position)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        Page.objects.bulk_create(batch)
        for page in batch:
            page.page_ptr_id = page.id
        model._base_manager._insert(
            batch, fields=model._meta.local_concrete_fields, using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
