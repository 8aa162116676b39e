"""Hostile input in a real browser (issue 11, part 8): every payload of
tests/security/payloads.py is submitted through the public forms (as in
tests/security/test_hostile_input.py, over HTTP with Django's client, which is
quick), then the pages that show them are opened in Chromium with the site's
CSP in force. The test fails on any dialog, any call of the sentinel
``__pwned`` (defined before the page's own scripts) and any change of the
title to "PWNED". CSP violations are recorded and reported (they show that an
injection was attempted and blocked), but do not fail the test alone.

Rate limits: the rate-limit cache is cleared before each submission."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse

import pytest

from tests.e2e.helpers import watched
from tests.security.fields import FIELDS
from tests.security.payloads import PAYLOADS, PWNED_TITLE, SENTINEL
from tests.security.world import build_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SENTINEL_SCRIPT = f"""
window.__pwnedCalls = [];
window.{SENTINEL} = function (what) {{ window.__pwnedCalls.push(String(what)); }};
"""

# Fields whose pages show many submissions at once (the others are covered by
# the server-side run, which reads the same pages' markup). Each page opened
# costs one to two seconds: fields read one page per submission (moderation,
# a volunteer's decisions, a facility's page) stay on the server side.
BROWSER_FIELDS = [
    "consultation comment",
    "reply text",
    "reply reason",
    "unit rating comment",
    "pledge 'not being kept' report",
    "volunteer registration: real_name",
    "volunteer registration: skills",
    "pledge report: title and a commitment's 'achieved'",
    "pledge report: summary, a narrative, evidence caption",
    "booking decline reason",
    "attendance note",
]

SEARCH_PAGES = [
    ("site search", lambda: "/search/", "q"),
    ("unit directory", lambda: reverse("home:unit_list"), "q"),
    ("consultations", lambda: "/consultations/", "q"),
    ("activities", lambda: "/activities/", "skills"),
]


def _open(browser, base, client=None):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SENTINEL_SCRIPT)
    if client is not None and "sessionid" in client.cookies:
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": base,
                }
            ]
        )
    return context, watched(context.new_page())


def _visit(page, url, where, report):
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response is not None and response.status < 500, f"{where}: {url}"
    calls = page.evaluate("window.__pwnedCalls || []")
    assert not calls, f"{where}: script ran ({calls})"
    assert page.title() != PWNED_TITLE, f"{where}: the title was changed"
    assert not page.dialogs, f"{where}: dialog opened {page.dialogs}"
    report["pages"] += 1
    report["csp"] += len(page.csp_errors)
    page.csp_errors.clear()


@pytest.mark.parametrize("field_name", BROWSER_FIELDS)
def test_no_payload_runs_in_the_browser(live_server, browser, field_name):
    base = live_server.url
    report = {"pages": 0, "csp": 0, "pairs": 0}
    spec = next(spec for spec in FIELDS if spec.name == field_name)
    world = build_world()
    spec.prepare(world)
    for start in range(0, len(PAYLOADS), spec.chunk):
        for payload in PAYLOADS[start : start + spec.chunk]:
            cache.clear()
            spec.submit(world, payload, PAYLOADS.index(payload))
            report["pairs"] += 1
        for where, client, url in spec.pages(world):
            context, page = _open(browser, base, client)
            _visit(page, base + url, f"{spec.name}: {where}", report)
            context.close()
    _report(field_name, report)


def test_no_search_query_runs_in_the_browser(live_server, browser):
    base = live_server.url
    report = {"pages": 0, "csp": 0, "pairs": 0}
    context, page = _open(browser, base)
    for name, path, parameter in SEARCH_PAGES:
        for payload in PAYLOADS:
            url = f"{base}{path()}?{urlencode({parameter: payload.text})}"
            _visit(page, url, f"{name} × {payload}", report)
            report["pairs"] += 1
    context.close()
    _report("search boxes", report)


def _report(name, report):
    print(
        f"hostile input in the browser, {name}: {report['pairs']} payload × field "
        f"pairs, {report['pages']} pages opened, {report['csp']} CSP reports (blocked)"
    )
