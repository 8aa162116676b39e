"""A resident's own page "我的参与" (/me/participation/): their comments and pledge
feedback with their status and the official answers, the consultations they
follow, their survey answers and ratings, their bookings and sign-ups — and
nobody else's."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import (
    Comment,
    ConsultationFollow,
    ModerationAppeal,
    ModerationDecision,
    OfficialReply,
    Outcome,
    SurveyResponse,
    Violation,
)
from tests.consultations.factories import add_comments, make_comment, make_consultation
from tests.factories import UnitFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db

PAGE = "/me/participation/"
Status = Comment.Status


@pytest.fixture
def neighbour(db):
    return UserFactory(display_name="邻居王五")


def page_html(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def reply(comment, outcome=Outcome.ADOPTED, body="已采纳，将在明年实施。", reason=""):
    return OfficialReply.objects.create(
        comment=comment, outcome=outcome, body=body, reason=reason
    )


def decide(comment, action, reason, violation=""):
    return ModerationDecision.objects.create(
        comment=comment, action=action, reason=reason, violation=violation
    )


# Comments --------------------------------------------------------------------------


def test_an_answered_comment_shows_the_outcome_and_the_answer(
    resident_client, resident, consultation
):
    comment = make_comment(consultation, resident, body="建议在小区门口增设回收点。")
    reply(comment, outcome=Outcome.PARTLY_ADOPTED, body="部分采纳：先在试点小区设置。")

    html = page_html(resident_client)

    assert "建议在小区门口增设回收点。" in html
    assert consultation.title in html
    assert "部分采纳" in html  # the outcome, as the model calls it
    assert "部分采纳：先在试点小区设置。" in html
    assert f"{consultation.unit.name} 答复" in html


def test_an_unanswered_comment_says_by_when_the_answer_is_due(
    resident_client, resident, consultation
):
    due = timezone.now() + timedelta(days=12)
    make_comment(consultation, resident, due_at=due)
    late = make_comment(
        consultation, resident, body="逾期未答复的意见。", due_at=timezone.now()
    )
    Comment.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))

    html = page_html(resident_client)

    assert "等待答复" in html
    assert f"应于 {timezone.localtime(due):%Y-%m-%d} 前答复。" in html
    assert "答复已逾期" in html


def test_each_status_is_shown_as_its_author_may_see_it(
    resident_client, resident, consultation
):
    make_comment(consultation, resident, body="等待审核的意见。", status=Status.PENDING)
    hidden = make_comment(
        consultation, resident, body="被隐藏的意见。", status=Status.HIDDEN
    )
    decide(hidden, ModerationDecision.Action.HIDE, "含有他人电话号码，先行隐藏。")
    removed = make_comment(
        consultation,
        resident,
        body="被移除并已申诉的意见。",
        status=Status.REJECTED,
        violation=Violation.SPAM,
    )
    removal = decide(
        removed, ModerationDecision.Action.REJECT, "广告内容。", Violation.SPAM
    )
    ModerationAppeal.objects.create(
        decision=removal, comment=removed, author=resident, reason="不是广告。"
    )

    html = page_html(resident_client)

    assert "待审核" in html
    assert "审核通过前，只有您本人能看到这条意见。" in html
    assert "已隐藏，待审核" in html
    assert "含有他人电话号码，先行隐藏。" in html  # the moderators' reason
    # The hidden comment can still be appealed; the removed one was appealed.
    assert reverse("consultations:comment_appeal", args=[hidden.pk]) in html
    assert reverse("consultations:comment_appeal", args=[removed.pk]) not in html
    assert "已申诉" in html
    assert "您的申诉正在等待审核员处理。" in html
    assert "广告内容。" in html


def test_a_refused_appeal_and_a_granted_one_are_shown(
    resident_client, resident, consultation
):
    refused = make_comment(
        consultation, resident, body="申诉被驳回的意见。", status=Status.HIDDEN
    )
    hiding = decide(refused, ModerationDecision.Action.HIDE, "人身攻击。")
    ModerationAppeal.objects.create(
        decision=hiding,
        comment=refused,
        author=resident,
        reason="没有攻击。",
        outcome=decide(refused, ModerationDecision.Action.APPEAL_DENY, "维持隐藏。"),
    )
    granted = make_comment(consultation, resident, body="申诉成立的意见。")
    hiding = decide(granted, ModerationDecision.Action.HIDE, "误判。")
    ModerationAppeal.objects.create(
        decision=hiding,
        comment=granted,
        author=resident,
        reason="请复核。",
        outcome=decide(granted, ModerationDecision.Action.APPEAL_GRANT, "已恢复。"),
    )

    html = page_html(resident_client)

    assert "申诉驳回" in html and "维持隐藏。" in html
    assert "申诉成立" in html and "已恢复。" in html
    assert reverse("consultations:comment_appeal", args=[refused.pk]) not in html


def test_pledge_feedback_is_listed_with_its_answer(resident_client, resident):
    pledge = make_pledge(UnitFactory(name="南明区城管局"))
    item = pledge.items.first()
    feedback = Comment.objects.create(
        pledge=pledge,
        clause_id=str(item.pk),
        kind=Comment.Kind.NOT_KEPT,
        author=resident,
        body="承诺的路灯维修至今没有完成。",
        due_at=timezone.now() + timedelta(days=10),
    )
    reply(feedback, outcome=Outcome.EXPLAINED, body="已安排本月维修。")

    html = page_html(resident_client)

    assert "承诺的路灯维修至今没有完成。" in html
    assert pledge.title in html
    assert "对单位承诺的意见" in html
    assert "举报：承诺未兑现" in html
    assert "已安排本月维修。" in html
    assert f'href="{pledge.url}#comment-{feedback.pk}"' in html


def test_the_link_opens_the_consultation_page_at_an_old_comment(
    resident_client, resident, neighbour, consultation
):
    mine = make_comment(consultation, resident, body="很早以前发表的意见。")
    Comment.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - timedelta(days=1)
    )
    add_comments(consultation, count=30, authors=[neighbour])  # newer, 2 pages

    html = page_html(resident_client)
    start = html.index(f'id="my-comment-{mine.pk}"')
    href = html[html.index('href="', start) + 6 :]
    href = href[: href.index('"')].replace("&amp;", "&")
    assert href.startswith(consultation.url)
    assert href.endswith(f"#comment-{mine.pk}")

    target = resident_client.get(href.split("#")[0])
    assert target.status_code == 200
    assert f'id="comment-{mine.pk}"' in target.content.decode()
    # Not on the first page of the list, where a bare anchor would have led.
    first = resident_client.get(consultation.url).content.decode()
    assert f'id="comment-{mine.pk}"' not in first


def test_a_recent_comment_links_to_the_first_page_of_the_list(
    resident_client, resident, neighbour, consultation
):
    add_comments(consultation, count=5, authors=[neighbour])
    mine = make_comment(consultation, resident, body="刚刚发表的意见。")

    html = page_html(resident_client)

    assert f'href="{consultation.url}#comment-{mine.pk}"' in html
    first = resident_client.get(consultation.url).content.decode()
    assert f'id="comment-{mine.pk}"' in first


def test_only_the_newest_comments_show_with_a_link_to_the_full_list(
    resident_client, resident, consultation
):
    add_comments(consultation, count=25, authors=[resident], replies=3)

    html = page_html(resident_client)

    assert html.count('class="signup-item my-comment"') == 5
    assert reverse("consultations:my_comments") in html
    assert "我的全部意见（25 条）" in html
    assert "已发表 25 条 · 已答复 3 条 · 等待答复 22 条" in html


def test_the_full_list_is_paginated_and_holds_only_my_comments(
    resident_client, resident, neighbour, consultation
):
    add_comments(consultation, count=25, authors=[resident])
    make_comment(consultation, neighbour, body="邻居的意见，不应出现。")
    url = reverse("consultations:my_comments")

    first = resident_client.get(url).content.decode()
    second = resident_client.get(url, {"page": 2}).content.decode()

    assert first.count('class="signup-item my-comment"') == 20
    assert second.count('class="signup-item my-comment"') == 5
    assert "邻居的意见" not in first + second
    assert "意见24：" in first  # newest first
    assert "意见0：" in second


def test_the_full_list_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("consultations:my_comments"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Queries -------------------------------------------------------------------------


def test_the_number_of_queries_does_not_grow_with_my_comments(
    client, consultation_index, issuing_unit
):
    def resident_with(count):
        user = UserFactory()
        # add_comments answers a consultation's first comments: one each.
        commented = make_consultation(consultation_index, unit=issuing_unit)
        add_comments(commented, count=count, authors=[user], replies=count // 2)
        for comment in Comment.objects.filter(author=user)[: count // 3]:
            decide(comment, ModerationDecision.Action.HIDE, "复核中。")
            Comment.objects.filter(pk=comment.pk).update(status=Status.HIDDEN)
        for number in range(count // 3):
            other = make_consultation(
                consultation_index, unit=issuing_unit, title=f"关注{number}"
            )
            ConsultationFollow.objects.create(user=user, consultation=other)
            SurveyResponse.objects.create(user=user, consultation=other)
        return user

    def queries_for(user):
        client.force_login(user)
        client.get(PAGE)  # warm the caches (site root paths, settings)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    few, many = queries_for(resident_with(3)), queries_for(resident_with(30))
    assert many <= few, (few, many)


def test_the_full_list_queries_do_not_grow_with_the_page(
    client, consultation, django_assert_max_num_queries
):
    user = UserFactory()
    add_comments(consultation, count=40, authors=[user], replies=40)
    client.force_login(user)
    url = reverse("consultations:my_comments")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {"page": 2})
    add_comments(consultation, count=40, authors=[user], replies=0)
    with django_assert_max_num_queries(len(captured)):
        client.get(url, {"page": 2})
