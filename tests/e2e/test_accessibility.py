"""The demo site passes axe-core with no serious or critical violations, signed
out and signed in, in Chinese and English: two pages of every page type (so every
page template, with real content) and every listing and account page."""

from django.core.management import call_command

from wagtail.models import Page

import pytest

from home.demo import DEMO_TOTP_SECRET
from home.models import Unit, UnitMembership
from tests.e2e.helpers import axe_violations, log_in, screenshot
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PATHS = [
    "/units/",
    "/search/?q=志愿服务",
    "/search/?q=没有这个词的结果",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/this-page-does-not-exist/",
    "/consultations/answer-rates/",
    "/consultations/evaluations/",
    "/facilities/",
    "/volunteers/teams/",
    "/volunteers/leaderboards/",
    "/volunteers/rewards/",
]
SIGNED_IN_PATHS = [
    "/me/",
    "/me/account/",
    "/me/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]


def check(page, url, name):
    page.goto(url)
    violations = axe_violations(page)
    if violations:
        screenshot(page, f"axe-{name}")
    return violations


def test_demo_site_has_no_serious_accessibility_violations(live_server, a11y_page):
    call_command("seed_demo", verbosity=0, force=True)
    per_type = {}
    for page in Page.objects.live().public().order_by("path").specific().iterator():
        urls = per_type.setdefault(page.content_type_id, [])
        if page.url and len(urls) < 2:
            urls.append(page.url)
    page_paths = [url for urls in per_type.values() for url in urls]
    unit = Unit.objects.filter(facilities__isnull=False).order_by("pk").first()
    facility = unit.facilities.first()
    paths = [
        *page_paths,
        *PUBLIC_PATHS,
        unit.get_absolute_url(),
        f"/facilities/{facility.pk}/",
    ]
    # Each address in English too, but for the English pages (translations),
    # whose own addresses are English already.
    paths += [
        f"/en{path}"
        for path in paths
        if path.startswith("/") and not path.startswith("/en/")
    ]

    problems = {}
    for number, path in enumerate(paths):
        violations = check(a11y_page, live_server.url + path, f"public-{number}")
        if violations:
            problems[path] = violations

    admin = UnitMembership.objects.filter(role="admin").select_related("user").first()
    user = admin.user
    user.set_password(DEFAULT_PASSWORD)
    user.save()
    # A unit's admin holds privileged powers: the demo gave them its two-factor.
    log_in(a11y_page, live_server.url, user.email, totp_secret=DEMO_TOTP_SECRET)
    members = f"/units/{admin.unit.slug}/members/"
    for number, path in enumerate([*SIGNED_IN_PATHS, members]):
        violations = check(a11y_page, live_server.url + path, f"private-{number}")
        if violations:
            problems[path] = violations

    assert problems == {}


def test_fresh_user_pages_are_accessible(live_server, a11y_page):
    UserFactory(email="fresh@example.cn")
    a11y_page.goto(live_server.url + "/accounts/login/")
    a11y_page.fill("input[name=login]", "fresh@example.cn")
    a11y_page.fill("input[name=password]", DEFAULT_PASSWORD)
    a11y_page.click("main form [type=submit]")
    a11y_page.wait_for_load_state()
    assert check(a11y_page, live_server.url + "/me/", "fresh-dashboard") == []
