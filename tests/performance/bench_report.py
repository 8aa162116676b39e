"""The Markdown of `make bench`'s results (tests/performance/results/)."""

from tests.performance.run_bench import HEADER, format_row


def markdown(result: dict) -> str:
    rows = result["uncached"]
    lines = [
        "# `make bench` results",
        "",
        f"Database: `{result['database']}`; gunicorn, 2 sync workers; wrk -t2 -c8, "
        f"{result['seconds']:g} s a run; {result['note']}.",
        "",
        "Each page was loaded right after the two references: W (the home page of "
        "a bare `wagtail start` project, same virtualenv, database server and "
        "gunicorn settings) and robots (`/robots.txt`, a plain Django view of this "
        "project). Latency percentiles come from a second run paced by wrk's "
        "`delay()` at 60 % of the page's maximum rate (wrk 4 has no `-R`). "
        "Queries: the `X-Queries` header of config/settings/bench.py, once both "
        "workers have served the page (in brackets: the first visit in a worker, "
        "whose caches of the site shell and the page's route are still empty).",
        "",
        "## Uncached (page cache off: `CANYU_PAGE_CACHE=0`)",
        "",
        HEADER,
        *[format_row(row) for row in rows],
        "",
        f"W: {min(r['w_rps'] for r in rows):.0f}–{max(r['w_rps'] for r in rows):.0f}"
        f" req/s; robots: {min(r['robots_rps'] for r in rows):.0f}–"
        f"{max(r['robots_rps'] for r in rows):.0f} req/s over the run.",
        "",
        f"Worker RSS after {result['requests_served']} requests "
        f"({result.get('page_requests', '?')} of them to the pages above): "
        f"{', '.join(f'{mb:g} MB' for mb in result['worker_rss_mb'])}.",
    ]
    warm = result.get("warm")
    lines += ["", "## Anonymous pages, page cache warm (`CANYU_PAGE_CACHE=1`)", ""]
    if warm:
        lines += [HEADER, *[format_row(row) for row in warm]]
    else:
        lines.append(
            "Not measured: this build has no page cache (no `X-Cache: hit` on a "
            "second anonymous visit of `/` with `CANYU_PAGE_CACHE=1`)."
        )
    crowd = result.get("flash_crowd")
    if crowd:
        posts = result["comment_posts"]
        lines += [
            "",
            "## Writes under a crowd (gunicorn, 4 workers)",
            "",
            f"Flash crowd: {crowd['people']} signed-in volunteers POST a sign-up "
            f"at the same moment for a shift of {crowd['places']} places: "
            f"{crowd['confirmed']} confirmed, {crowd['waitlisted']} waitlisted, "
            f"places taken {crowd['places_taken']}; answers {crowd['statuses']}, "
            f"server errors {crowd['server_errors']}.",
            "",
            f"Comment POSTs (2,000 residents in turn, wrk -c8): "
            f"{posts['rps']:.0f} POST/s, {posts['comments_per_second']:g} comments "
            f"created/s ({posts['comments_created']} in {posts['seconds']:.0f} s), "
            f"p50 / p95 / p99 {posts['p50_ms']:.0f} / {posts['p95_ms']:.0f} / "
            f"{posts['p99_ms']:.0f} ms, errors "
            f"{posts['non_2xx_3xx'] + posts['socket_errors']}.",
        ]
    return "\n".join(lines) + "\n"
