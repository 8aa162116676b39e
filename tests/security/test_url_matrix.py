"""The URL × role matrix (issue 11, part 8): every URL pattern and page route of
the site, requested by every role, gets what tests/security/url_matrix.py says;
and no pattern or route exists without a row there."""

import json
import os

from django.core.cache import cache
from django.db import transaction

import pytest

from tests.security.matrix_runner import (
    discovered_keys,
    outcome,
    row_family,
    row_url,
    signed_in_client,
)
from tests.security.matrix_world import ROLES, build_world
from tests.security.url_matrix import MATRIX

pytestmark = pytest.mark.django_db

# MATRIX_DUMP=<file>: write what each role actually got, as JSON, instead of
# failing (to review a new row, or the whole table after a deliberate change).
DUMP = os.environ.get("MATRIX_DUMP")
_dumped: dict = {}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the
    end; each test runs in a savepoint within it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            world.clients = {
                role: signed_in_client(world.users.get(role)) for role in ROLES
            }
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    if DUMP:
        with open(DUMP, "w") as handle:
            json.dump(_dumped, handle, ensure_ascii=False, indent=1, sort_keys=True)


def test_every_url_and_page_route_has_a_row():
    discovered = discovered_keys()
    covered = {row_family(key) for key in MATRIX}
    missing = sorted(discovered - covered)
    stale = sorted(covered - discovered)
    assert not missing, (
        "URL patterns or page routes without a row in tests/security/url_matrix.py "
        f"(say what each role gets): {', '.join(missing)}"
    )
    assert not stale, f"Rows for URLs that no longer exist: {', '.join(stale)}"


def _get(world, role, url, method="get"):
    cache.clear()  # rate limits: every request starts afresh
    return outcome(getattr(world.clients[role], method)(url))


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_url_matrix(world, key):
    row = MATRIX[key]
    url = row_url(world, key, row)
    got = {role: _get(world, role, url) for role in ROLES}
    if row.post_only:
        got["anonymous POST"] = _get(world, "anonymous", url, method="post")
    if DUMP:
        _dumped[key] = {"url": url, **got}
        return
    wanted = dict(row.expected)
    if row.post_only:
        wanted["anonymous POST"] = row.post_anonymous
    wrong = [
        f"  {role}: expected {wanted[role]}, got {got[role]}"
        for role in wanted
        if got[role] != wanted[role]
    ]
    assert not wrong, f"{key} ({url}):\n" + "\n".join(wrong)
