"""The public API's answers kept in the shared cache, under the page cache's
table versions (home/page_cache).

Every answer of a public endpoint is the same for every visitor (no per-user
content, docs/pitfalls), so it is rendered once per language and URL and served
from the cache until a table it read is written. The tables are recorded while
the answer is computed, by the page cache's own wrapper on the database
connection (``tables.collecting_reads``), which also bumps a table's version on
every write it sees: a model's save or delete, ``QuerySet.update()``,
``bulk_create``, the conditional ``UPDATE`` of a shift's places, raw SQL, from the
web, a Celery task or a command. The time the answer was stored is its
Last-Modified and the body's hash its ETag, so a client that asks again gets 304
Not Modified. ``CANYU_API_CACHE_SECONDS`` bounds what only the clock changes (a
phase that begins at its hour).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from home.page_cache import tables, versions

collecting_reads = tables.collecting_reads

ANSWER_PREFIX = "canyu-api:answer:"


@dataclass
class StoredAnswer:
    content: bytes
    content_type: str
    versions: dict[str, int]
    stored_at: float


def answer_key(*, language: str, path: str) -> str:
    digest = hashlib.sha256(f"{language}\n{path}".encode()).hexdigest()
    return ANSWER_PREFIX + digest


def valid_answer(key: str) -> StoredAnswer | None:
    """The stored answer, while no table it read has been written since."""
    entry = cache.get(key)
    if isinstance(entry, StoredAnswer) and versions.still_valid(entry.versions):
        return entry
    return None


def computing_begins() -> int:
    """Before computing an answer: the connection is watched and the version
    counter read (an answer is stored only if none of its tables passed it)."""
    tables.watch(connection)
    return versions.current_seq()


def store(
    key: str, content: bytes, content_type: str, *, read: set[str], seq_before: int
) -> StoredAnswer:
    """Keep an answer computed from the tables ``read``, with their versions,
    unless one of them was written meanwhile (it may hold rows from before)."""
    answer = StoredAnswer(
        content,
        content_type,
        versions={},
        stored_at=timezone.now().replace(microsecond=0).timestamp(),
    )
    recorded = versions.recorded_unless_written(read, seq_before=seq_before)
    if recorded is not None:
        answer.versions = recorded
        cache.set(key, answer, cache_seconds())
    return answer


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def cache_seconds() -> int:
    return settings.CANYU_API_CACHE_SECONDS
