"""The results notice reaches each follower once even when two runs overlap, and
two moderators deciding at once on one comment cannot both succeed (PostgreSQL:
SQLite serialises writers, so it cannot show a race)."""

from consultations.models import (
    Comment,
    ConsultationFollow,
    ConsultationPage,
    ModerationDecision,
)
from consultations.services.following import followers_notify_results
from consultations.services.moderation import comment_moderate
from home.exceptions import ServiceError
from home.models import OutboundEmail
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory

pytestmark = POSTGRES_ONLY

PARALLEL = 6


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

    sent, errors = run_in_parallel(
        lambda _: followers_notify_results(
            consultation=ConsultationPage.objects.get(pk=closed.pk)
        ),
        range(PARALLEL),
    )
    assert errors == []

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

    results, errors = run_in_parallel(
        lambda _: comment_moderate(
            moderator=moderator,
            comment=Comment.objects.get(pk=comment.pk),
            action="approve",
            reason="内容正常",
        ),
        range(PARALLEL),
    )
    assert all(isinstance(error, ServiceError) for error in errors)

    assert sum(isinstance(result, ModerationDecision) for result in results) == 1
    assert ModerationDecision.objects.count() == 1
