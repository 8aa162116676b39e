"""Where files that must not be reachable by URL are kept."""

from django.conf import settings
from django.core.files.storage import default_storage, storages


def private_storage():
    """The "private" storage (outside MEDIA_ROOT, no URL) where configured; the
    default one otherwise (the tests' in-memory storage). Files kept there are
    handed out only by views that check who asks."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage
