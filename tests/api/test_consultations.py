"""Consultations through the public API: what the pages show, no more."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from consultations.models import Comment, OfficialReply, Outcome
from tests.consultations.factories import add_comments, make_comment, make_consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(consultation_index, issuing_unit):
    page = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    author = UserFactory(display_name="张三", email="zhangsan@example.org")
    comment = make_comment(page, author, body="建议增设分类垃圾桶。")
    OfficialReply.objects.create(
        comment=comment, outcome=Outcome.ADOPTED, body="已采纳，谢谢。"
    )
    make_comment(
        page,
        UserFactory(display_name="李四", email="lisi@example.org"),
        body="这条意见被隐藏了。",
        status=Comment.Status.HIDDEN,
    )
    make_comment(
        page,
        UserFactory(display_name="王五", email="wangwu@example.org"),
        body="匿名展示的意见。",
        show_masked_name=True,
    )
    return page


def test_consultations_list_with_phase_unit_and_answer_rate(client, closed):
    response = client.get("/api/v1/consultations/")

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == closed.pk
    assert row["phase"] == "closed"
    assert row["unit"] == {"slug": closed.unit.slug, "name": "贵阳市生态环境局"}
    # Hidden comments are owed an answer too (the answer-rate definition).
    assert row["published_comment_count"] == 3
    assert row["answered_comment_count"] == 1
    assert row["answer_rate"] == 33.3


def test_consultation_detail_has_its_clauses(client, closed):
    response = client.get(f"/api/v1/consultations/{closed.pk}/")

    assert response.status_code == 200
    clauses = response.json()["clauses"]
    assert [clause["number"] for clause in clauses] == ["第一条", "第二条", "第三条"]
    assert clauses[0]["text"].startswith("为了推进城市生活垃圾分类管理")


def test_comments_show_the_sites_names_replies_and_never_hidden_ones(client, closed):
    response = client.get(f"/api/v1/consultations/{closed.pk}/comments/")

    assert response.status_code == 200
    comments = response.json()["results"]
    assert [c["author"] for c in comments] == ["王*", "张三"]
    assert comments[1]["reply"]["outcome"] == "adopted"
    assert comments[1]["reply"]["body"] == "已采纳，谢谢。"
    assert comments[0]["reply"] is None
    assert "这条意见被隐藏了" not in response.content.decode()


def test_results_of_a_closed_consultation_and_none_before(
    client, closed, consultation_index, issuing_unit
):
    response = client.get(f"/api/v1/consultations/{closed.pk}/results/")
    assert response.status_code == 200
    results = response.json()
    assert results["published_count"] == 3
    assert results["answered_count"] == 1
    adopted = next(o for o in results["outcomes"] if o["value"] == "adopted")
    assert adopted["count"] == 1

    still_open = make_consultation(consultation_index, unit=issuing_unit, phase="open")
    assert (
        client.get(f"/api/v1/consultations/{still_open.pk}/results/").status_code == 404
    )


@pytest.mark.parametrize(
    "kind",
    [
        PageViewRestriction.PASSWORD,
        PageViewRestriction.LOGIN,
        PageViewRestriction.GROUPS,
    ],
)
def test_a_restricted_consultation_never_appears(client, closed, kind):
    extra = {"password": "s3cret"} if kind == PageViewRestriction.PASSWORD else {}
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=kind, **extra
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="考核小组"))
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/api/v1/consultations/").json()["results"] == []
    for suffix in ("", "comments/", "results/"):
        url = f"/api/v1/consultations/{closed.pk}/{suffix}"
        assert client.get(url).status_code == 404


def test_filters_as_on_the_index(client, closed, consultation_index, issuing_unit):
    open_one = make_consultation(consultation_index, unit=issuing_unit, phase="open")

    def ids(query):
        response = client.get(f"/api/v1/consultations/?{query}")
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids("phase=open") == [open_one.pk]
    assert ids("phase=closed") == [closed.pk]
    assert ids(f"unit={issuing_unit.slug}") == [open_one.pk, closed.pk]
    assert ids("unit=nobody") == []
    assert client.get("/api/v1/consultations/?phase=bogus").status_code == 400


def test_comments_are_paginated_by_cursor(client, closed):
    add_comments(closed, count=25, authors=[UserFactory(display_name="赵六")])

    first = client.get(f"/api/v1/consultations/{closed.pk}/comments/").json()
    assert len(first["results"]) == 20
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    ids = [c["id"] for c in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 27
    assert second["next"] is None


def test_answer_rates_per_unit_and_month(client, closed):
    units = client.get("/api/v1/answer-rates/units/").json()
    [row] = units
    assert row["unit"]["name"] == "贵阳市生态环境局"
    assert (row["published"], row["answered"], row["rate"]) == (3, 1, 33.3)

    months = client.get("/api/v1/answer-rates/months/").json()
    assert sum(month["published"] for month in months) == 3
    assert sum(month["answered"] for month in months) == 1
    one_unit = client.get(f"/api/v1/answer-rates/months/?unit={closed.unit.slug}")
    assert one_unit.json() == months
    assert client.get("/api/v1/answer-rates/months/?unit=nobody").status_code == 404
