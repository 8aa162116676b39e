"""The timing benchmarks run only under `make bench-pytest` (CANYU_BENCH=1);
timings are printed, never asserted. The CI variant of `make bench`
(test_seed_city.py, test_flash_crowd.py) runs with the suite."""

import os

import pytest

BENCHMARKS = (
    "test_bench_consultations.py",
    "test_bench_pages.py",
    "test_volunteer_scale_bench.py",
)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CANYU_BENCH"):
        return
    skip = pytest.mark.skip(reason="benchmark: run with `make bench-pytest`")
    for item in items:
        path = str(item.fspath)
        if "tests/performance/" in path and path.endswith(BENCHMARKS):
            item.add_marker(skip)
