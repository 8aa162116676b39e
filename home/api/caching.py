"""The public API's answers kept in the shared cache, under a data version.

Every answer of a public endpoint is the same for every visitor (no per-user
content, docs/pitfalls), so it is rendered once per version, language and URL
and served from the cache until the data change. Any save or delete of a model of
the project's apps starts a new version (``data_changed``); the cache timeout
(``CANYU_API_CACHE_SECONDS``) bounds the writes that send no signal (conditional
``UPDATE`` of places taken). The version's time is the answers' Last-Modified and
the body's hash their ETag, so a client that asks again gets 304 Not Modified.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

VERSION_KEY = "canyu-api:data-version"
_APPS = {"home", "consultations", "hotline", "volunteers", "wagtailcore"}
# Rows written while serving or sending, which no public answer shows.
_IGNORED_MODELS = {
    "accessrecord",
    "outboundemail",
    "outboundsms",
    "inboxmessage",
    "consentrecord",
    "dataexport",
    "opendatafile",
    "pagelogentry",
    "modellogentry",
    "revision",
    "pagesubscription",
}
_VERSION_SECONDS = 7 * 24 * 3600


def data_version() -> tuple[str, float]:
    """The current data version: a token and the time (epoch seconds) it began."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = (uuid.uuid4().hex, timezone.now().replace(microsecond=0).timestamp())
        # add(): two first readers agree on one version.
        if not cache.add(VERSION_KEY, version, _VERSION_SECONDS):
            version = cache.get(VERSION_KEY) or version
    return version


def data_changed(**kwargs) -> None:
    """Start a new data version: every cached answer is then stale."""
    cache.set(
        VERSION_KEY,
        (uuid.uuid4().hex, timezone.now().replace(microsecond=0).timestamp()),
        _VERSION_SECONDS,
    )


def _on_model_change(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in _APPS and meta.model_name not in _IGNORED_MODELS:
        data_changed()
        # Again once committed: a request answered between the save and the
        # commit may have cached the old rows under the version just started.
        transaction.on_commit(data_changed)


def connect_signals() -> None:
    post_save.connect(_on_model_change, dispatch_uid="home.api.caching.save")
    post_delete.connect(_on_model_change, dispatch_uid="home.api.caching.delete")


def answer_key(*, version: str, language: str, path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"canyu-api:answer:{version}:{language}:{digest}"


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def cache_seconds() -> int:
    return settings.CANYU_API_CACHE_SECONDS
