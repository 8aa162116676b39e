"""Table versions in the shared cache.

Every bump takes the next number of one counter (``seq``) and writes it as the
version of each table written. A stored page records the versions of the tables
it read (and of ``*``, the whole site) and is served only while all of them are
unchanged. A page whose tables were bumped while it was being rendered (a version
newer than the counter read before rendering) is not stored at all: it may hold
data from before the write.
"""

import time

from django.core.cache import cache

from home.page_cache import SITE_WIDE

PREFIX = "canyu-pc:"
SEQ_KEY = f"{PREFIX}seq"


def version_key(table: str) -> str:
    return f"{PREFIX}v:{table}"


def _initial_seq() -> int:
    """Milliseconds since the epoch: a counter lost (cache cleared or evicted)
    restarts above every version handed out before, unless more than a thousand
    bumps a second were sustained."""
    return int(time.time() * 1000)


def current_seq() -> int:
    seq = cache.get(SEQ_KEY)
    if seq is None:
        cache.add(SEQ_KEY, _initial_seq(), timeout=None)
        seq = cache.get(SEQ_KEY, 0)
    return seq


def _next_seq() -> int:
    try:
        return cache.incr(SEQ_KEY)
    except ValueError:
        cache.add(SEQ_KEY, _initial_seq(), timeout=None)
        return cache.incr(SEQ_KEY)


def bump(tables) -> None:
    """A new version for each table (``*``: every page)."""
    tables = set(tables)
    if not tables:
        return
    seq = _next_seq()
    cache.set_many({version_key(table): seq for table in tables}, timeout=None)


def bump_all() -> None:
    """Invalidate every stored page."""
    bump([SITE_WIDE])


def versions_of(tables, *, seq_floor: int) -> dict[str, int]:
    """The current version of each table; a table never bumped (or whose version
    was evicted) starts at ``seq_floor``."""
    keys = {version_key(table): table for table in tables}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, seq_floor, timeout=None)
        found.update(cache.get_many(missing))
    return {keys[key]: found.get(key, seq_floor) for key in keys}


def still_valid(recorded: dict[str, int]) -> bool:
    """True while no table of ``recorded`` (table → version) has been bumped."""
    keys = {version_key(table): version for table, version in recorded.items()}
    found = cache.get_many(list(keys))
    return all(found.get(key) == version for key, version in keys.items())


def recorded_unless_written(read, *, seq_before: int) -> dict[str, int] | None:
    """The versions to store with a page or answer built from the tables
    ``read`` (and ``*``), or None when one of them was written while it was
    being built (a version newer than ``seq_before``): it may hold old rows."""
    recorded = versions_of(set(read) | {SITE_WIDE}, seq_floor=seq_before)
    if all(version <= seq_before for version in recorded.values()):
        return recorded
    return None
