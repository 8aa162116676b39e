"""Official replies: who may answer, what a reply must contain, the commenter's
email, bulk answers from a saved reply, and the reply on the public page."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply, Outcome, ReplyTemplate
from consultations.services.replies import reply_bulk, reply_create
from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REPLY_TEXT = "感谢您的建议，我们将在各小区增设分类垃圾桶。"


def make_comment(consultation, author, *, body="建议增加分类垃圾桶的数量。", **extra):
    extra.setdefault("status", Comment.Status.PUBLISHED)
    extra.setdefault("due_at", timezone.now() + timedelta(days=10))
    return Comment.objects.create(
        consultation=consultation, author=author, body=body, **extra
    )


def answer_url(comment):
    return reverse("consultations:respond_comment", args=[comment.pk])


@pytest.fixture
def comment(consultation, resident):
    return make_comment(consultation, resident)


@pytest.fixture
def other_unit_consultation(consultation_index):
    unit = UnitFactory(name="贵阳市交通委员会")
    return make_consultation(consultation_index, unit=unit, title="公交线网优化方案")


@pytest.fixture
def other_responder(other_unit_consultation):
    user = UserFactory(display_name="赵答复")
    UnitMembershipFactory(
        unit=other_unit_consultation.unit,
        user=user,
        role=UnitMembership.Role.RESPONDER,
    )
    return user


# Who may answer ---------------------------------------------------------------


def test_responder_of_the_issuing_unit_answers_and_the_reply_is_saved(
    client, responder, comment, django_capture_on_commit_callbacks
):
    client.force_login(responder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url(comment), {"outcome": Outcome.ADOPTED, "body": REPLY_TEXT}
        )
    assert response.status_code == 302
    reply = OfficialReply.objects.get(comment=comment)
    assert reply.outcome == Outcome.ADOPTED
    assert reply.body == REPLY_TEXT
    assert reply.responder == responder


def test_editor_of_the_issuing_unit_is_refused(client, issuing_unit, comment):
    editor = UserFactory()
    UnitMembershipFactory(
        unit=issuing_unit, user=editor, role=UnitMembership.Role.EDITOR
    )
    client.force_login(editor)
    response = client.post(
        answer_url(comment), {"outcome": Outcome.ADOPTED, "body": REPLY_TEXT}
    )
    assert response.status_code == 403
    assert not OfficialReply.objects.exists()
    with pytest.raises(PermissionDenied):
        reply_create(
            responder=editor, comment=comment, outcome=Outcome.ADOPTED, body="好"
        )


def test_responder_of_another_unit_gets_403_and_nothing_changes(
    client, other_responder, issuing_unit, comment
):
    client.force_login(other_responder)
    response = client.get(answer_url(comment))
    assert response.status_code == 403
    response = client.post(
        answer_url(comment), {"outcome": Outcome.ADOPTED, "body": REPLY_TEXT}
    )
    assert response.status_code == 403
    assert issuing_unit.name in response.content.decode()
    assert not OfficialReply.objects.exists()
    assert len(mail.outbox) == 0


def test_responder_of_another_unit_cannot_change_an_existing_reply(
    client, responder, other_responder, comment
):
    reply_create(responder=responder, comment=comment, outcome="adopted", body="好的")
    client.force_login(other_responder)
    response = client.post(
        answer_url(comment), {"outcome": Outcome.DUPLICATE, "body": "重复意见"}
    )
    assert response.status_code == 403
    reply = OfficialReply.objects.get()
    assert (reply.outcome, reply.body) == (Outcome.ADOPTED, "好的")


def test_resident_is_refused(resident_client, comment):
    response = resident_client.post(
        answer_url(comment), {"outcome": Outcome.ADOPTED, "body": REPLY_TEXT}
    )
    assert response.status_code == 403
    assert (
        resident_client.get(reverse("consultations:respond_dashboard")).status_code
        == 403
    )
    assert not OfficialReply.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client, comment):
    for url in (answer_url(comment), reverse("consultations:respond_dashboard")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    response = client.post(answer_url(comment), {"outcome": "adopted", "body": "好"})
    assert response.status_code == 302
    assert not OfficialReply.objects.exists()


def test_superuser_may_answer(comment):
    admin = UserFactory(is_staff=True, is_superuser=True)
    reply = reply_create(
        responder=admin, comment=comment, outcome="explained", body="说明"
    )
    assert reply.pk


@pytest.mark.parametrize("status", ["pending", "hidden", "rejected"])
def test_only_published_comments_are_answered(
    responder, consultation, resident, status
):
    comment = make_comment(consultation, resident, status=status)
    with pytest.raises(ServiceError):
        reply_create(responder=responder, comment=comment, outcome="adopted", body="好")
    assert not OfficialReply.objects.exists()


# What a reply must contain ----------------------------------------------------


def test_not_adopted_without_reason_is_refused_with_a_message_and_nothing_saved(
    client, responder, comment
):
    client.force_login(responder)
    response = client.post(
        answer_url(comment),
        {"outcome": Outcome.NOT_ADOPTED, "body": "经研究，暂不采纳。", "reason": " "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请说明不予采纳的理由" in page
    # The typed text is kept.
    assert "经研究，暂不采纳。" in page
    assert not OfficialReply.objects.exists()
    assert len(mail.outbox) == 0
    with pytest.raises(ServiceError, match="请说明不予采纳的理由"):
        reply_create(
            responder=responder,
            comment=comment,
            outcome=Outcome.NOT_ADOPTED,
            body="暂不采纳",
        )
    assert not OfficialReply.objects.exists()


def test_empty_or_oversized_reply_is_refused(client, responder, comment):
    client.force_login(responder)
    response = client.post(answer_url(comment), {"outcome": "adopted", "body": "  "})
    assert response.status_code == 400
    response = client.post(
        answer_url(comment), {"outcome": "adopted", "body": "长" * 4001}
    )
    assert response.status_code == 400
    response = client.post(answer_url(comment), {"outcome": "maybe", "body": "好"})
    assert response.status_code == 400
    assert not OfficialReply.objects.exists()
    with pytest.raises(ServiceError):
        reply_create(responder=responder, comment=comment, outcome="adopted", body=" ")


def test_answering_again_updates_the_one_reply(responder, comment):
    first = reply_create(
        responder=responder, comment=comment, outcome="adopted", body="一"
    )
    second = reply_create(
        responder=responder,
        comment=comment,
        outcome=Outcome.NOT_ADOPTED,
        body="二",
        reason="与上位法冲突",
    )
    assert first.pk == second.pk
    reply = OfficialReply.objects.get()
    assert (reply.outcome, reply.body, reply.reason) == (
        "not_adopted",
        "二",
        "与上位法冲突",
    )
    assert reply.updated_at >= reply.created_at


# The commenter's email --------------------------------------------------------


def test_commenter_is_emailed_in_chinese_with_outcome_reply_and_link(
    responder, comment, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            responder=responder,
            comment=comment,
            outcome=Outcome.PARTLY_ADOPTED,
            body=REPLY_TEXT,
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert "已获答复" in message.subject
    assert comment.consultation.title in message.subject
    assert "部分采纳" in message.body
    assert REPLY_TEXT in message.body
    assert comment.body in message.body
    assert "贵阳市生态环境局" in message.body
    assert f"{comment.consultation.url}#comment-{comment.pk}" in message.body
    assert message.body.count("http://") + message.body.count("https://") == 1
    # Plain text: nothing is HTML-escaped.
    assert "&quot;" not in message.body and "&ldquo;" not in message.body


def test_no_email_leaves_when_the_reply_is_refused(
    responder, consultation, resident, django_capture_on_commit_callbacks
):
    comment = make_comment(consultation, resident)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        reply_create(
            responder=responder, comment=comment, outcome="not_adopted", body="否"
        )
    assert mail.outbox == []


# Bulk answers from a saved reply ----------------------------------------------


@pytest.fixture
def template(issuing_unit):
    return ReplyTemplate.objects.create(
        unit=issuing_unit,
        title="已纳入修改",
        outcome=Outcome.ADOPTED,
        body="感谢您的意见，我们已在修改稿中采纳。",
    )


def test_bulk_from_template_answers_exactly_the_selected_comments(
    client,
    responder,
    consultation,
    resident,
    template,
    django_capture_on_commit_callbacks,
):
    comments = [
        make_comment(consultation, resident, body=f"第{n}条意见内容") for n in range(4)
    ]
    selected = comments[:3]
    client.force_login(responder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("consultations:respond_dashboard"),
            {"comments": [c.pk for c in selected], "template": template.pk},
            follow=True,
        )
    assert response.status_code == 200
    assert "已答复 3 条" in response.content.decode()
    answered = set(OfficialReply.objects.values_list("comment_id", flat=True))
    assert answered == {c.pk for c in selected}
    assert set(OfficialReply.objects.values_list("outcome", flat=True)) == {"adopted"}
    assert len(mail.outbox) == 3


def test_bulk_mixing_another_units_comment_saves_nothing(
    client,
    responder,
    consultation,
    resident,
    template,
    other_unit_consultation,
):
    mine = make_comment(consultation, resident)
    theirs = make_comment(other_unit_consultation, resident)
    client.force_login(responder)
    response = client.post(
        reverse("consultations:respond_dashboard"),
        {"comments": [mine.pk, theirs.pk], "template": template.pk},
    )
    assert response.status_code == 403
    assert not OfficialReply.objects.exists()
    with pytest.raises(PermissionDenied):
        reply_bulk(
            responder=responder, comments=[mine.pk, theirs.pk], template=template
        )
    assert not OfficialReply.objects.exists()


def test_bulk_by_responder_of_both_units_still_refuses_a_mix(
    responder, consultation, resident, template, other_unit_consultation
):
    UnitMembershipFactory(
        unit=other_unit_consultation.unit,
        user=responder,
        role=UnitMembership.Role.RESPONDER,
    )
    mine = make_comment(consultation, resident)
    theirs = make_comment(other_unit_consultation, resident)
    with pytest.raises(ServiceError, match="贵阳市生态环境局"):
        reply_bulk(
            responder=responder, comments=[mine.pk, theirs.pk], template=template
        )
    assert not OfficialReply.objects.exists()


def test_bulk_with_an_unpublished_comment_saves_nothing(
    client, responder, consultation, resident, template
):
    ok = make_comment(consultation, resident)
    hidden = make_comment(consultation, resident, status=Comment.Status.HIDDEN)
    client.force_login(responder)
    response = client.post(
        reverse("consultations:respond_dashboard") + "?status=all",
        {"comments": [ok.pk, hidden.pk], "template": template.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "未答复任何意见" in page
    # The selection is kept.
    assert f'value="{ok.pk}" id="select-comment-{ok.pk}" checked' in page
    assert not OfficialReply.objects.exists()


def test_bulk_without_selection_or_template_is_refused(client, responder, template):
    client.force_login(responder)
    url = reverse("consultations:respond_dashboard")
    assert client.post(url, {"template": template.pk}).status_code == 400
    with pytest.raises(ServiceError):
        reply_bulk(responder=responder, comments=[], template=template)


def test_bulk_with_another_units_template_is_refused(
    client, responder, comment, other_unit_consultation
):
    foreign = ReplyTemplate.objects.create(
        unit=other_unit_consultation.unit,
        title="外单位",
        outcome="explained",
        body="说明",
    )
    client.force_login(responder)
    response = client.post(
        reverse("consultations:respond_dashboard"),
        {"comments": [comment.pk], "template": foreign.pk},
    )
    assert response.status_code == 400  # not one of their templates: a form error
    with pytest.raises(PermissionDenied):
        reply_bulk(responder=responder, comments=[comment.pk], template=foreign)
    assert not OfficialReply.objects.exists()


# The public page -------------------------------------------------------------


def test_reply_shows_under_the_comment_on_the_consultation_page(
    client, responder, comment
):
    reply_create(
        responder=responder,
        comment=comment,
        outcome=Outcome.NOT_ADOPTED,
        body="经研究，暂不采纳。",
        reason="与上位法规定不一致。",
    )
    page = client.get(comment.consultation.url).content.decode()
    start = page.index(f'id="comment-{comment.pk}"')
    block = page[start : page.index("</li>", start)]
    assert "经研究，暂不采纳。" in block
    assert "与上位法规定不一致。" in block
    assert "未采纳" in block
