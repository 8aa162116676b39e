"""Residents comment, support (附议) and report comments: who may, when, what is
refused and with which message, and that a refusal leaves nothing behind."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    CommentFlag,
    CommentingBan,
    CommentSupport,
    ModerationDecision,
)
from consultations.services.comments import (
    comment_create,
    comment_flag,
    comment_support,
)
from home.exceptions import ServiceError
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_TEXT = "建议在每个小区设置厨余垃圾专用收集点。"


def post_comment(client, consultation, body=GOOD_TEXT, *, follow=False, **fields):
    """Submit the comment form of the English page."""
    with_language = "/en" + reverse(
        "consultations:comment_create", args=[consultation.pk]
    ).removeprefix("/en")
    data = {"body": body, "clause": "", **fields}
    return client.post(with_language, data, follow=follow)


def page_html(client, consultation, **params) -> str:
    url = "/en" + consultation.url.removeprefix("/en")
    return client.get(url, params).content.decode()


def publish_comment(consultation, author, body=GOOD_TEXT, **extra) -> Comment:
    return comment_create(user=author, consultation=consultation, body=body, **extra)


# Creating -----------------------------------------------------------------------


def test_verified_resident_comments_and_sees_it(
    resident_client, consultation, resident
):
    response = post_comment(resident_client, consultation)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.author == resident
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.due_at == consultation.reply_deadline
    response = resident_client.get(response["Location"])
    html = response.content.decode()
    assert "Thank you. Your comment is published." in html
    assert GOOD_TEXT in html and "张三" in html


def test_comment_on_a_clause(resident_client, consultation):
    clause = consultation.clause_list[1]
    post_comment(resident_client, consultation, clause=clause["id"])
    assert Comment.objects.get().clause_id == clause["id"]
    html = page_html(resident_client, consultation)
    assert f'href="#{clause["id"]}">On 第二条' in html


def test_unknown_clause_is_refused(resident_client, consultation, resident):
    response = post_comment(resident_client, consultation, clause="not-a-clause")
    assert response.status_code == 200
    assert "That clause is not part of this consultation." in response.content.decode()
    assert not Comment.objects.exists()
    with pytest.raises(ServiceError, match="not part of this consultation"):
        publish_comment(consultation, resident, clause_id="not-a-clause")
    assert not Comment.objects.exists()


def test_unverified_resident_is_refused(client, consultation):
    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    html = page_html(client, consultation)
    assert "Verify your email address" in html and 'name="body"' not in html
    response = post_comment(client, consultation)
    assert response.status_code == 200
    assert "Verify your email address before commenting" in response.content.decode()
    assert not Comment.objects.exists()


def test_visitor_post_goes_to_sign_in(client, consultation):
    response = post_comment(client, consultation)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("phase", ["upcoming", "closed", "concluded"])
def test_comment_outside_the_open_phase_is_refused(
    resident_client, consultation_index, issuing_unit, resident, phase
):
    page = make_consultation(consultation_index, unit=issuing_unit, phase=phase)
    response = post_comment(resident_client, page)
    assert "This consultation is not open for comments." in response.content.decode()
    assert not Comment.objects.exists()


def test_banned_resident_is_refused(resident_client, consultation, resident, moderator):
    CommentingBan.objects.create(user=resident, moderator=moderator, reason="辱骂他人")
    assert "blocked you from commenting" in page_html(resident_client, consultation)
    response = post_comment(resident_client, consultation)
    assert "A moderator has blocked you from commenting." in response.content.decode()
    assert not Comment.objects.exists()


def test_expired_ban_no_longer_applies(
    resident_client, consultation, resident, moderator
):
    CommentingBan.objects.create(
        user=resident,
        moderator=moderator,
        reason="刷屏",
        until=timezone.now() - timedelta(hours=1),
    )
    post_comment(resident_client, consultation)
    assert Comment.objects.count() == 1


def test_pre_moderated_comment_waits_and_only_its_author_sees_it(
    client, consultation_index, issuing_unit, resident, other_resident
):
    page = make_consultation(consultation_index, unit=issuing_unit, moderation="pre")
    client.force_login(resident)
    response = post_comment(client, page, follow=True)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    html = response.content.decode()
    assert "will be shown once a moderator has approved it" in html
    assert GOOD_TEXT in html and "Awaiting moderation" in html
    client.force_login(other_resident)
    assert GOOD_TEXT not in page_html(client, page)
    client.logout()
    html = page_html(client, page)
    assert GOOD_TEXT not in html
    assert "Comments (0)" in html


def test_html_in_a_comment_is_shown_as_text(resident_client, client, consultation):
    body = (
        '<script>alert("x")</script> <b>加粗</b> 第二行\n<img src=x onerror=alert(1)>'
    )
    post_comment(resident_client, consultation, body=body)
    assert Comment.objects.get().body == body.strip()  # stored as typed
    html = page_html(client, consultation)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;加粗&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "第二行<br>&lt;img" in html  # line breaks kept


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write your comment before sending it."),
        ("   \n\t  ", "Write your comment before sending it."),
        ("好", "A comment needs at least 5 characters."),
        (
            "长" * (COMMENT_MAX_LENGTH + 1),
            f"A comment can have at most {COMMENT_MAX_LENGTH} characters; yours has "
            f"{COMMENT_MAX_LENGTH + 1}.",
        ),
    ],
    ids=["empty", "blank", "short", "long"],
)
def test_bad_length_is_refused_with_the_text_kept(
    resident_client, consultation, resident, body, message
):
    response = post_comment(resident_client, consultation, body=body)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    if body.strip():
        assert body in html  # nothing the resident typed is lost
    assert not Comment.objects.exists()
    with pytest.raises(ServiceError):
        publish_comment(consultation, resident, body=body)
    assert not Comment.objects.exists()


def test_line_breaks_count_as_one_character(resident_client, consultation):
    half = COMMENT_MAX_LENGTH // 2
    body = "甲" * half + "\r\n" + "乙" * (COMMENT_MAX_LENGTH - half - 1)
    post_comment(resident_client, consultation, body=body)
    assert len(Comment.objects.get().body) == COMMENT_MAX_LENGTH


def test_masked_name(resident_client, client, consultation):
    post_comment(resident_client, consultation, show_masked_name="on")
    html = page_html(client, consultation)
    assert "张*" in html
    assert "张三" not in html


def test_rate_limit_per_ten_minutes(resident_client, consultation, resident):
    for number in range(5):
        publish_comment(consultation, resident, body=f"{GOOD_TEXT}{number}")
    response = post_comment(resident_client, consultation, body="第六条意见，请考虑。")
    html = response.content.decode()
    assert "You can post at most 5 comments in 10 minutes." in html
    assert "第六条意见，请考虑。" in html
    assert Comment.objects.count() == 5


def test_rate_limit_per_day(consultation, resident):
    for number in range(30):
        publish_comment(consultation, resident, body=f"{GOOD_TEXT}{number}")
        # Move each comment out of the ten-minute window.
        Comment.objects.filter(
            created_at__gt=timezone.now() - timedelta(minutes=11)
        ).update(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ServiceError, match="30 comments a day"):
        publish_comment(consultation, resident)
    assert Comment.objects.count() == 30


# Supporting -----------------------------------------------------------------------


def support_url(comment) -> str:
    return "/en" + reverse(
        "consultations:comment_support", args=[comment.pk]
    ).removeprefix("/en")


def flag_url(comment) -> str:
    return "/en" + reverse(
        "consultations:comment_flag", args=[comment.pk]
    ).removeprefix("/en")


def test_support_once(client, consultation, resident, other_resident):
    comment = publish_comment(consultation, resident)
    client.force_login(other_resident)
    assert f"comments/{comment.pk}/support/" in page_html(client, consultation)
    back = "/en" + consultation.url.removeprefix("/en") + "?after=1_1"
    response = client.post(support_url(comment), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == f"{back}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.support_count == 1
    html = page_html(client, consultation)
    assert "Supports: 1" in html and "You support this" in html

    response = client.post(support_url(comment), follow=True)
    assert "You have already supported this comment." in response.content.decode()
    comment.refresh_from_db()
    assert comment.support_count == 1
    assert CommentSupport.objects.count() == 1


def test_cannot_support_own_comment(resident_client, consultation, resident):
    comment = publish_comment(consultation, resident)
    assert f"comments/{comment.pk}/support/" not in page_html(
        resident_client, consultation
    )
    response = resident_client.post(support_url(comment), follow=True)
    assert "You cannot support your own comment." in response.content.decode()
    comment.refresh_from_db()
    assert comment.support_count == 0
    assert not CommentSupport.objects.exists()


def test_cannot_support_a_pending_comment(
    consultation_index, issuing_unit, resident, other_resident
):
    page = make_consultation(consultation_index, unit=issuing_unit, moderation="pre")
    comment = publish_comment(page, resident)
    with pytest.raises(ServiceError, match="cannot be supported"):
        comment_support(user=other_resident, comment=comment)
    assert not CommentSupport.objects.exists()


def test_unverified_resident_cannot_support(consultation, resident):
    comment = publish_comment(consultation, resident)
    with pytest.raises(ServiceError, match="Verify your email"):
        comment_support(user=UserFactory(verified=False), comment=comment)
    assert not CommentSupport.objects.exists()


def test_visitor_support_goes_to_sign_in(client, consultation, resident):
    comment = publish_comment(consultation, resident)
    response = client.post(support_url(comment))
    assert "/accounts/login/" in response["Location"]
    assert not CommentSupport.objects.exists()


def test_support_ignores_a_foreign_next_address(
    client, consultation, resident, other_resident
):
    comment = publish_comment(consultation, resident)
    client.force_login(other_resident)
    response = client.post(support_url(comment), {"next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]
    assert response["Location"].endswith(f"{consultation.slug}/#comment-{comment.pk}")


# Reporting ------------------------------------------------------------------------


def test_report_once_with_a_reason(client, consultation, resident, other_resident):
    comment = publish_comment(consultation, resident)
    client.force_login(other_resident)
    response = client.post(
        flag_url(comment), {"reason": "spam", "note": "广告"}, follow=True
    )
    assert "A moderator will look at this comment." in response.content.decode()
    flag = CommentFlag.objects.get()
    assert (flag.user, flag.reason, flag.note) == (other_resident, "spam", "广告")
    assert "You reported this" in page_html(client, consultation)
    response = client.post(flag_url(comment), {"reason": "abuse"}, follow=True)
    assert "You have already reported this comment." in response.content.decode()
    comment.refresh_from_db()
    assert comment.flag_count == 1


def test_report_needs_a_reason(client, consultation, resident, other_resident):
    comment = publish_comment(consultation, resident)
    client.force_login(other_resident)
    response = client.post(flag_url(comment), {"reason": ""}, follow=True)
    assert "Choose why you are reporting this comment." in response.content.decode()
    assert not CommentFlag.objects.exists()


def test_comment_reaching_the_flag_threshold_goes_to_moderators_and_stays(
    client, consultation_index, issuing_unit, resident
):
    # Issue 11: feedback about a unit is never hidden by flags alone.
    page = make_consultation(consultation_index, unit=issuing_unit, flag_threshold=2)
    comment = publish_comment(page, resident)
    first, second, third = (UserFactory() for _ in range(3))
    comment_flag(user=first, comment=comment, reason="abuse")
    comment.refresh_from_db()
    assert comment.review_requested_at is None
    comment_flag(user=second, comment=comment, reason="privacy")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.review_requested_at is not None
    decision = ModerationDecision.objects.get()
    assert decision.action == ModerationDecision.Action.ESCALATE
    assert decision.moderator is None and decision.reason
    comment_flag(user=third, comment=comment, reason="spam")
    assert ModerationDecision.objects.count() == 1
    assert GOOD_TEXT in page_html(client, page)


def test_cannot_report_own_comment(consultation, resident):
    comment = publish_comment(consultation, resident)
    with pytest.raises(ServiceError, match="your own comment"):
        comment_flag(user=resident, comment=comment, reason="spam")
    assert not CommentFlag.objects.exists()


def test_forms_post_only(resident_client, consultation, resident):
    comment = publish_comment(consultation, resident)
    assert resident_client.get(support_url(comment)).status_code == 405
    assert resident_client.get(flag_url(comment)).status_code == 405


@pytest.fixture(autouse=True)
def _messages_in_english():
    """These tests read the services' messages in English (the msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
