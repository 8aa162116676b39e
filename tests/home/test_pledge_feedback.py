"""Residents' feedback on a pledge's commitments, through the consultations'
comment machinery: posting, "not kept" reports, rate limits, flags and the
moderation screens, and answers by the pledging unit's responders only."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.models import Comment, CommentingBan, Outcome
from consultations.services.pledge_feedback import pledge_feedback_create
from consultations.services.reply_reminders import (
    reply_overdue_notices_send,
    reply_reminders_send,
)
from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.factories import UnitFactory, UnitMembershipFactory, UserFactory
from tests.home.factories import make_pledge

pytestmark = pytest.mark.django_db
TEXT = "这项承诺没有落实，活动中心周末不开放。"


@pytest.fixture(autouse=True)
def _messages_in_english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def pledge(unit):
    return make_pledge(unit, year=timezone.localdate().year)


@pytest.fixture
def item(pledge):
    return pledge.items.order_by("sort_order")[2]


@pytest.fixture
def pledge_responder(unit):
    user = UserFactory(display_name="王答复")
    UnitMembershipFactory(unit=unit, user=user, role=UnitMembership.Role.RESPONDER)
    return user


def post_feedback(client, pledge, item, body=TEXT, kind="not_kept"):
    return client.post(
        reverse("consultations:pledge_feedback_create", args=[pledge.pk]),
        {"item": item.pk, "kind": kind, "body": body},
    )


def test_resident_reports_an_item_not_kept_and_it_shows_under_the_item(
    client, resident, pledge, item
):
    client.force_login(resident)
    response = post_feedback(client, pledge, item)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.pledge_id, comment.consultation_id) == (pledge.pk, None)
    assert comment.clause_id == str(item.pk)
    assert comment.kind == Comment.Kind.NOT_KEPT
    assert comment.status == Comment.Status.PUBLISHED
    html = client.get(pledge.url).content.decode()
    section = html.split(f'id="item-{item.pk}"')[1]
    assert TEXT in section
    assert f'id="comment-{comment.pk}"' in section


def test_visitor_is_sent_to_sign_in(client, pledge, item):
    response = post_feedback(client, pledge, item)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Comment.objects.exists()


def test_unknown_item_and_unverified_or_banned_residents_are_refused(resident, pledge):
    other_item = make_pledge(UnitFactory(), year=pledge.year).items.first()
    with pytest.raises(ServiceError, match="Choose a commitment"):
        pledge_feedback_create(
            user=resident, pledge=pledge, item_id=other_item.pk, body=TEXT
        )
    unverified = UserFactory(verified=False)
    with pytest.raises(ServiceError, match="Verify your email"):
        pledge_feedback_create(
            user=unverified, pledge=pledge, item_id=pledge.items.first().pk, body=TEXT
        )
    CommentingBan.objects.create(user=resident, reason="spam")
    with pytest.raises(ServiceError, match="blocked you"):
        pledge_feedback_create(
            user=resident, pledge=pledge, item_id=pledge.items.first().pk, body=TEXT
        )
    assert not Comment.objects.exists()


def test_the_comment_rate_limit_is_shared(resident, pledge, item):
    for number in range(5):
        pledge_feedback_create(
            user=resident, pledge=pledge, item_id=item.pk, body=f"{TEXT}{number}"
        )
    with pytest.raises(ServiceError, match="at most 5 comments in 10 minutes"):
        pledge_feedback_create(user=resident, pledge=pledge, item_id=item.pk, body=TEXT)
    assert Comment.objects.count() == 5


def test_flags_send_the_feedback_to_moderators_and_it_stays_visible(
    client, resident, pledge, item
):
    comment = pledge_feedback_create(
        user=resident, pledge=pledge, item_id=item.pk, body=TEXT
    )
    for _ in range(pledge.flag_threshold):
        flagger = UserFactory()
        client.force_login(flagger)
        client.post(
            reverse("consultations:comment_flag", args=[comment.pk]),
            {"reason": "spam"},
        )
    comment.refresh_from_db()
    # Issue 11: a report about a unit stays visible and waits for a moderator.
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.review_requested_at is not None
    moderator = UserFactory(display_name="审核员", two_factor=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    queue = client.get("/admin/moderation/")
    assert queue.status_code == 200
    assert pledge.title in queue.content.decode()
    detail = client.get(f"/admin/moderation/comments/{comment.pk}/")
    assert detail.status_code == 200
    response = client.post(
        f"/admin/moderation/comments/{comment.pk}/",
        {"action": "restore", "reason": "内容正常"},
    )
    assert response.status_code == 302
    assert client.get("/admin/moderation-log/").status_code == 200


def test_support_works_on_pledge_feedback(client, resident, pledge, item):
    comment = pledge_feedback_create(
        user=resident, pledge=pledge, item_id=item.pk, body=TEXT, kind="comment"
    )
    client.force_login(UserFactory())
    client.post(reverse("consultations:comment_support", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.support_count == 1


def test_the_units_responder_answers_and_the_reply_shows(
    client,
    resident,
    pledge,
    item,
    pledge_responder,
    django_capture_on_commit_callbacks,
):
    comment = pledge_feedback_create(
        user=resident, pledge=pledge, item_id=item.pk, body=TEXT
    )
    client.force_login(pledge_responder)
    dashboard = client.get(reverse("consultations:respond_dashboard"))
    assert pledge.title in dashboard.content.decode()
    answer_url = reverse("consultations:respond_comment", args=[comment.pk])
    assert client.get(answer_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url,
            {"outcome": Outcome.EXPLAINED, "body": "活动中心自下周起周末开放。"},
        )
    assert response.status_code == 302
    assert comment.reply.body == "活动中心自下周起周末开放。"
    assert [message.to for message in mail.outbox] == [[resident.email]]
    html = client.get(pledge.url).content.decode()
    assert "活动中心自下周起周末开放。" in html


def test_another_units_responder_is_refused(client, resident, pledge, item):
    comment = pledge_feedback_create(
        user=resident, pledge=pledge, item_id=item.pk, body=TEXT
    )
    stranger = UserFactory()
    UnitMembershipFactory(
        unit=UnitFactory(), user=stranger, role=UnitMembership.Role.RESPONDER
    )
    client.force_login(stranger)
    answer_url = reverse("consultations:respond_comment", args=[comment.pk])
    assert client.get(answer_url).status_code == 403
    response = client.post(answer_url, {"outcome": "adopted", "body": "好"})
    assert response.status_code == 403
    assert not hasattr(Comment.objects.get(pk=comment.pk), "reply") or not (
        Comment.objects.filter(pk=comment.pk, reply__isnull=False).exists()
    )


def test_reply_reminders_and_overdue_notices_include_pledge_feedback(
    resident, pledge, item, pledge_responder, django_capture_on_commit_callbacks
):
    comment = pledge_feedback_create(
        user=resident, pledge=pledge, item_id=item.pk, body=TEXT
    )
    Comment.objects.filter(pk=comment.pk).update(
        due_at=timezone.now() + timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reply_reminders_send() == 1
    assert mail.outbox[-1].to == [pledge_responder.email]
    moderator = UserFactory(two_factor=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    Comment.objects.filter(pk=comment.pk).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reply_overdue_notices_send() == 1
        assert reply_overdue_notices_send() == 0
