"""Every change to a consultation that a visitor could see is on the next
anonymous request: a comment, a support, a moderator's decision, an official
reply, results published."""

from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.models import Comment, Outcome
from consultations.services.comments import comment_create, comment_support
from consultations.services.moderation import comment_moderate
from consultations.services.replies import reply_create
from consultations.services.results import results_publish
from tests.factories import UserFactory
from tests.home.page_cache.helpers import cached_page, next_page

pytestmark = pytest.mark.django_db


def test_a_new_comment_shows_on_the_next_request(client, consultation):
    cached_page(client, consultation.url)
    new = comment_create(
        user=UserFactory(), consultation=consultation, body="建议延长投放时间。"
    )
    html = next_page(client, consultation.url)
    if new.status == Comment.Status.PUBLISHED:
        assert "建议延长投放时间。" in html
    cached_page(client, consultation.url)
    new.status = Comment.Status.PUBLISHED
    new.save()
    assert "建议延长投放时间。" in next_page(client, consultation.url)


def test_a_support_shows_on_the_next_request(client, consultation, comment):
    before = cached_page(client, consultation.url)
    comment_support(user=UserFactory(), comment=comment)
    after = next_page(client, consultation.url)
    assert after != before
    comment.refresh_from_db()
    assert comment.support_count == 1


def test_a_moderators_decision_shows_on_the_next_request(
    client, consultation, comment, moderator
):
    assert "建议增设分类垃圾桶。" in cached_page(client, consultation.url)
    comment_moderate(
        moderator=moderator, comment=comment, action="hide", reason="涉及个人信息"
    )
    assert "建议增设分类垃圾桶。" not in next_page(client, consultation.url)


def test_an_official_reply_shows_on_the_next_request(
    client, consultation, comment, responder
):
    assert "已按建议增设。" not in cached_page(client, consultation.url)
    reply_create(
        responder=responder,
        comment=comment,
        outcome=Outcome.ADOPTED,
        body="已按建议增设。",
    )
    assert "已按建议增设。" in next_page(client, consultation.url)


def test_results_published_show_on_the_next_request(
    client, consultation, comment, time_machine
):
    time_machine.move_to(consultation.closes_at + timedelta(days=1), tick=False)
    before = cached_page(client, consultation.url)
    staff = UserFactory(is_staff=True, is_superuser=True)
    assert results_publish(actor=staff, consultation=consultation)
    after = next_page(client, consultation.url)
    assert after != before
    consultation.refresh_from_db()
    assert consultation.results_published_at == timezone.now()
