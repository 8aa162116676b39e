"""The consultations' notices land in the person's site inbox with a link to
the thing, and turning a kind's email off stops its email (issue 15, item 4)."""

from django.urls import reverse

import pytest

from consultations.models import ConsultationFollow, Outcome
from consultations.services.following import followers_notify_results
from consultations.services.moderation import comment_moderate
from consultations.services.replies import reply_create
from consultations.services.results import results_publish
from home.models import (
    InboxMessage,
    NotificationPreference,
    OutboundEmail,
    UnitMembership,
)
from tests.consultations.factories import make_comment, make_consultation
from tests.factories import UnitMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def emails_to(user):
    return OutboundEmail.objects.filter(to__icontains=user.email).count()


def email_off(user, kind):
    NotificationPreference.objects.create(user=user, kind=kind, email=False)


def open_message(client, user, message):
    """Open it as its recipient would: from the inbox page, by its button."""
    client.force_login(user)
    page = client.get(reverse("home:inbox")).content.decode()
    action = reverse("home:inbox_open", args=[message.pk])
    assert f'action="{action}"' in page
    assert message.title in page
    return client.post(action)


def test_an_answer_to_my_comment_is_in_my_inbox_and_links_to_it(
    client, responder, comment, resident
):
    reply_create(
        responder=responder, comment=comment, outcome=Outcome.ADOPTED, body="好"
    )
    message = InboxMessage.objects.get(recipient=resident)
    assert message.kind == "reply_to_comment"
    assert message.url.endswith(f"#comment-{comment.pk}")
    assert message.url.startswith(comment.target.url)
    assert emails_to(resident) == 1
    response = open_message(client, resident, message)
    assert response["Location"] == message.url


def test_with_email_off_an_answer_comes_only_to_the_inbox(responder, comment, resident):
    email_off(resident, "reply_to_comment")
    reply_create(
        responder=responder, comment=comment, outcome=Outcome.ADOPTED, body="好"
    )
    assert InboxMessage.objects.filter(recipient=resident).count() == 1
    assert emails_to(resident) == 0


def test_a_moderation_decision_is_in_the_inbox_with_the_appeal_link(
    client, consultation, resident, moderator
):
    comment = make_comment(consultation, author=resident)
    comment_moderate(
        moderator=moderator,
        comment=comment,
        action="hide",
        reason="含有个人电话号码",
    )
    message = InboxMessage.objects.get(recipient=resident)
    assert message.kind == "moderation_decision"
    assert message.body == "含有个人电话号码"
    assert message.url == reverse("consultations:comment_appeal", args=[comment.pk])
    assert emails_to(resident) == 1
    email_off(resident, "moderation_decision")
    comment_moderate(
        moderator=moderator, comment=comment, action="restore", reason="已处理"
    )
    assert InboxMessage.objects.filter(recipient=resident).count() == 2
    assert emails_to(resident) == 1
    assert open_message(client, resident, message).status_code == 302


def test_results_of_a_followed_consultation_reach_the_inbox(
    consultation_index, issuing_unit, django_capture_on_commit_callbacks
):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    emailed, quiet = UserFactory(), UserFactory()
    email_off(quiet, "consultation_results")
    for user in (emailed, quiet):
        ConsultationFollow.objects.create(consultation=closed, user=user)
    editor = UnitMembershipFactory(
        unit=issuing_unit, user=UserFactory(), role=UnitMembership.Role.EDITOR
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        results_publish(actor=editor, consultation=closed)
    followers_notify_results(consultation=closed)
    for user in (emailed, quiet):
        message = InboxMessage.objects.get(recipient=user)
        assert message.kind == "consultation_results"
        assert message.url == closed.url
    assert emails_to(emailed) == 1
    assert emails_to(quiet) == 0
