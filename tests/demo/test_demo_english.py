"""The demo's English pages: published translations of the site's own pages,
in English, that a second run of the seed leaves as they are."""

import re

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from home.models import HomePage, StandardPage
from tests.home.test_page_translations import NOTE, menu_of

pytestmark = pytest.mark.django_db


def test_seed_demo_english_pages(client, demo):
    """The demo's English pages are published translations, in English, and a
    second run changes none of them."""
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=Locale.get_default())
    english_home = HomePage.objects.get(locale=english)
    assert english_home.translation_key == home.translation_key and english_home.live
    slugs = {"about", "guide", "privacy", "terms", "contact"}
    pages = StandardPage.objects.filter(locale=english)
    assert set(pages.values_list("slug", flat=True)) == slugs
    assert all(page.live and not page.has_unpublished_changes for page in pages)
    for page in pages:
        chinese = page.get_translation(Locale.get_default())
        assert chinese.slug == page.slug

    response = client.get("/en/")
    text, links = menu_of(response)
    assert text.split() == [
        "Home",
        "About",
        "Canyu",
        "How",
        "to",
        "take",
        "part",
        "Privacy",
        "policy",
        "Contact",
        "us",
        "Consultations",
        "Volunteer",
        "activities",
        "Unit",
        "pledges",
        "Units",
    ]
    assert re.findall(r"[\u4e00-\u9fff]", text) == []
    home_html = response.content.decode()
    assert "Three ways to take part" in home_html
    # The sections' "More" links keep the visitor in English.
    more = re.findall(r'class="listing__more" href="([^"]+)"', home_html)
    assert more and all(href.startswith("/en/") for href in more), more
    about = client.get("/en/about/").content.decode()
    assert "Every comment on the platform gets an answer" in about
    privacy = client.get("/en/privacy/").content.decode()
    assert "The personal information we hold" in privacy
    assert "138****5678" in privacy and "deleted 7 days after" in privacy
    assert "Office hours" in client.get("/en/contact/").content.decode()
    assert "Step 1" in client.get("/en/guide/").content.decode()
    # The Chinese site is unchanged.
    assert menu_of(client.get("/"))[0].split()[:3] == ["首页", "关于参与", "参与指南"]
    # The sections have no translation: Chinese, with the note.
    assert NOTE in client.get("/en/consultations/").content.decode()

    revisions = {page.pk: page.latest_revision_id for page in pages}
    call_command("seed_demo", force=True, verbosity=0, stdout=None)
    assert StandardPage.objects.filter(locale=english).count() == len(slugs)
    assert HomePage.objects.filter(locale=english).count() == 1
    after = StandardPage.objects.filter(locale=english)
    assert {page.pk: page.latest_revision_id for page in after} == revisions
