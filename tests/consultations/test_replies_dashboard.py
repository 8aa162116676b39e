"""The responders' dashboard, the answer page and the units' saved replies."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply, Outcome, ReplyTemplate
from consultations.selectors.replies import (
    responder_comments,
    responder_dashboard_figures,
)
from home.models import UnitMembership
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "consultations:respond_dashboard"


def add_comment(
    consultation, author, *, due_in_days, body="建议增加分类垃圾桶。", **extra
):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body=body,
        status=extra.pop("status", Comment.Status.PUBLISHED),
        due_at=timezone.now() + timedelta(days=due_in_days),
        **extra,
    )


def test_dashboard_lists_unanswered_comments_by_due_date_with_overdue_flagged(
    client, responder, consultation, resident
):
    later = add_comment(consultation, resident, due_in_days=5, body="稍后到期的意见")
    overdue = add_comment(consultation, resident, due_in_days=-2, body="已经逾期的意见")
    answered = add_comment(consultation, resident, due_in_days=1, body="已经答复的意见")
    OfficialReply.objects.create(comment=answered, outcome="adopted", body="好")
    add_comment(
        consultation,
        resident,
        due_in_days=1,
        body="违规移除的意见",
        status="rejected",
        violation="spam",
    )

    client.force_login(responder)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("已经逾期的意见") < page.index("稍后到期的意见")
    assert "已经答复的意见" not in page
    assert "违规移除的意见" not in page
    assert "respond-item--overdue" in page
    assert "已逾期" in page

    response = client.get(reverse(DASHBOARD), {"status": "overdue"})
    page = response.content.decode()
    assert "已经逾期的意见" in page and "稍后到期的意见" not in page

    response = client.get(reverse(DASHBOARD), {"status": "answered"})
    page = response.content.decode()
    assert "已经答复的意见" in page and "稍后到期的意见" not in page

    comments = list(responder_comments(user=responder))
    assert [c.pk for c in comments] == [overdue.pk, later.pk]
    assert [c.is_overdue for c in comments] == [True, False]


def test_dashboard_filters_by_consultation_and_clause(
    client, responder, consultation, consultation_index, resident
):
    second = make_consultation(
        consultation_index, unit=consultation.unit, title="餐厨垃圾管理规定"
    )
    clause = consultation.clause_list[2]
    add_comment(
        consultation,
        resident,
        due_in_days=3,
        body="针对第三条的意见",
        clause_id=clause["id"],
    )
    add_comment(consultation, resident, due_in_days=3, body="针对全文的意见")
    add_comment(second, resident, due_in_days=3, body="另一个征求意见的意见")

    client.force_login(responder)
    page = client.get(
        reverse(DASHBOARD), {"consultation": consultation.pk}
    ).content.decode()
    assert "针对第三条的意见" in page and "针对全文的意见" in page
    assert "另一个征求意见的意见" not in page
    assert "第三条" in page

    page = client.get(
        reverse(DASHBOARD), {"consultation": consultation.pk, "clause": clause["id"]}
    ).content.decode()
    assert "针对第三条的意见" in page and "针对全文的意见" not in page

    # A consultation of another unit is not a valid filter: it is ignored.
    foreign = make_consultation(consultation_index, unit=UnitFactory(), title="外单位")
    add_comment(foreign, resident, due_in_days=3, body="外单位的意见")
    page = client.get(reverse(DASHBOARD), {"consultation": foreign.pk}).content.decode()
    assert "外单位的意见" not in page


def test_dashboard_shows_only_the_responders_units(
    client, responder, consultation, consultation_index, resident
):
    foreign = make_consultation(
        consultation_index, unit=UnitFactory(), title="外单位方案"
    )
    add_comment(consultation, resident, due_in_days=3, body="本单位的意见")
    add_comment(foreign, resident, due_in_days=3, body="外单位的意见")
    client.force_login(responder)
    page = client.get(reverse(DASHBOARD)).content.decode()
    assert "本单位的意见" in page
    assert "外单位的意见" not in page and "外单位方案" not in page


def test_dashboard_figures_count_answered_unanswered_overdue_and_rate(
    responder, consultation, resident
):
    for days in (-3, -1, 2, 4):
        add_comment(consultation, resident, due_in_days=days)
    answered = Comment.objects.order_by("pk").first()
    OfficialReply.objects.create(comment=answered, outcome="explained", body="说明")
    # Removed for a confirmed violation: not owed an answer (a hidden one is).
    add_comment(
        consultation, resident, due_in_days=-5, status="rejected", violation="spam"
    )

    figures = responder_dashboard_figures(user=responder)
    assert (figures.unanswered, figures.overdue, figures.answered) == (3, 1, 1)
    [row] = figures.consultations
    assert (row.published, row.answered, row.answer_rate) == (4, 1, 25)


def test_dashboard_query_count_does_not_grow_with_comments(
    client, responder, consultation, consultation_index, resident
):
    second = make_consultation(
        consultation_index, unit=consultation.unit, title="第二个"
    )
    ReplyTemplate.objects.create(
        unit=consultation.unit, title="模板", outcome="adopted", body="采纳"
    )
    client.force_login(responder)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(DASHBOARD), {"status": "all"})
        assert response.status_code == 200
        return len(queries)

    add_comment(consultation, resident, due_in_days=2)
    count_queries()  # warm the per-process caches (site root paths …)
    small = count_queries()

    authors = [UserFactory() for _ in range(5)]
    for number in range(40):
        comment = add_comment(
            second if number % 2 else consultation,
            authors[number % 5],
            due_in_days=number - 20,
            clause_id=consultation.clause_list[number % 3]["id"],
        )
        if number % 3 == 0:
            OfficialReply.objects.create(comment=comment, outcome="adopted", body="好")
    assert count_queries() == small
    assert small <= 16  # 15, and the header's unread message count


def test_answer_page_prefills_from_a_saved_reply_without_javascript(
    client, responder, consultation, resident
):
    template = ReplyTemplate.objects.create(
        unit=consultation.unit,
        title="不予采纳-上位法",
        outcome=Outcome.NOT_ADOPTED,
        body="感谢您的建议。",
        reason="与上位法规定不一致。",
    )
    comment = add_comment(consultation, resident, due_in_days=3)
    client.force_login(responder)
    url = reverse("consultations:respond_comment", args=[comment.pk])
    page = client.get(url).content.decode()
    assert "不予采纳-上位法" in page
    page = client.get(url, {"template": template.pk}).content.decode()
    assert "与上位法规定不一致。" in page
    assert 'value="not_adopted" selected' in page


def test_answer_page_shows_the_comment_and_404s_for_unpublished(
    client, responder, consultation, resident
):
    comment = add_comment(
        consultation, resident, due_in_days=-1, body="<b>粗体</b>意见"
    )
    client.force_login(responder)
    page = client.get(reverse("consultations:respond_comment", args=[comment.pk]))
    text = page.content.decode()
    assert "&lt;b&gt;粗体&lt;/b&gt;意见" in text
    assert "已逾期" in text
    pending = add_comment(consultation, resident, due_in_days=1, status="pending")
    url = reverse("consultations:respond_comment", args=[pending.pk])
    assert client.get(url).status_code == 404


# Saved replies on the front end -----------------------------------------------


def test_responder_manages_their_units_saved_replies(client, responder, issuing_unit):
    client.force_login(responder)
    add = reverse("consultations:reply_template_add")
    response = client.post(
        add,
        {
            "unit": issuing_unit.pk,
            "title": "不予采纳",
            "outcome": "not_adopted",
            "body": "感谢",
        },
    )
    assert response.status_code == 400
    assert "请说明不予采纳的理由" in response.content.decode()
    assert not ReplyTemplate.objects.exists()

    response = client.post(
        add,
        {
            "unit": issuing_unit.pk,
            "title": "不予采纳",
            "outcome": "not_adopted",
            "body": "感谢",
            "reason": "上位法已有规定",
        },
    )
    assert response.status_code == 302
    template = ReplyTemplate.objects.get()
    assert template.unit == issuing_unit

    page = client.get(reverse("consultations:reply_templates")).content.decode()
    assert "不予采纳" in page

    edit = reverse("consultations:reply_template_edit", args=[template.pk])
    response = client.post(
        edit,
        {
            "unit": issuing_unit.pk,
            "title": "已采纳",
            "outcome": "adopted",
            "body": "采纳",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.title, template.outcome) == ("已采纳", "adopted")

    # Titles are unique per unit.
    response = client.post(
        add,
        {"unit": issuing_unit.pk, "title": "已采纳", "outcome": "adopted", "body": "x"},
    )
    assert response.status_code == 400
    assert ReplyTemplate.objects.count() == 1

    delete = reverse("consultations:reply_template_delete", args=[template.pk])
    assert client.post(delete).status_code == 302
    assert not ReplyTemplate.objects.exists()


def test_saved_replies_of_another_unit_are_out_of_reach(
    client, responder, issuing_unit
):
    foreign_unit = UnitFactory()
    foreign = ReplyTemplate.objects.create(
        unit=foreign_unit, title="外单位模板", outcome="adopted", body="采纳"
    )
    client.force_login(responder)
    assert (
        "外单位模板"
        not in client.get(reverse("consultations:reply_templates")).content.decode()
    )
    edit = reverse("consultations:reply_template_edit", args=[foreign.pk])
    assert client.get(edit).status_code == 403
    response = client.post(
        edit,
        {"unit": issuing_unit.pk, "title": "偷改", "outcome": "adopted", "body": "x"},
    )
    assert response.status_code == 403
    delete = reverse("consultations:reply_template_delete", args=[foreign.pk])
    assert client.post(delete).status_code == 403
    foreign.refresh_from_db()
    assert foreign.title == "外单位模板"
    # Nor can a template be created for a unit they do not answer for.
    response = client.post(
        reverse("consultations:reply_template_add"),
        {"unit": foreign_unit.pk, "title": "新模板", "outcome": "adopted", "body": "x"},
    )
    assert response.status_code == 400
    assert ReplyTemplate.objects.count() == 1


def test_saved_replies_pages_refuse_non_responders(client, issuing_unit):
    editor = UserFactory()
    UnitMembershipFactory(
        unit=issuing_unit, user=editor, role=UnitMembership.Role.EDITOR
    )
    client.force_login(editor)
    assert client.get(reverse("consultations:reply_templates")).status_code == 403
    assert client.get(reverse("consultations:reply_template_add")).status_code == 403


# Wagtail admin -----------------------------------------------------------------


def test_staff_see_saved_replies_with_filters_and_replies_read_only(
    client, responder, consultation, resident
):
    from tests.factories import give_totp

    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    ReplyTemplate.objects.create(
        unit=consultation.unit, title="已纳入修改稿", outcome="adopted", body="采纳"
    )
    comment = add_comment(consultation, resident, due_in_days=1)
    reply = OfficialReply.objects.create(
        comment=comment, outcome="explained", body="这是官方的说明答复"
    )

    response = client.get(
        "/admin/replytemplate/",
        {"unit": consultation.unit.pk, "outcome": "adopted", "q": "修改稿"},
    )
    assert response.status_code == 200
    assert "已纳入修改稿" in response.content.decode()

    response = client.get("/admin/officialreply/")
    assert response.status_code == 200
    assert "/admin/officialreply/new/" not in response.content.decode()
    inspect = client.get(f"/admin/officialreply/inspect/{reply.pk}/")
    assert "这是官方的说明答复" in inspect.content.decode()
    for url in (
        "/admin/officialreply/new/",
        f"/admin/officialreply/edit/{reply.pk}/",
        f"/admin/officialreply/delete/{reply.pk}/",
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(f"/admin/officialreply/delete/{reply.pk}/")
    assert OfficialReply.objects.filter(pk=reply.pk).exists()
