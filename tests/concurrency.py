"""Helpers for tests of rules that must hold under concurrency.

They run on PostgreSQL only: SQLite serialises writers, so it cannot show a race."""

import threading

from django.db import connection, connections

import pytest

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so races cannot happen",
    ),
]


def run_in_parallel(target, arguments):
    """Call ``target(argument)`` for each argument, each in its own thread, all
    released at the same moment. Returns ``(results, errors)``: what the calls
    returned and the exceptions they raised, in completion order."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def worker(argument):
        try:
            barrier.wait()
            results.append(target(argument))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(arg,)) for arg in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
