"""Support and reports hold under parallel requests (PostgreSQL: SQLite serialises
writers, so it cannot show a race)."""

import pytest

from consultations.models import Comment, CommentSupport, ModerationDecision
from consultations.services.comments import comment_create
from tests.concurrency import POSTGRES_ONLY, run_in_parallel
from tests.consultations.factories import make_consultation
from tests.factories import UserFactory

pytestmark = POSTGRES_ONLY

PARALLEL = 20


@pytest.fixture
def comment(consultation_index, issuing_unit):
    page = make_consultation(consultation_index, unit=issuing_unit, flag_threshold=3)
    author = UserFactory(display_name="作者")
    return comment_create(user=author, consultation=page, body="建议增设公共自行车点。")


def post_as(user, url, data=None):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.post(url, data or {}).status_code


def support_url(comment):
    return f"/en/consultations/comments/{comment.pk}/support/"


def test_parallel_supports_by_one_resident_count_once(comment):
    supporter = UserFactory()
    codes, errors = run_in_parallel(
        lambda _: post_as(supporter, support_url(comment)), range(PARALLEL)
    )
    assert errors == []
    assert codes == [302] * PARALLEL
    comment.refresh_from_db()
    assert CommentSupport.objects.filter(comment=comment).count() == 1
    assert comment.support_count == 1


def test_parallel_supports_by_many_residents_all_count(comment):
    supporters = [UserFactory() for _ in range(PARALLEL)]
    _codes, errors = run_in_parallel(
        lambda user: post_as(user, support_url(comment)), supporters
    )
    assert errors == []
    comment.refresh_from_db()
    assert CommentSupport.objects.filter(comment=comment).count() == PARALLEL
    assert comment.support_count == PARALLEL


def test_parallel_own_supports_are_all_refused(comment):
    _codes, errors = run_in_parallel(
        lambda _: post_as(comment.author, support_url(comment)), range(10)
    )
    assert errors == []
    comment.refresh_from_db()
    assert not CommentSupport.objects.exists()
    assert comment.support_count == 0


def test_parallel_reports_send_to_moderators_once_and_log_once(comment):
    reporters = [UserFactory() for _ in range(PARALLEL)]
    url = f"/en/consultations/comments/{comment.pk}/flag/"
    _codes, errors = run_in_parallel(
        lambda user: post_as(user, url, {"reason": "abuse"}), reporters
    )
    assert errors == []
    comment.refresh_from_db()
    # Issue 11: reports alone never hide a unit's feedback.
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.review_requested_at is not None
    assert comment.flag_count == comment.flags.count() >= 3
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
