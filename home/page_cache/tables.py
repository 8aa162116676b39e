"""Which tables each SQL statement reads or writes, seen by a wrapper on every
database connection (``connection.execute_wrappers``).

A SELECT during a page request adds its tables to the page's dependencies. An
INSERT, UPDATE or DELETE bumps the version of the table it writes at once and
again when its transaction commits (the page rendered meanwhile read the old
rows); a statement the wrapper cannot place (DDL, an unusual raw write) bumps
``*``, every page. Being inside the database layer, it sees the writes of every
service, admin screen, Celery task, management command and Wagtail action,
without a list of what to invalidate when.
"""

import contextlib
import contextvars
import functools
import logging
import re

from django.apps import apps
from django.conf import settings
from django.db.backends.signals import connection_created

from home.page_cache import SITE_WIDE, versions

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WRITE_TARGET = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?
    |DELETE\s+FROM)\s+["`\[]?(\w+)""",
    re.IGNORECASE | re.VERBOSE,
)
_WRITE_WORD = re.compile(
    r"\b(?:INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|ALTER|DROP|CREATE)\b", re.IGNORECASE
)
# Statements that read or manage the transaction, never write rows.
_NOT_WRITES = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "PRAGMA",
    "SET",
    "SHOW",
    "EXPLAIN",
    "VALUES",
)

READ = "read"
WRITE = "write"

# The tables read during the current page request (None: not collecting).
_reading: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "page_cache_reading", default=None
)


@functools.cache
def known_tables() -> frozenset[str]:
    """Every model's table, lower-cased (many-to-many tables included)."""
    return frozenset(
        model._meta.db_table.lower()
        for model in apps.get_models(include_auto_created=True)
    )


@functools.cache
def site_wide_tables() -> frozenset[str]:
    """Tables whose rows reach every page (the page tree through menus,
    breadcrumbs and the footer; sites and locales; the site's settings),
    perhaps through another cache than a query the page cache sees: a write to
    one invalidates every page."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    settings_tables = {
        model._meta.db_table.lower()
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    }
    configured = {t.lower() for t in settings.CANYU_PAGE_CACHE_SITE_WIDE_TABLES}
    return frozenset(configured | settings_tables)


def _mentioned(sql: str) -> frozenset[str]:
    tables = known_tables()
    return frozenset(w for w in map(str.lower, _WORD.findall(sql)) if w in tables)


@functools.lru_cache(maxsize=4096)
def classify(sql: str) -> tuple[str, frozenset[str]]:
    """(READ, tables read) or (WRITE, tables written; ``*`` when unknown)."""
    head = sql.lstrip(" \t\r\n(").split(None, 1)
    first = head[0].upper() if head else ""
    if first in _NOT_WRITES or not _WRITE_WORD.search(sql):
        return READ, _mentioned(sql)
    target = _WRITE_TARGET.match(sql)
    if target and target.group(1).lower() in known_tables():
        return WRITE, frozenset({target.group(1).lower()})
    if first == "WITH":  # a CTE that writes: every table it names
        return WRITE, _mentioned(sql) or frozenset({SITE_WIDE})
    if first in ("INSERT", "UPDATE", "DELETE", "REPLACE"):
        return WRITE, frozenset()  # a table of no model (a library's own)
    return WRITE, frozenset({SITE_WIDE})  # DDL, TRUNCATE, anything unplaced


def _bump_for(tables: frozenset[str]) -> frozenset[str]:
    tables = tables - frozenset(settings.CANYU_PAGE_CACHE_IGNORED_TABLES)
    if tables & site_wide_tables():
        tables = tables | {SITE_WIDE}
    return tables


def _bump_pending(connection) -> None:
    pending = connection.__dict__.pop("_page_cache_pending", None)
    if pending:
        versions.bump(pending)


def _written(connection, tables: frozenset[str]) -> None:
    tables = _bump_for(tables)
    if not tables:
        return
    versions.bump(tables)
    if connection.in_atomic_block:
        # Again on commit: a page rendered before the commit read the old rows.
        connection.__dict__.setdefault("_page_cache_pending", set()).update(tables)
        connection.on_commit(functools.partial(_bump_pending, connection))


def observe(execute, sql, params, many, context):
    """The execute wrapper: run the statement, then note what it read or wrote."""
    result = execute(sql, params, many, context)
    try:
        kind, tables = classify(sql if isinstance(sql, str) else str(sql))
        if kind == WRITE:
            _written(context["connection"], tables)
        else:
            reading = _reading.get()
            if reading is not None:
                reading.update(tables)
    except Exception:
        # The cache must never break a write: log, and forget every page.
        logger.exception("page cache: could not record a statement")
        with contextlib.suppress(Exception):
            versions.bump_all()
    return result


def watch(connection, **kwargs) -> None:
    """Put the wrapper on a connection (once)."""
    if observe not in connection.execute_wrappers:
        connection.execute_wrappers.append(observe)


def install() -> None:
    connection_created.connect(watch, dispatch_uid="home.page_cache.watch")


@contextlib.contextmanager
def collecting_reads():
    """Collect the tables read inside the block into the set it yields."""
    tables: set[str] = set()
    token = _reading.set(tables)
    try:
        yield tables
    finally:
        _reading.reset(token)
