"""A Chinese word inside a clause finds its consultation, through the site search
and the index's keyword filter alike (the same bigram index, home/search.py), on
SQLite and PostgreSQL."""

import pytest

from tests.consultations.factories import make_consultation

pytestmark = pytest.mark.django_db

WORD_ONLY_IN_A_CLAUSE = "倾倒"  # from 第三条: “……不得随意倾倒。”


def test_the_word_is_only_in_a_clause(consultation):
    assert WORD_ONLY_IN_A_CLAUSE not in consultation.title + consultation.summary
    assert any(WORD_ONLY_IN_A_CLAUSE in c["text"] for c in consultation.clause_list)


def test_site_search_finds_a_word_inside_a_clause(client, consultation):
    response = client.get("/search/", {"q": WORD_ONLY_IN_A_CLAUSE})
    assert response.status_code == 200
    assert consultation.title in response.content.decode()


def test_index_keyword_filter_uses_the_same_search(
    client, consultation, consultation_index, issuing_unit
):
    other = make_consultation(
        consultation_index, unit=issuing_unit, title="公共交通线路调整方案"
    )
    other.summary = "调整部分公交线路。"
    other.clauses = [
        ("clause", {"number": "第一条", "heading": "", "text": "优化公交线路。"})
    ]
    other.save_revision().publish()
    url = "/en" + consultation_index.url.removeprefix("/en")
    html = client.get(url, {"q": WORD_ONLY_IN_A_CLAUSE}).content.decode()
    assert consultation.title in html
    assert other.title not in html
    assert "Consultations found: 1" in html
    html = client.get(url, {"q": "公交"}).content.decode()
    assert other.title in html and consultation.title not in html


def test_a_word_in_no_consultation_finds_nothing(
    client, consultation, consultation_index
):
    html = client.get("/search/", {"q": "养老"}).content.decode()
    assert consultation.title not in html
    url = "/en" + consultation_index.url.removeprefix("/en")
    html = client.get(url, {"q": "养老"}).content.decode()
    assert "Consultations found: 0" in html
