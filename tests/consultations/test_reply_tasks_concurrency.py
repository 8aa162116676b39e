"""The reminder and overdue jobs, and answers, hold when they run at the same time
(a task redelivered while the first run is still going; two responders answering
one comment). PostgreSQL only: SQLite serialises writers, so races cannot happen."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply
from consultations.services.replies import reply_create
from consultations.services.reply_reminders import (
    reply_overdue_notices_send,
    reply_reminders_send,
)
from home.models import OutboundEmail, UnitMembership
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.consultations.factories import make_consultation
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory

pytestmark = POSTGRES_ONLY

PARALLEL = 8


@pytest.fixture
def setting(consultation_index):
    unit = UnitFactory(name="贵阳市生态环境局")
    responder = UserFactory()
    UnitMembershipFactory(unit=unit, user=responder, role=UnitMembership.Role.RESPONDER)
    consultation = make_consultation(consultation_index, unit=unit)
    author = UserFactory()
    return consultation, responder, author


def add_comments(consultation, author, *, count, due_in):
    return [
        Comment.objects.create(
            consultation=consultation,
            author=author,
            body=f"第{number}条关于垃圾分类的意见",
            status=Comment.Status.PUBLISHED,
            due_at=timezone.now() + due_in,
        )
        for number in range(count)
    ]


def test_parallel_reminder_runs_send_one_digest(setting):
    consultation, _responder, author = setting
    add_comments(consultation, author, count=12, due_in=timedelta(days=1))

    results, errors = run_in_parallel(lambda _: reply_reminders_send(), range(PARALLEL))

    assert errors == []
    assert sum(results) == 1
    assert OutboundEmail.objects.count() == 1
    assert not Comment.objects.filter(reminder_sent_at__isnull=True).exists()


def test_parallel_overdue_runs_send_one_digest(setting):
    consultation, _responder, author = setting
    moderator = UserFactory(two_factor=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    add_comments(consultation, author, count=12, due_in=timedelta(days=-1))

    results, errors = run_in_parallel(
        lambda _: reply_overdue_notices_send(), range(PARALLEL)
    )

    assert errors == []
    assert sum(results) == 1
    assert OutboundEmail.objects.count() == 1


def test_parallel_answers_to_one_comment_leave_one_reply(setting):
    consultation, responder, author = setting
    [comment] = add_comments(consultation, author, count=1, due_in=timedelta(days=3))

    def answer(number):
        return reply_create(
            responder=responder,
            comment=Comment.objects.select_related("consultation__unit").get(
                pk=comment.pk
            ),
            outcome="explained",
            body=f"第{number}次答复",
        ).pk

    results, errors = run_in_parallel(answer, range(PARALLEL))

    assert errors == []
    assert len(set(results)) == 1
    assert OfficialReply.objects.filter(comment=comment).count() == 1
