"""The consultation index and page as visitors and residents see them: ordering,
filters, pagination, clauses with their anchors and counts, the comment list, and
a number of queries that does not grow with the data."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from consultations.models import (
    Comment,
    CommentFlag,
    CommentSupport,
    ConsultationPage,
    OfficialReply,
    Outcome,
    Topic,
)
from tests.consultations.factories import add_comments, make_consultation
from tests.factories import UnitFactory, UserFactory, district

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def en(url: str) -> str:
    """The English version of a page (the site is Chinese at /, English at /en/)."""
    return "/en" + url.removeprefix("/en")


# The index --------------------------------------------------------------------------


@pytest.fixture
def phases(consultation_index, issuing_unit):
    """One consultation in each phase, created in a shuffled order."""
    return {
        phase: make_consultation(
            consultation_index, unit=issuing_unit, phase=phase, title=f"{phase}意见"
        )
        for phase in ["closed", "upcoming", "concluded", "open"]
    }


def titles_in(html: str) -> list[str]:
    return re.findall(r'consultation-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_index_lists_open_then_upcoming_then_finished(
    client, consultation_index, phases
):
    response = client.get(en(consultation_index.url))
    assert response.status_code == 200
    titles = titles_in(text_of(response))
    assert titles[:2] == ["open意见", "upcoming意见"]
    assert set(titles[2:]) == {"closed意见", "concluded意见"}
    html = text_of(response)
    for label in [
        "Open for comments",
        "Upcoming",
        "Closed, answering",
        "Results published",
    ]:
        assert label in html


def test_index_item_shows_unit_comment_count_and_answer_rate(
    client, consultation, consultation_index, resident
):
    add_comments(consultation, count=4, authors=[resident], replies=1)
    add_comments(consultation, count=3, authors=[resident], status="pending")
    html = text_of(client.get(en(consultation_index.url)))
    assert "贵阳市生态环境局" in html
    card = html[html.index("consultation-card__figures") :]
    assert re.search(r"Published comments</dt><dd>4</dd>", card)
    assert re.search(r"Answer rate</dt><dd>25.0%</dd>", card)


def test_index_filters_by_phase_in_the_database(client, consultation_index, phases):
    for phase, expected in [
        ("open", ["open意见"]),
        ("upcoming", ["upcoming意见"]),
        ("closed", ["closed意见"]),
        ("concluded", ["concluded意见"]),
    ]:
        response = client.get(en(consultation_index.url), {"phase": phase})
        assert titles_in(text_of(response)) == expected, phase


def test_index_filters_by_topic_district_and_unit(
    client, consultation_index, issuing_unit
):
    topic = Topic.objects.create(name="测试专题", slug="test-topic")
    other_unit = UnitFactory(name="贵阳市交通局", slug="jiaotong")
    make_consultation(consultation_index, unit=issuing_unit, title="甲：城市管理")
    make_consultation(
        consultation_index,
        unit=other_unit,
        title="乙：公交线路",
        topic=topic,
        district=district("520103"),
    )
    url = en(consultation_index.url)
    assert titles_in(text_of(client.get(url, {"topic": "test-topic"}))) == [
        "乙：公交线路"
    ]
    assert titles_in(text_of(client.get(url, {"district": "520103"}))) == [
        "乙：公交线路"
    ]
    assert titles_in(text_of(client.get(url, {"unit": "jiaotong"}))) == ["乙：公交线路"]
    assert titles_in(text_of(client.get(url, {"unit": issuing_unit.slug}))) == [
        "甲：城市管理"
    ]
    # The form shows what is selected, and offers to clear it.
    html = text_of(client.get(url, {"unit": "jiaotong"}))
    assert '<option value="jiaotong" selected>' in html
    assert "Clear filters" in html


def test_index_ignores_unknown_filter_values(client, consultation_index, phases):
    response = client.get(
        en(consultation_index.url), {"phase": "bogus", "topic": "nope", "page": "x"}
    )
    assert response.status_code == 200
    assert len(titles_in(text_of(response))) == 4


def test_index_is_paginated_and_keeps_filters(client, consultation_index, issuing_unit):
    for number in range(12):
        make_consultation(
            consultation_index, unit=issuing_unit, title=f"办法{number:02d}"
        )
    url = en(consultation_index.url)
    first = text_of(client.get(url, {"phase": "open"}))
    assert len(titles_in(first)) == 10
    assert "Consultations found: 12" in first
    assert "phase=open&amp;page=2" in first and "Next page" in first
    second = text_of(client.get(url, {"phase": "open", "page": 2}))
    assert len(titles_in(second)) == 2
    assert not set(titles_in(first)) & set(titles_in(second))


def test_index_queries_do_not_grow_with_consultations_or_comments(
    client, consultation_index, issuing_unit, resident
):
    def render():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(consultation_index.url)
        assert response.status_code == 200
        return len(queries)

    few = make_consultation(consultation_index, unit=issuing_unit)
    add_comments(few, count=3, authors=[resident], replies=1)
    render()  # warm the site-root cache
    baseline = render()
    for number in range(14):
        page = make_consultation(
            consultation_index,
            unit=UnitFactory(),
            title=f"办法{number}",
            topic=Topic.objects.order_by("pk").first(),
        )
        add_comments(page, count=20, authors=[resident], replies=5)
    render()  # new pages: the site shell is read afresh once
    assert render() <= baseline
    assert baseline <= 25


# The consultation page ----------------------------------------------------------------


def test_page_shows_clauses_with_stable_anchors_counts_and_comment_links(
    client, consultation, resident
):
    first, second, _third = consultation.clause_list
    add_comments(consultation, count=3, authors=[resident], clause_id=first["id"])
    add_comments(consultation, count=1, authors=[resident], clause_id=second["id"])
    add_comments(
        consultation,
        count=5,
        authors=[resident],
        clause_id=second["id"],
        status="pending",
    )
    html = text_of(client.get(en(consultation.url)))
    assert f'id="{first["id"]}"' in html
    assert f'?clause={first["id"]}#comment-form">Comment on 第一条' in html
    assert "Comments on this clause: 3" in html
    assert "Comments on this clause: 1" in html  # pending ones are not counted
    assert "No comments on this clause yet" in html
    assert "clause__heat--5" in html and "clause__heat--2" in html
    assert "为了推进城市生活垃圾分类管理" in html
    assert "Published comments</dt><dd>4</dd>" in html


def test_comment_link_chooses_the_clause_in_the_form(resident_client, consultation):
    clause = consultation.clause_list[1]
    html = text_of(resident_client.get(en(consultation.url), {"clause": clause["id"]}))
    assert f'<option value="{clause["id"]}" selected>' in html
    assert 'id="comment-form"' in html


def test_closed_page_has_no_comment_links_or_form(
    resident_client, consultation_index, issuing_unit
):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    html = text_of(resident_client.get(en(closed.url)))
    assert '#comment-form">Comment on' not in html
    assert "This consultation is closed for comments." in html
    assert 'name="body"' not in html


def test_upcoming_page_says_when_comments_open(
    client, consultation_index, issuing_unit
):
    upcoming = make_consultation(
        consultation_index, unit=issuing_unit, phase="upcoming"
    )
    html = text_of(client.get(en(upcoming.url)))
    assert "Comments open on" in html


def test_visitor_is_asked_to_sign_in(client, consultation):
    html = text_of(client.get(en(consultation.url)))
    assert "to comment." in html and "/en/accounts/login/?next=" in html
    assert 'name="body"' not in html


def test_reply_is_shown_under_the_comment(client, consultation, resident):
    add_comments(consultation, count=2, authors=[resident], replies=2)
    html = text_of(client.get(en(consultation.url)))
    assert "Reply from 贵阳市生态环境局" in html
    assert "Adopted" in html and "Not adopted" in html
    assert "与上位法规定不一致。" in html
    assert "Answer rate</dt><dd>100.0% (2 of 2 answered)" in html


def comment_ids(html: str) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', html)
    ]


def test_comment_list_is_paginated_newest_first_by_keyset(
    client, consultation, resident
):
    add_comments(consultation, count=45, authors=[resident])
    newest_first = list(
        Comment.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)
    )
    html = text_of(client.get(en(consultation.url)))
    assert comment_ids(html) == newest_first[:20]
    next_url = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert "after=" in next_url
    html = text_of(client.get(next_url.replace("&amp;", "&")))
    assert comment_ids(html) == newest_first[20:40]
    assert "Newest comments" in html
    last_url = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    html = text_of(client.get(last_url.replace("&amp;", "&")))
    assert comment_ids(html) == newest_first[40:]
    assert 'rel="next"' not in html
    previous_url = re.search(r'<a rel="prev" href="([^"]+)"', html).group(1)
    html = text_of(client.get(previous_url.replace("&amp;", "&")))
    assert comment_ids(html) == newest_first[20:40]


def test_comment_list_survives_a_malformed_cursor(client, consultation, resident):
    add_comments(consultation, count=3, authors=[resident])
    response = client.get(en(consultation.url), {"after": "x_y", "before": "1_2_3"})
    assert response.status_code == 200
    assert len(comment_ids(text_of(response))) == 3


def test_comment_list_filters_by_clause(client, consultation, resident):
    clause = consultation.clause_list[2]
    add_comments(consultation, count=2, authors=[resident], clause_id=clause["id"])
    add_comments(consultation, count=3, authors=[resident])
    html = text_of(client.get(en(consultation.url), {"comments_clause": clause["id"]}))
    ids = comment_ids(html)
    assert len(ids) == 2
    assert set(
        Comment.objects.filter(pk__in=ids).values_list("clause_id", flat=True)
    ) == {clause["id"]}
    assert "Comments on 第三条" in html
    # An unknown clause shows every comment.
    html = text_of(client.get(en(consultation.url), {"comments_clause": "nope"}))
    assert len(comment_ids(html)) == 5


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "resident"])
def test_page_queries_do_not_grow_from_10_to_10000_comments(
    client, consultation_index, issuing_unit, signed_in, django_assert_max_num_queries
):
    """The acceptance criterion: 10,000 published comments (with replies) render
    with the same number of queries as 10, and the list is paginated."""
    viewer = UserFactory(display_name="访客")
    if signed_in:
        client.force_login(viewer)
    authors = [UserFactory(display_name=f"居民{n}") for n in range(25)]
    small = make_consultation(consultation_index, unit=issuing_unit, slug="small")
    large = make_consultation(consultation_index, unit=issuing_unit, slug="large")
    clause_ids = [clause["id"] for clause in large.clause_list]
    add_comments(small, count=10, authors=authors, replies=5)
    for clause_id in ["", *clause_ids]:
        add_comments(large, count=2500, authors=authors, clause_id=clause_id)
    # Half of them answered, spread over every page of the list.
    answered = [
        pk
        for pk in Comment.objects.filter(consultation=large).values_list(
            "pk", flat=True
        )
        if pk % 2
    ]
    OfficialReply.objects.bulk_create(
        [
            OfficialReply(comment_id=pk, outcome=Outcome.EXPLAINED, body="说明。")
            for pk in answered
        ],
        batch_size=2000,
    )
    if signed_in:
        # The viewer's own comments: published ones (so that the support and report
        # controls differ), and one awaiting moderation on each page.
        for page in (small, large):
            newest = Comment.objects.filter(consultation=page).latest("pk")
            Comment.objects.filter(pk=newest.pk).update(author=viewer)
            add_comments(page, count=1, authors=[viewer], status="pending")
            shown = Comment.objects.filter(consultation=page, status="published")
            for comment in shown.order_by("-pk")[1:4]:
                CommentSupport.objects.create(comment=comment, user=viewer)
                CommentFlag.objects.create(comment=comment, user=viewer, reason="spam")
    # Warm the per-process caches and the site shell's (which keeps the page
    # found at each address: each page is read once before it is measured).
    client.get(en(small.url))
    client.get(en(large.url))

    with CaptureQueriesContext(connection) as small_queries:
        response = client.get(en(small.url))
    assert response.status_code == 200
    assert len(comment_ids(text_of(response))) == 10

    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(en(large.url))
    html = text_of(response)
    assert len(comment_ids(html)) == 20
    assert html.count("Reply from") == 10
    assert 'rel="next"' in html
    assert len(small_queries) <= 30


def test_keyset_pages_cover_comments_with_the_same_timestamp(
    client, consultation, resident
):
    add_comments(consultation, count=45, authors=[resident])
    Comment.objects.update(created_at=timezone.now() - timedelta(hours=1))
    seen = []
    url = en(consultation.url)
    while url:
        html = text_of(client.get(url.replace("&amp;", "&")))
        seen += comment_ids(html)
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = found.group(1) if found else None
    assert seen == sorted(Comment.objects.values_list("pk", flat=True), reverse=True)


def test_editors_preview_renders_for_saved_and_new_pages(
    consultation, consultation_index, issuing_unit
):
    assert consultation.make_preview_request().status_code == 200
    draft = ConsultationPage(
        title="新草稿",
        slug="new-draft",
        unit=issuing_unit,
        summary="草稿概要。",
        clauses=[("clause", {"number": "第一条", "heading": "", "text": "草稿。"})],
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        reply_deadline=consultation.reply_deadline,
    )
    draft.path = consultation_index.path + "9999"
    draft.depth = consultation_index.depth + 1
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "草稿。" in response.content.decode()
    assert consultation_index.make_preview_request().status_code == 200
