"""Page translation (Wagtail i18n): Chinese at /, the English translation of a
page at /en/…, a page with no translation served in Chinese at /en/… with a note,
and a menu in the visitor's language."""

import re

from wagtail.models import Locale, Page

import pytest

from home.models import HomePage
from tests.home.factories import StandardPageFactory

NOTE = "This page is only available in Chinese."


def menu_of(response) -> tuple[str, list[str]]:
    """The main menu's text and its links."""
    html = response.content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", nav).split())
    return text, re.findall(r'href="([^"]+)"', nav)


def publish(page, **values):
    for field, value in values.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return page


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site_pages(db, english):
    """A Chinese home with an about page (translated into English, with an
    English slug of its own) and a contact page (not translated), and a section
    index that has no translation."""
    home = HomePage.objects.get(locale=Locale.get_default())
    about = StandardPageFactory(
        parent=home, title="关于参与", slug="about", show_in_menus=True
    )
    contact = StandardPageFactory(
        parent=home,
        title="联系我们",
        slug="contact",
        show_in_menus=True,
        body=[("text", "<p>热线电话12319</p>")],
    )
    # As the admin's "Translate" action does: a draft copy, then published.
    english_home = publish(home.copy_for_translation(english).specific, title="Canyu")
    english_about = publish(
        about.copy_for_translation(english).specific,
        title="About Canyu",
        slug="about-canyu",
        body=[("text", "<p>Every comment gets an answer.</p>")],
    )
    return {
        "home": home,
        "about": about,
        "contact": contact,
        "english_home": english_home,
        "english_about": english_about,
    }


def test_migration_keeps_every_page_chinese_and_creates_the_english_locale(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {
        "zh-hans",
        "en",
    }
    chinese = Locale.objects.get(language_code="zh-hans")
    assert Locale.get_default() == chinese
    assert not Page.objects.exclude(locale=chinese).exists()


def test_english_home_page_menu_is_in_english(client, site_pages):
    response = client.get("/en/")

    assert response.status_code == 200
    text, links = menu_of(response)
    # An untranslated content page keeps its own (Chinese) title.
    assert text == "Home About Canyu 联系我们 Units"
    assert "/en/about-canyu/" in links
    assert all(link.startswith("/en/") for link in links)


def test_english_menu_names_untranslated_sections_in_english(client, site_pages):
    from consultations.models import ConsultationIndexPage

    home = site_pages["home"]
    index = ConsultationIndexPage(
        title="公众参与决策", slug="consultations", show_in_menus=True
    )
    home.add_child(instance=index)
    index.save_revision().publish()

    text, links = menu_of(client.get("/en/"))

    assert "Consultations" in text and "公众参与决策" not in text
    assert "/en/consultations/" in links
    # Not a word of Chinese in the English menu but an untranslated content
    # page's own title.
    assert re.findall(r"[\u4e00-\u9fff]+", text.replace("联系我们", "")) == []


def test_chinese_home_page_menu_is_unchanged(client, site_pages):
    response = client.get("/")

    text, links = menu_of(response)
    assert text.split() == ["首页", "关于参与", "联系我们", "单位"]
    assert links == ["/", "/about/", "/contact/", "/units/"]
    assert NOTE not in response.content.decode()


def test_english_translation_is_served_at_its_english_address(client, site_pages):
    response = client.get("/en/about-canyu/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Every comment gets an answer." in html
    assert NOTE not in html
    # The Chinese page is unchanged at its own address.
    chinese = client.get("/about/").content.decode()
    assert "About Canyu" not in chinese and "关于参与" in chinese


def test_page_without_translation_falls_back_to_chinese_with_a_note(client, site_pages):
    response = client.get("/en/contact/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "热线电话12319" in html
    assert NOTE in html
    # Still the English site around it.
    assert 'lang="en"' in html
    assert "About Canyu" in menu_of(response)[0]


def test_feature_page_without_translation_works_under_english(client, site_pages):
    from tests.consultations.factories import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )

    consultation = ConsultationPageFactory(
        parent=ConsultationIndexPageFactory(), title="公交优先发展实施意见"
    )
    path = consultation.url

    chinese = client.get(path)
    english = client.get(f"/en{path}")

    assert chinese.status_code == 200 and NOTE not in chinese.content.decode()
    assert english.status_code == 200
    assert NOTE in english.content.decode()
    assert "公交优先发展实施意见" in english.content.decode()


def test_unknown_english_address_is_still_not_found(client, site_pages):
    assert client.get("/en/no-such-page/").status_code == 404


def test_links_to_untranslated_pages_keep_the_english_prefix(client, site_pages):
    from django.utils import translation

    contact = site_pages["contact"]
    with translation.override("en"):
        assert contact.get_url() == "/en/contact/"
    with translation.override("zh-hans"):
        assert contact.get_url() == "/contact/"


def test_language_switcher_leads_to_the_translation(client, site_pages):
    chinese = client.get("/about/").content.decode()
    english = client.get("/en/about-canyu/").content.decode()

    # set_language adds the language prefix to "next".
    assert 'name="next" value="/about/"' in chinese
    assert 'name="next" value="/about/"' in english
    to_english = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/about/"}, follow=True
    )
    # /en/about/ is the Chinese page's English address: it leads to the
    # translation, which has a slug of its own.
    assert to_english.redirect_chain[-1][0] == "/en/about-canyu/"
    assert "Every comment gets an answer." in to_english.content.decode()
    to_chinese = client.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "/about/"}, follow=True
    )
    assert to_chinese.redirect_chain[-1][0] == "/about/"
    assert "关于参与" in to_chinese.content.decode()


def test_breadcrumbs_are_in_the_visitors_language(client, site_pages):
    child = StandardPageFactory(parent=site_pages["contact"], title="办公地址")

    html = client.get(f"/en/contact/{child.slug}/").content.decode()

    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'href="/en/"' in crumbs and 'href="/en/contact/"' in crumbs
