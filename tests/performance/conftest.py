"""Benchmarks run only under `make bench` (CANYU_BENCH=1); timings are printed,
never asserted."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CANYU_BENCH"):
        return
    skip = pytest.mark.skip(reason="benchmark: run with `make bench`")
    for item in items:
        if "tests/performance/" in str(item.fspath):
            item.add_marker(skip)
