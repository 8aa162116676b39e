"""What the benchmarks measure of a page: request latency and queries."""

import statistics
import time

from django.db import connection

ROUNDS = 20


def measure(client, path):
    client.get(path)  # warm caches and connections
    timings = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, path
    for _round in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "queries": len(queries),
    }
