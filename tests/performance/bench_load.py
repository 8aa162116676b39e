"""The load generator of `make bench` (tests/performance/run_bench.py): wrk, with
a Lua script that prints its figures as JSON, and optional pacing (wrk 4 has no
rate option: each connection waits ``connections / rate`` seconds between its
requests, as wrk2's constant rate would, so latency is measured well below
saturation)."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

THREADS = 2
CONNECTIONS = 8

REPORT = r"""
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")
local cookie = os.getenv("BENCH_COOKIE") or ""
local accept = os.getenv("BENCH_LANGUAGE") or "zh-hans"
function init(args)
  wrk.headers["Accept-Language"] = accept
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
end
if pace > 0 then
  function delay() return pace end
end
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, ' ..
    '"p95_ms": %.2f, "p99_ms": %.2f, "non_2xx_3xx": %d, "socket_errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout))
end
"""


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk is not installed: `make bench` installs it (apt-get install -y wrk "
            "as root); or install it with your package manager."
        )
    return path


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int = CONNECTIONS,
    rate: float | None = None,
    cookie: str = "",
    script: str = REPORT,
) -> dict:
    """Load ``url`` for ``seconds``: the figures of wrk's report as a dict
    (req/s, latency percentiles in ms, error counts). ``rate`` paces the run at
    about that many requests a second in all."""
    pace = 0 if not rate else max(int(connections * 1000 / rate), 1)
    with tempfile.TemporaryDirectory() as folder:
        lua = Path(folder) / "report.lua"
        lua.write_text(script)
        completed = subprocess.run(  # noqa: S603
            [
                wrk_path(),
                f"-t{min(THREADS, connections)}",
                f"-c{connections}",
                f"-d{max(int(seconds), 1)}s",
                "--timeout",
                "10s",
                "-s",
                str(lua),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={
                "BENCH_PACE_MS": str(pace),
                "BENCH_COOKIE": cookie,
                "PATH": "/usr/bin",
            },
        )
    line = completed.stdout.strip().splitlines()[-1]
    return json.loads(line)


POSTS = (
    r"""
local lines = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do table.insert(lines, line) end
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_CSRF")
local body = os.getenv("BENCH_BODY")
local counter = 0
function init(args)
  counter = math.random(#lines)
end
function request()
  counter = (counter % #lines) + 1
  return wrk.format("POST", path, {
    ["Cookie"] = lines[counter],
    ["X-CSRFToken"] = token,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""
    + REPORT.split("function init", 1)[0]
    + REPORT[REPORT.index("function done") :]
)


def run_posts(base, path, *, cookies, csrf, body, seconds) -> dict:
    """POST ``body`` to ``path`` for ``seconds``, each request as the next of the
    signed-in people (``cookies``)."""
    with tempfile.TemporaryDirectory() as folder:
        lua = Path(folder) / "posts.lua"
        lua.write_text(POSTS)
        listing = Path(folder) / "cookies.txt"
        listing.write_text("\n".join(cookies) + "\n")
        completed = subprocess.run(  # noqa: S603
            [
                wrk_path(),
                f"-t{THREADS}",
                f"-c{CONNECTIONS}",
                f"-d{max(int(seconds), 1)}s",
                "--timeout",
                "10s",
                "-s",
                str(lua),
                base + path,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={
                "BENCH_COOKIES": str(listing),
                "BENCH_PATH": path,
                "BENCH_CSRF": csrf,
                "BENCH_BODY": body,
                "PATH": "/usr/bin",
            },
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])
