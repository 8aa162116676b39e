"""Scheduled jobs: reminders to responders before the due date, notices to
moderators after it. Each runs twice here and must send once."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone

import pytest

from consultations import tasks
from consultations.models import Comment, OfficialReply
from home.models import UnitMembership
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_comment(consultation, author, *, due_in, body="建议增加分类垃圾桶。", **extra):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body=body,
        status=extra.pop("status", Comment.Status.PUBLISHED),
        due_at=timezone.now() + due_in,
        **extra,
    )


def run(task, capture):
    with capture(execute=True):
        return task.delay().get()


@pytest.fixture
def second_responder(issuing_unit):
    user = UserFactory(display_name="钱答复")
    UnitMembershipFactory(
        unit=issuing_unit, user=user, role=UnitMembership.Role.RESPONDER
    )
    return user


def test_reminders_send_one_digest_per_unit_once_when_run_twice(
    responder,
    second_responder,
    consultation,
    consultation_index,
    resident,
    django_capture_on_commit_callbacks,
):
    due_soon = add_comment(
        consultation, resident, due_in=timedelta(days=2), body="两天后到期的意见"
    )
    also_due = add_comment(
        consultation, resident, due_in=timedelta(hours=5), body="五小时后到期的意见"
    )
    add_comment(
        consultation, resident, due_in=timedelta(days=10), body="十天后到期的意见"
    )
    add_comment(consultation, resident, due_in=timedelta(days=-1), body="已逾期的意见")
    add_comment(
        consultation,
        resident,
        due_in=timedelta(days=1),
        status="rejected",
        violation="spam",
        body="隐藏的意见",
    )
    answered = add_comment(
        consultation, resident, due_in=timedelta(days=1), body="已答复的意见"
    )
    OfficialReply.objects.create(comment=answered, outcome="adopted", body="好")
    # A second unit with its own responder and a comment due soon.
    other_unit = UnitFactory(name="贵阳市交通委员会")
    other_responder = UserFactory()
    UnitMembershipFactory(
        unit=other_unit, user=other_responder, role=UnitMembership.Role.RESPONDER
    )
    other = make_consultation(
        consultation_index, unit=other_unit, title="公交线网优化方案"
    )
    add_comment(other, resident, due_in=timedelta(days=1), body="公交线路的意见")
    # An editor of the unit is not reminded.
    UnitMembershipFactory(
        unit=consultation.unit, user=UserFactory(), role=UnitMembership.Role.EDITOR
    )

    assert run(tasks.reply_reminders, django_capture_on_commit_callbacks) == 2
    assert run(tasks.reply_reminders, django_capture_on_commit_callbacks) == 0

    assert len(mail.outbox) == 2
    by_recipients = {tuple(sorted(m.to)): m for m in mail.outbox}
    digest = by_recipients[tuple(sorted([responder.email, second_responder.email]))]
    assert "贵阳市生态环境局" in digest.subject
    assert "2" in digest.subject
    assert "两天后到期的意见" in digest.body and "五小时后到期的意见" in digest.body
    for absent in (
        "十天后到期的意见",
        "已逾期的意见",
        "隐藏的意见",
        "已答复的意见",
        "公交线路的意见",
    ):
        assert absent not in digest.body
    assert (
        f"{settings.CANYU_BASE_URL}/consultations/respond/comments/{due_soon.pk}/"
        in digest.body
    )
    assert "公交线路的意见" in by_recipients[(other_responder.email,)].body

    reminded = set(
        Comment.objects.filter(reminder_sent_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert due_soon.pk in reminded and also_due.pk in reminded
    assert len(reminded) == 3


def test_reminders_wait_for_a_unit_without_responders(
    consultation, resident, django_capture_on_commit_callbacks
):
    comment = add_comment(consultation, resident, due_in=timedelta(days=1))
    assert run(tasks.reply_reminders, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    comment.refresh_from_db()
    assert comment.reminder_sent_at is None


def test_overdue_notices_send_one_digest_to_moderators_once_when_run_twice(
    moderator,
    responder,
    consultation,
    consultation_index,
    resident,
    django_capture_on_commit_callbacks,
):
    second_moderator = UserFactory(two_factor=True)
    second_moderator.groups.add(*moderator.groups.all())
    late = add_comment(
        consultation, resident, due_in=timedelta(days=-3), body="三天前到期的意见"
    )
    other = make_consultation(
        consultation_index, unit=UnitFactory(name="贵阳市水务管理局"), title="供水规定"
    )
    add_comment(other, resident, due_in=timedelta(hours=-1), body="一小时前到期的意见")
    add_comment(consultation, resident, due_in=timedelta(days=1), body="尚未到期的意见")
    done = add_comment(
        consultation, resident, due_in=timedelta(days=-2), body="逾期但已答复"
    )
    OfficialReply.objects.create(comment=done, outcome="explained", body="说明")

    assert run(tasks.reply_overdue_notices, django_capture_on_commit_callbacks) == 1
    assert run(tasks.reply_overdue_notices, django_capture_on_commit_callbacks) == 0

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert sorted(digest.to) == sorted([moderator.email, second_moderator.email])
    assert responder.email not in digest.to
    assert "2" in digest.subject
    assert "三天前到期的意见" in digest.body and "一小时前到期的意见" in digest.body
    assert "贵阳市生态环境局" in digest.body and "贵阳市水务管理局" in digest.body
    assert "尚未到期的意见" not in digest.body and "逾期但已答复" not in digest.body
    assert f"#comment-{late.pk}" in digest.body

    # A comment that becomes overdue later is reported in the next digest alone.
    newly_late = add_comment(
        consultation, resident, due_in=timedelta(minutes=-1), body="新逾期的意见"
    )
    assert run(tasks.reply_overdue_notices, django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    assert "新逾期的意见" in mail.outbox[1].body
    assert "三天前到期的意见" not in mail.outbox[1].body
    newly_late.refresh_from_db()
    assert newly_late.overdue_notice_sent_at is not None


def test_beat_runs_both_jobs():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "consultations.tasks.reply_reminders" in scheduled
    assert "consultations.tasks.reply_overdue_notices" in scheduled
