"""The consultation index and page as a visitor and a resident see them."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, OfficialReply, Outcome, Topic
from tests.consultations.conftest import make_consultation
from tests.factories import UnitFactory, UserFactory, district

pytestmark = pytest.mark.django_db


def add_comments(consultation, *, count, author, clause_id="", replies=0, **extra):
    """``count`` published comments (bulk), the first ``replies`` of them answered."""
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultation,
                author=author,
                clause_id=clause_id,
                body=f"第{number}条意见：建议增加分类垃圾桶。",
                status=extra.get("status", Comment.Status.PUBLISHED),
                due_at=now + timedelta(days=30),
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    if replies:
        ids = Comment.objects.filter(consultation=consultation).values_list(
            "pk", flat=True
        )[:replies]
        OfficialReply.objects.bulk_create(
            [
                OfficialReply(
                    comment_id=pk,
                    outcome=Outcome.ADOPTED,
                    body="感谢您的建议，已采纳。",
                )
                for pk in ids
            ]
        )
    return comments


def test_smoke(client, consultation, resident):
    add_comments(consultation, count=3, author=resident, replies=1)
    response = client.get(consultation.url)
    assert response.status_code == 200
    print(response.content.decode())
