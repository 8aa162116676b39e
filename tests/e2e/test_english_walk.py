"""In a real browser, an English visitor: the home page's menu is in English, the
translated pages are English, a section with no translation opens in Chinese
with a note and the English site around it, and the language switcher leads to
the Chinese version of the page."""

import re

from wagtail.models import Locale

import pytest

from consultations.models import ConsultationIndexPage
from tests.e2e.helpers import axe_violations, screenshot
from tests.factories import site_home
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def publish(page, **values):
    for field, value in values.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return page


def build_site():
    english = Locale.objects.get(language_code="en")
    home = site_home()
    about = StandardPageFactory(
        parent=home,
        title="关于参与",
        slug="about",
        show_in_menus=True,
        body=[("text", "<p>每一条意见都有答复。</p>")],
    )
    index = ConsultationIndexPage(
        title="公众参与决策", slug="consultations", show_in_menus=True
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    publish(home.copy_for_translation(english).specific, title="Canyu")
    publish(
        about.copy_for_translation(english).specific,
        title="About Canyu",
        body=[("text", "<p>Every comment gets an answer.</p>")],
    )


def assert_accessible(page, name):
    violations = axe_violations(page)
    if violations:
        screenshot(page, name)
    assert violations == []


def open_menu(page):
    """On a narrow screen the menu is behind its toggle; wide, it is open."""
    toggle = page.locator("summary.site-menu__toggle")
    if toggle.is_visible():
        toggle.click()


def menu_text(page) -> str:
    return " ".join(page.locator("nav.main-nav").inner_text().split())


def test_english_visitor_reads_an_english_menu(live_server, desktop_page):
    build_site()
    page = desktop_page
    base = live_server.url

    page.goto(base + "/en/")
    open_menu(page)
    text = menu_text(page)
    assert text == "Home About Canyu Consultations Units"
    assert not CHINESE.search(text)
    assert_accessible(page, "english-home")

    page.get_by_role("link", name="About Canyu").click()
    page.wait_for_load_state()
    assert page.url == base + "/en/about/"
    assert "Every comment gets an answer." in page.locator("main").inner_text()

    open_menu(page)
    page.get_by_role("link", name="Consultations").click()
    page.wait_for_load_state()
    assert page.url == base + "/en/consultations/"
    main = page.locator("main").inner_text()
    assert "This page is only available in Chinese." in main
    assert "公众参与决策" in main
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "english-fallback")

    page.goto(base + "/en/about/")
    open_menu(page)
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    assert page.url == base + "/about/"
    assert "每一条意见都有答复。" in page.locator("main").inner_text()
    open_menu(page)
    assert menu_text(page) == "首页 关于参与 公众参与决策 单位"
