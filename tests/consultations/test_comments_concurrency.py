"""Support and reports hold under parallel requests (PostgreSQL: SQLite serialises
writers, so it cannot show a race)."""

import threading

from django.db import connection, connections

import pytest

from consultations.models import Comment, CommentSupport, ModerationDecision
from consultations.services.comments import comment_create
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

PARALLEL = 20


def run_in_parallel(target, arguments):
    """Call ``target`` once per item of ``arguments``, all threads released at
    the same moment; returns the status codes."""
    barrier = threading.Barrier(len(arguments))
    results = []

    def worker(argument):
        try:
            barrier.wait()
            results.append(target(argument))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(arg,)) for arg in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


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
    codes = run_in_parallel(
        lambda _: post_as(supporter, support_url(comment)), range(PARALLEL)
    )
    assert codes == [302] * PARALLEL
    comment.refresh_from_db()
    assert CommentSupport.objects.filter(comment=comment).count() == 1
    assert comment.support_count == 1


def test_parallel_supports_by_many_residents_all_count(comment):
    supporters = [UserFactory() for _ in range(PARALLEL)]
    run_in_parallel(lambda user: post_as(user, support_url(comment)), supporters)
    comment.refresh_from_db()
    assert CommentSupport.objects.filter(comment=comment).count() == PARALLEL
    assert comment.support_count == PARALLEL


def test_parallel_own_supports_are_all_refused(comment):
    run_in_parallel(lambda _: post_as(comment.author, support_url(comment)), range(10))
    comment.refresh_from_db()
    assert not CommentSupport.objects.exists()
    assert comment.support_count == 0


def test_parallel_reports_hide_once_and_log_once(comment):
    reporters = [UserFactory() for _ in range(PARALLEL)]
    url = f"/en/consultations/comments/{comment.pk}/flag/"
    run_in_parallel(lambda user: post_as(user, url, {"reason": "abuse"}), reporters)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.flag_count == comment.flags.count() >= 3
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
