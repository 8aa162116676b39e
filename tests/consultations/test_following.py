"""Following a consultation, and the one email each follower gets when its
results are published."""

from django.core import mail
from django.template import RequestContext, Template
from django.test import RequestFactory

import pytest
from allauth.account.models import EmailAddress

from consultations.models import ConsultationFollow
from consultations.selectors.following import follow_context
from consultations.services.following import followers_notify_results
from consultations.services.results import results_publish
from home.models import UnitMembership
from tests.consultations.factories import make_consultation
from tests.factories import UnitMembershipFactory, UserFactory


def render_follow(consultation, user):
    request = RequestFactory().get(consultation.url)
    request.user = user
    template = Template('{% include "consultations/includes/follow.html" %}')
    context = RequestContext(
        request,
        {
            "consultation": consultation,
            "user": user,
            **follow_context(consultation=consultation, viewer=user),
        },
    )
    return template.render(context)


def test_a_resident_follows_and_unfollows_with_plain_forms(
    resident_client, resident, consultation
):
    response = resident_client.post(f"/consultations/{consultation.pk}/follow/")
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#follow"
    assert ConsultationFollow.objects.filter(user=resident).count() == 1

    # Following twice keeps one row.
    resident_client.post(f"/consultations/{consultation.pk}/follow/")
    assert ConsultationFollow.objects.filter(user=resident).count() == 1

    response = resident_client.post(f"/consultations/{consultation.pk}/unfollow/")
    assert response.status_code == 302
    assert not ConsultationFollow.objects.exists()


def test_an_english_visitor_is_sent_back_to_the_english_page(
    resident_client, consultation
):
    chinese_url = consultation.get_url()
    response = resident_client.post(f"/en/consultations/{consultation.pk}/follow/")
    assert response["Location"] == f"/en{chinese_url}#follow"


def test_a_visitor_is_asked_to_sign_in(client, consultation):
    response = client.post(f"/consultations/{consultation.pk}/follow/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not ConsultationFollow.objects.exists()


def test_following_needs_a_post(resident_client, consultation):
    response = resident_client.get(f"/consultations/{consultation.pk}/follow/")
    assert response.status_code == 405
    assert not ConsultationFollow.objects.exists()


def test_an_unverified_email_cannot_follow(client, consultation):
    user = UserFactory(verified=False)
    client.force_login(user)
    client.post(f"/consultations/{consultation.pk}/follow/")
    assert not ConsultationFollow.objects.exists()
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()


def test_the_button_follows_the_state_and_carries_the_csrf_token(
    resident, consultation
):
    html = render_follow(consultation, resident)
    assert f'action="{consultation.url}follow/"' in html
    assert "csrfmiddlewaretoken" in html

    ConsultationFollow.objects.create(consultation=consultation, user=resident)
    html = render_follow(consultation, resident)
    assert f'action="{consultation.url}unfollow/"' in html


def test_a_visitor_sees_a_sign_in_link(consultation):
    from django.contrib.auth.models import AnonymousUser

    html = render_follow(consultation, AnonymousUser())
    assert "/accounts/login/?next=" in html
    assert "<form" not in html


@pytest.fixture
def closed_with_followers(consultation_index, issuing_unit):
    closed = make_consultation(consultation_index, unit=issuing_unit, phase="closed")
    followers = [UserFactory() for _ in range(3)]
    for user in followers:
        ConsultationFollow.objects.create(consultation=closed, user=user)
    return closed, followers


def test_each_follower_is_emailed_once_even_when_the_notice_runs_twice(
    closed_with_followers, issuing_unit, django_capture_on_commit_callbacks
):
    closed, followers = closed_with_followers
    editor = UnitMembershipFactory(
        unit=issuing_unit, user=UserFactory(), role=UnitMembership.Role.EDITOR
    ).user

    with django_capture_on_commit_callbacks(execute=True):
        results_publish(actor=editor, consultation=closed)
    with django_capture_on_commit_callbacks(execute=True):
        assert followers_notify_results(consultation=closed) == 0
        results_publish(actor=editor, consultation=closed)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in followers
    )
    assert all(closed.url in message.body for message in mail.outbox) or all(
        closed.get_full_url() in message.body for message in mail.outbox
    )
    assert (
        ConsultationFollow.objects.filter(results_notified_at__isnull=True).count() == 0
    )


def test_a_follower_who_joins_late_is_emailed_by_the_next_run(
    closed_with_followers, django_capture_on_commit_callbacks
):
    closed, followers = closed_with_followers
    closed.results_published_at = closed.closes_at
    closed.save(update_fields=["results_published_at"])
    with django_capture_on_commit_callbacks(execute=True):
        assert followers_notify_results(consultation=closed) == 3
    late = UserFactory()
    ConsultationFollow.objects.create(consultation=closed, user=late)
    with django_capture_on_commit_callbacks(execute=True):
        assert followers_notify_results(consultation=closed) == 1
    assert [message.to for message in mail.outbox].count([late.email]) == 1
    assert len(mail.outbox) == 4


def test_nothing_is_sent_before_the_results_are_published(
    closed_with_followers, django_capture_on_commit_callbacks
):
    closed, _followers = closed_with_followers
    with django_capture_on_commit_callbacks(execute=True):
        assert followers_notify_results(consultation=closed) == 0
    assert mail.outbox == []
