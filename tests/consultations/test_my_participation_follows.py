"""A resident's own page "我的参与" (/me/participation/): the consultations they
follow (and stopping from there), their survey answers and ratings, where to
start when there is nothing yet — and nobody else's items."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import (
    Comment,
    ConsultationFollow,
    EvaluationPeriod,
    OfficialReply,
    Outcome,
    SurveyResponse,
    UnitRating,
)
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/me/participation/"


@pytest.fixture
def neighbour(db):
    return UserFactory(display_name="邻居王五")


def page_html(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


# Follows, surveys, ratings ----------------------------------------------------------


def test_followed_consultations_show_their_phase_and_results(
    resident_client, resident, consultation_index, issuing_unit
):
    open_one = make_consultation(consultation_index, unit=issuing_unit, title="开放中")
    done = make_consultation(
        consultation_index, unit=issuing_unit, phase="concluded", title="已公布结果"
    )
    ConsultationFollow.objects.create(user=resident, consultation=open_one)
    ConsultationFollow.objects.create(user=resident, consultation=done)

    html = page_html(resident_client)

    assert "开放中" in html and "正在征求意见" in html
    assert "已公布结果" in html and "结果已公布" in html
    assert f'href="{done.url}#results"' in html
    assert f"{open_one.url}unfollow/" in html  # the page's own unfollow form
    assert f"{done.url}unfollow/" not in html


def test_unfollowing_from_my_page_comes_back_to_it(
    resident_client, resident, consultation
):
    ConsultationFollow.objects.create(user=resident, consultation=consultation)

    response = resident_client.post(
        f"{consultation.url}unfollow/", {"next": f"{PAGE}#my-follows"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#my-follows"
    assert not ConsultationFollow.objects.exists()


def test_unfollowing_never_goes_to_another_site(
    resident_client, resident, consultation
):
    ConsultationFollow.objects.create(user=resident, consultation=consultation)

    response = resident_client.post(
        f"{consultation.url}unfollow/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == f"{consultation.url}#follow"


def test_survey_answers_and_ratings_are_listed_and_linked(
    resident_client, resident, consultation
):
    SurveyResponse.objects.create(user=resident, consultation=consultation)
    unit = UnitFactory(name="贵阳市民政局", slug="minzheng")
    now = timezone.now()
    period = EvaluationPeriod.objects.create(
        title="2026年上半年公众评价",
        starts_at=now - timedelta(days=3),
        ends_at=now + timedelta(days=27),
        scorecards_published=True,
    )
    UnitRating.objects.create(
        period=period, unit=unit, user=resident, score=4, comment="办事效率高。"
    )

    html = page_html(resident_client)

    assert f'href="{consultation.url}#survey"' in html
    assert "2026年上半年公众评价" in html
    assert "我的评分：4 分（满分 5 分）" in html
    assert "办事效率高。" in html
    assert (
        reverse(
            "consultations:evaluation_scorecard",
            kwargs={"period_id": period.pk, "unit_slug": "minzheng"},
        )
        in html
    )


# Empty states and privacy ------------------------------------------------------


def test_a_newcomer_sees_where_to_start_in_chinese(resident_client, consultation):
    html = page_html(resident_client)

    assert "您还没有发表过意见" in html
    assert "您还没有关注任何征求意见" in html
    assert "您还没有填写过问卷" in html
    assert "您还没有评价过任何单位" in html
    assert f'href="{consultation.get_parent().url}?phase=open"' in html
    assert reverse("consultations:evaluation_list") in html
    assert reverse("volunteers:register") in html


def test_only_my_own_items_appear(resident_client, resident, neighbour, consultation):
    theirs = make_comment(consultation, neighbour, body="邻居发表的意见。")
    OfficialReply.objects.create(
        comment=theirs, outcome=Outcome.ADOPTED, body="给邻居的答复。"
    )
    make_comment(
        consultation, neighbour, body="邻居被隐藏的意见。", status=Comment.Status.HIDDEN
    )
    ConsultationFollow.objects.create(user=neighbour, consultation=consultation)
    SurveyResponse.objects.create(user=neighbour, consultation=consultation)
    now = timezone.now()
    period = EvaluationPeriod.objects.create(
        title="邻居评价的周期", starts_at=now - timedelta(days=1), ends_at=now
    )
    UnitRating.objects.create(
        period=period, unit=consultation.unit, user=neighbour, score=1
    )

    html = page_html(resident_client)

    for text in (
        "邻居发表的意见。",
        "给邻居的答复。",
        "邻居被隐藏的意见。",
        "邻居评价的周期",
    ):
        assert text not in html
    assert consultation.title not in html  # not followed, answered nor commented
    assert "您还没有发表过意见" in html


def test_the_page_speaks_english_under_en(client, resident, consultation):
    make_comment(consultation, resident, body="An English-speaking resident's idea.")
    client.force_login(resident)
    chinese_url = consultation.url

    html = client.get(f"/en{PAGE}").content.decode()

    assert "My comments and the answers" in html
    assert "Awaiting an answer" in html
    assert f'href="/en{chinese_url}#comment-' in html
