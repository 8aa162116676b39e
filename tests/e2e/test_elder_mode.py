"""Elder mode (长辈模式) in a real browser at phone width, on the demo site: the
header's switch works with and without JavaScript; in elder mode the main pages
have body text of at least 20px (read from the page a screenshot was taken
of), pass axe-core with the AAA contrast rule, and give every header link and
button a 48 × 48px target; in both modes no main page scrolls sideways at
320px (what 200 % zoom of a 640px window shows)."""

import struct

from django.core.management import call_command

import pytest

from consultations.models import ConsultationPage
from home.consent.services import consent_accept_current
from home.models import ConsentRecord, PledgePage, PolicyVersion, Unit
from tests.e2e.helpers import AXE_JS, log_in, screenshot
from tests.factories import UserFactory
from volunteers.models import ActivityPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MIN_TEXT_PX = 20
MIN_TARGET_PX = 48


def main_paths() -> list[str]:
    """The main pages of the seeded demo: the home page, each section, one page
    of each kind, the units, the account pages (/me/ is added signed in)."""

    def first(model):
        return model.objects.live().public().order_by("path").first().url

    def index_of(model):
        return first(model).rstrip("/").rsplit("/", 1)[0] + "/"

    unit = Unit.objects.order_by("pk").first()
    return [
        "/",
        index_of(ConsultationPage),
        first(ConsultationPage),
        index_of(ActivityPage),
        first(ActivityPage),
        index_of(PledgePage),
        first(PledgePage),
        "/units/",
        unit.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
    ]


def new_page(browser, width, *, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        locale="zh-CN",
        java_script_enabled=javascript,
        bypass_csp=True,  # to inject axe-core
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def switch(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def computed_px(page, selector, prop):
    return page.eval_on_selector(
        selector, f"e => parseFloat(getComputedStyle(e)['{prop}'])"
    )


def sideways_overflow(page):
    """How many px the page scrolls sideways, and the first offenders."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const over = root.scrollWidth - root.clientWidth;
            const wide = over <= 0 ? [] : [...document.querySelectorAll('body *')]
                .filter(e => e.checkVisibility()
                    && e.getBoundingClientRect().right > root.clientWidth + 1)
                .slice(-5)
                .map(e => e.tagName + '.' + e.className);
            return {over, wide};
        }"""
    )


def axe_aaa_violations(page):
    """axe-core's serious and critical violations, with the AAA contrast rule
    (7:1, off by default) switched on."""
    page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            resultTypes: ['violations'],
            rules: {'color-contrast-enhanced': {enabled: true}},
        })"""
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def small_header_targets(page):
    """Header links and buttons (and the menu toggle) smaller than 48 × 48px."""
    return page.evaluate(
        """min => [...document.querySelectorAll(
                '.site-header a, .site-header button, .site-header summary')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < min || r.height < min)
            .map(([text, r]) => `${text} ${r.width | 0}x${r.height | 0}`)
        """,
        MIN_TARGET_PX,
    )


def png_size(path):
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(browser, request):
    """A phone-sized window, with JavaScript on and off."""
    page = new_page(browser, 390, javascript=request.param)
    yield page
    page.context.close()


def test_the_header_switch_turns_elder_mode_on_and_off(live_server, phone):
    page = phone
    page.goto(live_server.url + "/units/?q=社区")
    assert computed_px(page, "body", "fontSize") == 16
    standard = page.get_by_role("button", name="标准模式")
    assert standard.get_attribute("aria-pressed") == "true"

    switch(page, "长辈模式")
    assert page.url == live_server.url + "/units/?q=%E7%A4%BE%E5%8C%BA"
    assert page.locator("html.elder").count() == 1
    assert computed_px(page, "body", "fontSize") >= MIN_TEXT_PX
    assert computed_px(page, "body", "lineHeight") >= 1.6 * MIN_TEXT_PX
    elder = page.get_by_role("button", name="长辈模式")
    assert elder.get_attribute("aria-pressed") == "true"
    # Remembered: another page opens in elder mode too.
    page.goto(live_server.url + "/accounts/login/")
    assert computed_px(page, "body", "fontSize") >= MIN_TEXT_PX

    switch(page, "标准模式")
    assert "/accounts/login/" in page.url
    assert page.locator("html.elder").count() == 0
    assert computed_px(page, "body", "fontSize") == 16


def test_elder_mode_on_the_main_pages(live_server, browser, tmp_path):
    call_command("seed_demo", verbosity=0, force=True)
    paths = main_paths()
    user = UserFactory(email="elder@example.cn", display_name="张阿姨")
    # Accepted the demo's current policies, so /me/ is the workspace and not the
    # "our policies have changed" page.
    consent_accept_current(
        user=user,
        kinds=[PolicyVersion.Kind.PRIVACY, PolicyVersion.Kind.TERMS],
        method=ConsentRecord.Method.SIGNUP,
    )
    page = new_page(browser, 390)
    page.goto(live_server.url + "/")
    switch(page, "长辈模式")

    problems = {}
    for number, path in enumerate([*paths, "/me/"]):
        if path == "/me/":  # signed in, still in elder mode
            log_in(page, live_server.url, user.email)
        page.goto(live_server.url + path)
        found = {}
        body = computed_px(page, "body", "fontSize")
        if body < MIN_TEXT_PX:
            found["body font-size"] = body
        sizes = page.eval_on_selector_all(
            "main p", "ps => ps.map(p => parseFloat(getComputedStyle(p).fontSize))"
        )
        if sizes and min(sizes) < MIN_TEXT_PX:
            found["paragraph font-size"] = min(sizes)
        if small := small_header_targets(page):
            found["small header targets"] = small
        if violations := axe_aaa_violations(page):
            found["axe"] = violations
        if found:
            screenshot(page, f"elder-{number}")
            problems[path] = found
    assert problems == {}

    # A screenshot of a consultation in elder mode, and the size of the
    # paragraph text on the page it shows.
    page.goto(live_server.url + paths[2])
    shot = tmp_path / "elder-consultation.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = png_size(shot)
    assert width == 390 and height > 800
    sizes = page.eval_on_selector_all(
        "main p", "ps => ps.map(p => parseFloat(getComputedStyle(p).fontSize))"
    )
    assert sizes and min(sizes) >= MIN_TEXT_PX, sizes
    shown = ConsultationPage.objects.live().public().order_by("path").first()
    assert page.locator("main h1").first.inner_text() == shown.title
    page.context.close()


def test_no_main_page_scrolls_sideways_at_320px(live_server, browser):
    call_command("seed_demo", verbosity=0, force=True)
    paths = main_paths()
    user = UserFactory(email="narrow@example.cn")
    overflowing = {}
    for mode in ("标准模式", "长辈模式"):
        page = new_page(browser, 320)
        page.goto(live_server.url + "/")
        switch(page, mode)
        for number, path in enumerate([*paths, "/me/"]):
            if path == "/me/":
                log_in(page, live_server.url, user.email)
            page.goto(live_server.url + path)
            result = sideways_overflow(page)
            if result["over"] > 0:
                screenshot(
                    page, f"narrow-{number}-{'elder' if '长辈' in mode else 'standard'}"
                )
                overflowing[f"{mode} {path}"] = result
        page.context.close()
    assert overflowing == {}
