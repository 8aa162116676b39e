"""Chinese words inside page text are found, on SQLite and PostgreSQL alike."""

from wagtail.models import Page

import pytest

from home.search import index_text, query_terms
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_query_terms_are_two_character_grams():
    assert query_terms("垃圾分类") == ["垃圾", "圾分", "分类"]
    assert query_terms("12319 热线") == ["热线", "12319"]
    assert "圾分" in index_text("推行垃圾分类").split()


@pytest.fixture
def guide_page():
    return StandardPageFactory(
        title="参与指南",
        slug="guide",
        body=[
            (
                "text",
                "<p>居民可以对城市生活垃圾分类管理办法的每一条提出意见。</p>",
            )
        ],
    )


def test_word_inside_a_sentence_is_found(client, guide_page):
    response = client.get("/search/", {"q": "垃圾"})
    assert response.status_code == 200
    assert "参与指南" in response.content.decode()
    response = client.get("/search/", {"q": "分类管理"})
    assert "参与指南" in response.content.decode()


def test_words_not_in_the_text_find_nothing(client, guide_page):
    response = client.get("/search/", {"q": "交通"})
    assert "参与指南" not in response.content.decode()


def test_unpublished_pages_are_not_found(client, guide_page):
    guide_page.unpublish()
    response = client.get("/search/", {"q": "垃圾"})
    assert "参与指南" not in response.content.decode()


def test_search_index_holds_grams(guide_page):
    results = Page.objects.live().search("垃圾 圾分", operator="and")
    assert guide_page.pk in [page.pk for page in results]
