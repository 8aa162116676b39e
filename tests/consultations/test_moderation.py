"""Moderation services: who may moderate, which transitions apply, the log, the
author's email, bans."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

import pytest

from consultations.models import Comment, CommentingBan, ModerationDecision
from consultations.services.moderation import (
    comment_moderate,
    comments_bulk_approve,
    user_ban,
    user_unban,
)
from home.exceptions import ServiceError
from tests.factories import UserFactory

Status = Comment.Status


def make_comment(consultation, author, status=Status.PUBLISHED, **extra):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body=extra.pop("body", "建议增加社区回收点的数量。"),
        status=status,
        due_at=consultation.reply_deadline,
        **extra,
    )


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (Status.PENDING, "approve", Status.PUBLISHED),
        (Status.PENDING, "reject", Status.REJECTED),
        (Status.HIDDEN, "reject", Status.REJECTED),
        (Status.PUBLISHED, "reject", Status.REJECTED),
        (Status.PUBLISHED, "hide", Status.HIDDEN),
        (Status.HIDDEN, "restore", Status.PUBLISHED),
    ],
)
def test_each_allowed_transition_changes_status_and_is_logged(
    consultation, resident, moderator, start, action, end
):
    comment = make_comment(consultation, resident, status=start)

    decision = comment_moderate(
        moderator=moderator,
        comment=comment,
        action=action,
        reason="核实后处理",
        violation="spam" if action == "reject" else "",  # removal names the rule
    )

    comment.refresh_from_db()
    assert comment.status == end
    logged = ModerationDecision.objects.get(comment=comment)
    assert logged == decision
    assert (logged.moderator, logged.action, logged.reason) == (
        moderator,
        action,
        "核实后处理",
    )
    assert logged.created_at is not None


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (Status.PUBLISHED, "approve"),
        (Status.REJECTED, "approve"),
        (Status.REJECTED, "reject"),
        (Status.PENDING, "hide"),
        (Status.HIDDEN, "hide"),
        (Status.PUBLISHED, "restore"),
        (Status.REJECTED, "restore"),
    ],
)
def test_a_transition_that_does_not_apply_is_refused_and_changes_nothing(
    consultation, resident, moderator, start, action
):
    comment = make_comment(consultation, resident, status=start)

    with pytest.raises(ServiceError):
        comment_moderate(
            moderator=moderator, comment=comment, action=action, reason="理由"
        )

    comment.refresh_from_db()
    assert comment.status == start
    assert not ModerationDecision.objects.exists()


def test_the_refusal_names_the_current_status(consultation, resident, moderator):
    comment = make_comment(consultation, resident, status=Status.PUBLISHED)
    with translation.override("en"), pytest.raises(ServiceError) as refusal:
        comment_moderate(
            moderator=moderator, comment=comment, action="approve", reason="理由"
        )
    assert str(refusal.value) == (
        "Only a comment awaiting moderation can be approved; this one is “Published”."
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(consultation, resident, moderator, reason):
    comment = make_comment(consultation, resident, status=Status.PENDING)
    with pytest.raises(ServiceError):
        comment_moderate(
            moderator=moderator, comment=comment, action="approve", reason=reason
        )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_a_resident_or_a_responder_cannot_moderate(
    consultation, resident, other_resident, responder
):
    comment = make_comment(consultation, resident, status=Status.PENDING)
    for user in (other_resident, responder, resident):
        with pytest.raises(PermissionDenied):
            comment_moderate(
                moderator=user, comment=comment, action="approve", reason="理由"
            )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not ModerationDecision.objects.exists()


def test_a_superuser_can_moderate_without_the_group(consultation, resident):
    admin = UserFactory(is_staff=True, is_superuser=True)
    comment = make_comment(consultation, resident, status=Status.PUBLISHED)
    comment_moderate(moderator=admin, comment=comment, action="hide", reason="广告")
    comment.refresh_from_db()
    assert comment.status == Status.HIDDEN


def test_the_author_is_emailed_the_decision_and_the_reason_after_commit(
    consultation, resident, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(consultation, resident, status=Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(
            moderator=moderator,
            comment=comment,
            action="reject",
            violation="privacy",
            reason="含有他人电话号码",
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert consultation.title in message.subject
    assert "含有他人电话号码" in message.body
    assert "建议增加社区回收点" in message.body


def test_a_refused_decision_sends_no_email(
    consultation, resident, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(consultation, resident, status=Status.PUBLISHED)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ServiceError),
    ):
        comment_moderate(
            moderator=moderator, comment=comment, action="restore", reason="理由"
        )
    assert mail.outbox == []


def test_a_comment_of_a_deleted_account_is_moderated_without_email(
    consultation, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(consultation, None, status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(
            moderator=moderator, comment=comment, action="approve", reason="正常"
        )
    assert mail.outbox == []
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED


def test_restoring_a_hidden_comment_clears_its_reviewed_flags(
    consultation, resident, moderator
):
    comment = make_comment(consultation, resident, status=Status.HIDDEN, flag_count=3)
    comment_moderate(
        moderator=moderator, comment=comment, action="restore", reason="举报不成立"
    )
    comment.refresh_from_db()
    assert (comment.status, comment.flag_count) == (Status.PUBLISHED, 0)


def test_bulk_approve_approves_every_selected_comment_with_one_reason(
    consultation, resident, moderator, django_capture_on_commit_callbacks
):
    comments = [
        make_comment(consultation, resident, status=Status.PENDING) for _ in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        decisions = comments_bulk_approve(
            moderator=moderator, comments=comments, reason="内容正常"
        )
    assert len(decisions) == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert set(ModerationDecision.objects.values_list("reason", flat=True)) == {
        "内容正常"
    }
    assert len(mail.outbox) == 3


def test_bulk_approve_is_all_or_nothing(consultation, resident, moderator):
    pending = make_comment(consultation, resident, status=Status.PENDING)
    published = make_comment(consultation, resident, status=Status.PUBLISHED)
    with pytest.raises(ServiceError):
        comments_bulk_approve(
            moderator=moderator, comments=[pending, published], reason="内容正常"
        )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert not ModerationDecision.objects.exists()


def test_a_moderator_bans_and_unbans_a_user(resident, moderator):
    until = timezone.now() + timedelta(days=7)
    ban = user_ban(
        moderator=moderator, user=resident, reason="多次发布广告", until=until
    )
    assert CommentingBan.objects.get(user=resident) == ban
    assert (ban.moderator, ban.reason, ban.until) == (moderator, "多次发布广告", until)

    # Banning again replaces the terms instead of failing.
    user_ban(moderator=moderator, user=resident, reason="永久禁言")
    ban = CommentingBan.objects.get(user=resident)
    assert (ban.reason, ban.until) == ("永久禁言", None)

    assert user_unban(moderator=moderator, user=resident) is True
    assert not CommentingBan.objects.exists()
    assert user_unban(moderator=moderator, user=resident) is False


def test_a_ban_needs_a_moderator_a_reason_and_a_future_end(
    resident, other_resident, moderator
):
    with pytest.raises(PermissionDenied):
        user_ban(moderator=other_resident, user=resident, reason="理由")
    with pytest.raises(ServiceError):
        user_ban(moderator=moderator, user=resident, reason=" ")
    with pytest.raises(ServiceError):
        user_ban(
            moderator=moderator,
            user=resident,
            reason="理由",
            until=timezone.now() - timedelta(hours=1),
        )
    with pytest.raises(ServiceError):
        user_ban(moderator=moderator, user=moderator, reason="理由")
    assert not CommentingBan.objects.exists()


def test_a_reported_comment_can_be_kept_published_and_its_reports_cleared(
    consultation, resident, moderator
):
    comment = make_comment(consultation, resident, flag_count=2)
    comment_moderate(
        moderator=moderator, comment=comment, action="restore", reason="未发现问题"
    )
    comment.refresh_from_db()
    assert (comment.status, comment.flag_count) == (Status.PUBLISHED, 0)
    assert ModerationDecision.objects.get().action == "restore"
