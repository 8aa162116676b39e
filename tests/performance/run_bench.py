"""`make bench`: the hot pages of Canyu under gunicorn with production-like
settings (config/settings/bench.py) on the configured database and cache, side by
side with a bare `wagtail start` project (W) and a plain Django view
(/robots.txt), loaded by wrk, each page alternated with the references; then the
flash crowd (500 sign-ups at once for 50 places, 4 workers) and comment POSTs.
Prints the table and writes it (Markdown and JSON) to tests/performance/results/.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python \\
        tests/performance/run_bench.py [--seconds 8] [--scale tenth]
"""

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "tests" / "performance" / "results"
CANYU_PORT = int(os.environ.get("CANYU_BENCH_PORT", "8108"))
REFERENCE_PORT = int(os.environ.get("CANYU_BENCH_REFERENCE_PORT", "8118"))
WORKERS = 2
CROWD_WORKERS = 4
CROWD, PLACES = 500, 50
RSS_AFTER = 10_000


def setup_django(static_root: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ.setdefault("DJANGO_STATIC_ROOT", static_root)
    import django

    django.setup()


def prepare(scale: str) -> None:
    """Migrate; the demo site and a city unless the database has them."""
    from django.core.management import call_command

    from home.models import Unit

    call_command("migrate", "--noinput", verbosity=0)
    if not Unit.objects.exists():
        call_command("seed_demo", force=True, verbosity=0)
    if not Unit.objects.filter(slug__startswith="city-unit-").exists():
        call_command("seed_city", scale=scale, force=True)
    call_command("collectstatic", "--noinput", verbosity=0)


def hot_pages() -> list[tuple[str, str, str]]:
    """(label, path, cookie) of the pages a crowd visits; the signed-in ones with
    a session of a city volunteer."""
    from django.db.models import Count

    from consultations.models import ConsultationPage
    from home.models import Facility, PledgePage, StandardPage, Unit
    from tests.performance.flash_crowd import sign_in
    from volunteers.models import ActivityPage, Volunteer

    consultation = (
        ConsultationPage.objects.live()
        .annotate(comments_count=Count("comments"))
        .order_by("-comments_count")
        .first()
    )
    activity = ActivityPage.objects.live().filter(slug__startswith="city-").first()
    pledge = PledgePage.objects.live().order_by("pk").first()
    about = StandardPage.objects.live().filter(slug="about").first() or (
        StandardPage.objects.live().first()
    )
    unit = Unit.objects.filter(pledges__isnull=False).order_by("pk").first()
    facility = Facility.objects.filter(is_active=True).order_by("pk").first()
    volunteer = (
        Volunteer.objects.filter(user__email__endswith="volunteers.city.example.cn")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    pages = [
        ("/", "/", ""),
        ("/about/ (a StandardPage)", about.url if about else "/about/", ""),
        ("/consultations/", "/consultations/", ""),
        ("a consultation (most comments)", consultation.url, ""),
        ("/activities/", "/activities/", ""),
        ("an activity", activity.url, ""),
        ("/pledges/", "/pledges/", ""),
        ("a pledge", pledge.url, ""),
        ("a unit profile", f"/units/{unit.slug}/", ""),
        ("a facility", f"/facilities/{facility.pk}/", "") if facility else None,
        ("/volunteers/leaderboards/", "/volunteers/leaderboards/", ""),
        ("12319: /requests/board/", "/requests/board/", ""),
        # The public API (issue 17): its answers come from the shared cache too.
        ("API: /api/v1/consultations/", "/api/v1/consultations/", ""),
        (
            "API: a consultation's comments",
            f"/api/v1/consultations/{consultation.pk}/comments/",
            "",
        ),
        ("API: /api/v1/answer-rates/units/", "/api/v1/answer-rates/units/", ""),
        ("API: /api/v1/units/", "/api/v1/units/", ""),
        ("API: /api/v1/activities/", "/api/v1/activities/", ""),
        ("API: /api/v1/leaderboards/", "/api/v1/leaderboards/", ""),
        ("API: /api/v1/open-data/", "/api/v1/open-data/", ""),
    ]
    if volunteer is not None:
        (cookie,) = sign_in([volunteer.user])
        pages += [
            ("signed in: /volunteers/me/", "/volunteers/me/", cookie),
            ("signed in: /volunteers/me/points/", "/volunteers/me/points/", cookie),
        ]
    return [page for page in pages if page]


def queries_and_cache(url: str, cookie: str) -> tuple[str, str, int]:
    request = urllib.request.Request(  # noqa: S310
        url, headers={"Cookie": cookie, "Accept-Language": "zh-hans"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return (
            response.headers.get("X-Queries", "?"),
            response.headers.get("X-Cache", ""),
            response.status,
        )


def measure_pages(canyu, reference, pages, seconds) -> list[dict]:
    from tests.performance.bench_load import run_wrk

    rows = []
    for label, path, cookie in pages:
        # Queries of the first visit in a worker (its caches of the site shell and
        # the page's route still empty), then of a visit once both workers have
        # served the page (the most of two, one per worker as likely as not).
        first, _cache, status = queries_and_cache(canyu.base + path, cookie)
        run_wrk(canyu.base + path, seconds=1, cookie=cookie)  # warm up
        warm = [queries_and_cache(canyu.base + path, cookie) for _ in range(2)]
        queries = str(max(int(q) if q.isdigit() else -1 for q, _c, _s in warm))
        cache = warm[-1][1]
        w = run_wrk(reference.base + "/", seconds=seconds)
        robots = run_wrk(canyu.base + "/robots.txt", seconds=seconds)
        page = run_wrk(canyu.base + path, seconds=seconds, cookie=cookie)
        # Few enough connections that each sends ten requests or more.
        rate = page["rps"] * 0.6
        paced = run_wrk(
            canyu.base + path,
            seconds=seconds,
            rate=rate,
            connections=max(1, min(8, int(rate * seconds / 10))),
            cookie=cookie,
        )
        rows.append(
            {
                "page": label,
                "path": path,
                "status": status,
                "rps": page["rps"],
                "w_rps": w["rps"],
                "robots_rps": robots["rps"],
                "x_w": round(page["rps"] / w["rps"], 2),
                "x_robots": round(page["rps"] / robots["rps"], 3),
                "paced_rps": paced["rps"],
                "p50_ms": paced["p50_ms"],
                "p95_ms": paced["p95_ms"],
                "p99_ms": paced["p99_ms"],
                "queries": queries,
                "queries_first_visit": first,
                "x_cache": cache,
                "errors": page["non_2xx_3xx"] + page["socket_errors"],
                "requests": page["requests"] + paced["requests"],
            }
        )
        print(format_row(rows[-1]), flush=True)
    return rows


HEADER = (
    "| page | req/s | × W | × robots | p50 / p95 / p99 ms at ~60 % "
    "| queries (first visit) "
    "| errors |\n|---|---|---|---|---|---|---|"
)


def format_row(row: dict) -> str:
    return (
        f"| {row['page']} | {row['rps']:.0f} | {row['x_w']:.2f} | "
        f"{row['x_robots']:.3f} | {row['p50_ms']:.0f} / {row['p95_ms']:.0f} / "
        f"{row['p99_ms']:.0f} (at {row['paced_rps']:.0f}/s) | {row['queries']} "
        f"({row.get('queries_first_visit', '?')}) | "
        f"{row['errors']} |"
    )


def page_cache_hits(canyu) -> bool:
    """Whether this build has the anonymous page cache (``X-Cache: hit`` on a
    second visit of the home page with ``CANYU_PAGE_CACHE=1``)."""
    queries_and_cache(canyu.base + "/", "")
    return queries_and_cache(canyu.base + "/", "")[1] == "hit"


def worker_rss(canyu, rows) -> dict:
    """Worker memory once the workers have served RSS_AFTER requests: the page
    runs, then /robots.txt (fast) up to the count, for two minutes at most."""
    from tests.performance.bench_load import run_wrk

    pages = sum(row["requests"] for row in rows)
    served, started = pages, time.monotonic()
    while served < RSS_AFTER and time.monotonic() - started < 120:
        served += run_wrk(canyu.base + "/robots.txt", seconds=5)["requests"]
    return {
        "requests_served": served,
        "page_requests": pages,
        "worker_rss_mb": canyu.worker_rss_mb(),
    }


def crowd_and_comments(canyu, seconds) -> dict:
    from django.core.management.base import OutputWrapper

    from consultations.models import Comment, ConsultationPage
    from home.city.base import FULL
    from tests.performance.bench_load import run_posts
    from tests.performance.flash_crowd import (
        CSRF_TOKEN,
        comment_body,
        flash_crowd,
        residents,
        sign_in,
    )
    from volunteers.city_records import seed_volunteers
    from volunteers.models import Volunteer

    ids = seed_volunteers(CROWD / FULL["volunteers"], OutputWrapper(sys.stdout))
    volunteers = list(Volunteer.objects.filter(pk__in=ids).select_related("user"))
    crowd = flash_crowd("127.0.0.1", canyu.port, volunteers, PLACES)
    consultation = (
        ConsultationPage.objects.live().filter(slug__startswith="city-").first()
    )
    path = consultation.url + consultation.reverse_subpage("comment_create")
    cookies = sign_in(residents(2000))
    before = Comment.objects.count()
    posts = run_posts(
        canyu.base,
        path,
        cookies=cookies,
        csrf=CSRF_TOKEN,
        body=comment_body(0),
        seconds=seconds,
    )
    created = Comment.objects.count() - before
    posts["comments_created"] = created
    posts["comments_per_second"] = round(created / posts["seconds"], 1)
    return {"flash_crowd": crowd, "comment_posts": posts}


def load_note() -> str:
    with open("/proc/loadavg") as file:
        one, five, fifteen = file.read().split()[:3]
    return f"load average before the run: {one}, {five}, {fifteen} (2 cores)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--scale", default="tenth", help="seed_city's, if no city")
    parser.add_argument("--no-crowd", action="store_true")
    args = parser.parse_args()
    note = load_note()
    static = tempfile.mkdtemp(prefix="canyu-bench-static-")
    setup_django(static)
    from django.conf import settings

    from tests.performance.bench_reference import Gunicorn, make_reference

    prepare(args.scale)
    database = settings.DATABASES["default"]
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{database['NAME']}"
    folder = Path(tempfile.mkdtemp(prefix="canyu-bench-reference-"))
    make_reference(folder, database_url)
    common = {"workers": WORKERS, "settings": "config.settings.bench", "cwd": ROOT}
    canyu = Gunicorn(
        wsgi="config.wsgi",
        port=CANYU_PORT,
        extra_env={"CANYU_PAGE_CACHE": "0"},
        **common,
    )
    reference = Gunicorn(
        wsgi="reference.wsgi",
        cwd=folder,
        port=REFERENCE_PORT,
        workers=WORKERS,
        settings="reference.settings.bench",
    )
    result = {"note": note, "database": database["ENGINE"], "seconds": args.seconds}
    try:
        print(HEADER)
        pages = hot_pages()
        result["uncached"] = measure_pages(canyu, reference, pages, args.seconds)
        result.update(worker_rss(canyu, result["uncached"]))
        canyu.stop()
        canyu = Gunicorn(
            wsgi="config.wsgi",
            port=CANYU_PORT,
            extra_env={"CANYU_PAGE_CACHE": "1"},
            **common,
        )
        if page_cache_hits(canyu):
            anonymous = [page for page in pages if not page[2]]
            result["warm"] = measure_pages(canyu, reference, anonymous, args.seconds)
        canyu.stop()
        if not args.no_crowd:
            canyu = Gunicorn(
                wsgi="config.wsgi",
                port=CANYU_PORT,
                extra_env={"CANYU_PAGE_CACHE": "0"},
                **{**common, "workers": CROWD_WORKERS},
            )
            result.update(crowd_and_comments(canyu, args.seconds))
    finally:
        canyu.stop()
        reference.stop()
    write_results(result)


def write_results(result: dict) -> None:
    from tests.performance.bench_report import markdown

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d")
    text = markdown(result)
    (RESULTS / f"bench-{stamp}.md").write_text(text)
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    )
    print(text)


if __name__ == "__main__":
    main()
