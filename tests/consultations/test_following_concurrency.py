"""The results notice reaches each follower once even when two runs overlap, and
two moderators deciding at once on one comment cannot both succeed (PostgreSQL:
SQLite serialises writers, so it cannot show a race)."""

import threading

from django.db import connection, connections

import pytest

from consultations.models import (
    Comment,
    ConsultationFollow,
    ConsultationPage,
    ModerationDecision,
)
from consultations.services.following import followers_notify_results
from consultations.services.moderation import comment_moderate
from home.models import OutboundEmail
from home.services import ServiceError
from tests.consultations.conftest import make_consultation
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so races cannot happen",
    ),
]

PARALLEL = 6


def run_in_parallel(target, count):
    barrier = threading.Barrier(count)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except ServiceError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_overlapping_notice_runs_email_each_follower_once(
    consultation_index, issuing_unit
):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    followers = [UserFactory() for _ in range(25)]
    for user in followers:
        ConsultationFollow.objects.create(consultation=closed, user=user)
    ConsultationPage.objects.filter(pk=closed.pk).update(
        results_published_at=closed.closes_at
    )

    sent = run_in_parallel(
        lambda: followers_notify_results(
            consultation=ConsultationPage.objects.get(pk=closed.pk)
        ),
        PARALLEL,
    )

    assert sum(sent) == len(followers)
    recipients = [email.to[0] for email in OutboundEmail.objects.all()]
    assert sorted(recipients) == sorted(user.email for user in followers)


def test_two_moderators_deciding_at_once_do_not_both_succeed(
    consultation_index, issuing_unit, moderator
):
    page = make_consultation(consultation_index, unit=issuing_unit)
    comment = Comment.objects.create(
        consultation=page,
        author=UserFactory(),
        body="等待审核的意见内容。",
        status=Comment.Status.PENDING,
        due_at=page.reply_deadline,
    )

    results = run_in_parallel(
        lambda: comment_moderate(
            moderator=moderator,
            comment=Comment.objects.get(pk=comment.pk),
            action="approve",
            reason="内容正常",
        ),
        PARALLEL,
    )

    assert sum(isinstance(result, ModerationDecision) for result in results) == 1
    assert ModerationDecision.objects.count() == 1
