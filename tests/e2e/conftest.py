"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium).

Where chromium is not installed the tests are skipped, saying so; with
CANYU_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure instead.
CANYU_SKIP_BROWSER=1 skips them on purpose (CI's PostgreSQL run: the SQLite runs
already drive the browser through the same pages)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.helpers import watched

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls
# the tests make from that thread are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    browser_available = Path(CHROMIUM).exists()
    skipped_on_purpose = os.environ.get("CANYU_SKIP_BROWSER")
    for item in items:
        if "tests/e2e/" not in str(item.fspath):
            continue
        item.add_marker(pytest.mark.browser)
        if skipped_on_purpose:
            item.add_marker(
                pytest.mark.skip(
                    reason="browser test skipped: CANYU_SKIP_BROWSER is set (CI's "
                    "first SQLite run drives the browser)"
                )
            )
        elif not browser_available and not os.environ.get("CANYU_REQUIRE_BROWSER"):
            item.add_marker(
                pytest.mark.skip(
                    reason="browser test skipped: Debian's chromium is not installed "
                    "(apt-get install -y chromium)"
                )
            )


@pytest.fixture(scope="session")
def browser(serialized_database):
    # serialized_database is read before Playwright's event loop starts (see
    # tests/conftest.py).
    if not Path(CHROMIUM).exists():
        pytest.fail("CANYU_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(params=[390, 1280], ids=["phone", "desktop"])
def a11y_page(browser, request):
    """A page at phone and desktop width whose context lets axe-core be injected
    (the site's strict CSP would refuse the script tag)."""
    context = browser.new_context(
        viewport={"width": request.param, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    # axe-core is injected as a script tag, which the site's strict CSP would refuse.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phones(browser):
    """Opens more phone-sized windows (one per person), each with its own cookies,
    the site's CSP in force, and a record of any dialog (alert) or CSP report."""
    contexts = []

    def open_phone():
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="zh-CN"
        )
        contexts.append(context)
        return watched(context.new_page())

    yield open_phone
    for context in contexts:
        context.close()
