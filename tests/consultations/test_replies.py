"""Official replies: who may answer, what a reply must contain, the commenter's
email, bulk answers from a saved reply, and the reply on the public page."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from consultations.models import OfficialReply, Outcome
from consultations.services.replies import reply_create
from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.consultations.factories import answer_url, make_comment
from tests.factories import UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REPLY_TEXT = "感谢您的建议，我们将在各小区增设分类垃圾桶。"


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


@pytest.mark.parametrize(
    ("status", "violation"), [("pending", ""), ("rejected", "spam")]
)
def test_comments_pending_or_removed_for_a_violation_are_not_answered(
    responder, consultation, resident, status, violation
):
    comment = make_comment(consultation, resident, status=status, violation=violation)
    with pytest.raises(ServiceError):
        reply_create(responder=responder, comment=comment, outcome="adopted", body="好")
    assert not OfficialReply.objects.exists()


def test_a_hidden_comment_can_still_be_answered(responder, consultation, resident):
    """Issue 11: hiding a comment does not release the unit from answering it."""
    comment = make_comment(consultation, resident, status="hidden")
    reply = reply_create(
        responder=responder, comment=comment, outcome="explained", body="已说明"
    )
    assert reply.pk


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
