"""Results of a closed consultation: every figure matches a direct count in the
database; publishing the results; the results section as residents see it."""

import statistics
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation

import pytest

from consultations.models import (
    Comment,
    ConsultationFollow,
    ConsultationPage,
    OfficialReply,
    Outcome,
)
from consultations.selectors.results import consultation_results
from consultations.services.results import results_publish
from home.exceptions import ServiceError
from home.models import UnitMembership
from tests.consultations.factories import make_consultation
from tests.factories import UnitMembershipFactory, UserFactory, give_totp

Status = Comment.Status


def add_comment(consultation, author, *, clause=None, status=Status.PUBLISHED, age):
    comment = Comment.objects.create(
        consultation=consultation,
        author=author,
        clause_id=clause or "",
        body="关于本条的意见和建议。",
        status=status,
        # A removed comment was removed for a confirmed violation.
        violation="spam" if status == Status.REJECTED else "",
        due_at=consultation.reply_deadline,
    )
    created_at = consultation.closes_at - timedelta(days=age)
    Comment.objects.filter(pk=comment.pk).update(created_at=created_at)
    comment.created_at = created_at
    return comment


def add_reply(comment, outcome, *, hours):
    reply = OfficialReply.objects.create(
        comment=comment,
        outcome=outcome,
        body="感谢您的意见。",
        reason="与上位法不一致" if outcome == Outcome.NOT_ADOPTED else "",
    )
    OfficialReply.objects.filter(pk=reply.pk).update(
        created_at=comment.created_at + timedelta(hours=hours)
    )
    return reply


@pytest.fixture
def closed(consultation_index, issuing_unit):
    return make_consultation(consultation_index, unit=issuing_unit, phase="closed")


@pytest.fixture
def mixed_comments(closed, resident, other_resident):
    """Comments on every clause and the whole text, in every status, answered with
    every outcome after different delays, some unanswered."""
    clause_ids = [clause["id"] for clause in closed.clause_list]
    places = [None, *clause_ids]
    outcomes = list(Outcome)
    number = 0
    for status in Status:
        for index in range(9 if status == Status.PUBLISHED else 2):
            number += 1
            comment = add_comment(
                closed,
                resident if number % 2 else other_resident,
                clause=places[(index * 3) % len(places)],
                status=status,
                age=number % 5 + 1,
            )
            if index % 4 != 3:  # every fourth one stays unanswered
                add_reply(comment, outcomes[number % len(outcomes)], hours=number * 7)
    # A comment left on a clause that has since been removed from the text.
    add_comment(closed, resident, clause="removed-clause-id", age=1)
    return closed


def test_no_results_before_closing(consultation):
    assert consultation_results(consultation=consultation) is None


def test_every_figure_matches_a_direct_count(
    mixed_comments, django_assert_max_num_queries
):
    consultation = ConsultationPage.objects.get(pk=mixed_comments.pk)
    # The first reader computes and stores the figures (three counting queries,
    # the lookup and the insert); every later one reads the stored row.
    with django_assert_max_num_queries(5):
        results = consultation_results(consultation=consultation)
    with django_assert_max_num_queries(2):
        assert consultation_results(consultation=consultation) == results

    # Issue 11: every comment owed an answer — published or hidden, not pending
    # nor removed for a confirmed violation.
    published = Comment.objects.filter(
        consultation=consultation, status__in=[Status.PUBLISHED, Status.HIDDEN]
    )
    answered = published.filter(reply__isnull=False)
    assert results.published_count == published.count() == 12
    assert results.answered_count == answered.count()
    assert results.unanswered_count == published.filter(reply__isnull=True).count()
    assert results.answer_rate == round(answered.count() * 100 / published.count(), 1)

    durations = [
        comment.reply.created_at - comment.created_at
        for comment in answered.select_related("reply")
    ]
    assert results.median_answer_time == statistics.median(durations)

    by_clause = dict(
        published.values_list("clause_id").annotate(count=Count("pk")).order_by()
    )
    figures = {figure.clause_id: figure.count for figure in results.clauses}
    assert figures[""] == by_clause.get("", 0)
    for clause in consultation.clause_list:
        assert figures[clause["id"]] == by_clause.get(clause["id"], 0)
    assert figures["removed"] == by_clause["removed-clause-id"] == 1
    assert [figure.clause_id for figure in results.clauses] == [
        "",
        *[clause["id"] for clause in consultation.clause_list],
        "removed",
    ]
    assert sum(figures.values()) == results.published_count

    by_outcome = dict(
        answered.values_list("reply__outcome").annotate(count=Count("pk")).order_by()
    )
    assert [figure.value for figure in results.outcomes] == list(Outcome.values)
    for figure in results.outcomes:
        count = by_outcome.get(figure.value, 0)
        assert figure.count == count
        assert figure.percent == round(count * 100 / answered.count(), 1)


def test_a_closed_consultation_without_comments_shows_no_rate(closed):
    results = consultation_results(consultation=closed)
    assert (results.published_count, results.answered_count) == (0, 0)
    assert results.answer_rate is None
    assert results.median_answer_time is None
    html = render_to_string("consultations/includes/results.html", {"results": results})
    assert "%" not in html


def test_the_results_section_shows_figures_as_text(mixed_comments):
    results = consultation_results(consultation=mixed_comments)
    with translation.override("en"):
        html = render_to_string(
            "consultations/includes/results.html", {"results": results}
        )
        median = results.median_answer_time_display
    assert f"{results.answer_rate:.1f}%" in html
    assert median in html
    for figure in results.outcomes:
        assert f"{figure.percent:.1f}%" in html
    assert "/comments.csv" in html and "/comments.xlsx" in html
    assert "style=" not in html and "<script" not in html
    # Not published yet: no summary, a note on what comes next.
    assert "What we did" not in html


def test_the_summary_and_decision_appear_once_published(closed, resident):
    ConsultationPage.objects.filter(pk=closed.pk).update(
        results_summary="<p>我们采纳了增加回收点的建议。</p>",
        results_published_at=timezone.now(),
    )
    closed.refresh_from_db()
    html = render_to_string(
        "consultations/includes/results.html",
        {"results": consultation_results(consultation=closed)},
    )
    assert "我们采纳了增加回收点的建议。" in html


# Publishing -------------------------------------------------------------------


@pytest.fixture
def editor(issuing_unit):
    return UnitMembershipFactory(
        unit=issuing_unit, user=UserFactory(), role=UnitMembership.Role.EDITOR
    ).user


def test_an_editor_of_the_issuing_unit_publishes_the_results_once(closed, editor):
    assert results_publish(actor=editor, consultation=closed) is True
    first = ConsultationPage.objects.get(pk=closed.pk).results_published_at
    assert first is not None
    assert closed.phase == "concluded"

    assert results_publish(actor=editor, consultation=closed) is False
    assert ConsultationPage.objects.get(pk=closed.pk).results_published_at == first


def test_staff_publish_the_results(closed):
    staff = UserFactory(is_staff=True)
    assert results_publish(actor=staff, consultation=closed) is True


def test_others_cannot_publish_the_results(closed, resident, responder, moderator):
    other_editor = UnitMembershipFactory(
        user=UserFactory(), role=UnitMembership.Role.EDITOR
    ).user  # an editor of another unit
    for user in (resident, responder, moderator, other_editor):
        with pytest.raises(PermissionDenied):
            results_publish(actor=user, consultation=closed)
    assert ConsultationPage.objects.get(pk=closed.pk).results_published_at is None


def test_results_cannot_be_published_before_closing(consultation, editor):
    with pytest.raises(ServiceError):
        results_publish(actor=editor, consultation=consultation)
    assert ConsultationPage.objects.get(pk=consultation.pk).results_published_at is None


def test_a_draft_published_later_keeps_the_results_published(closed, editor):
    """A draft saved before the results were published is published afterwards
    from the admin: the page must stay concluded."""
    draft = ConsultationPage.objects.get(pk=closed.pk)
    draft.summary = "修改后的摘要。"
    revision = draft.save_revision()

    results_publish(actor=editor, consultation=closed)
    revision.refresh_from_db()
    revision.publish()

    page = ConsultationPage.objects.get(pk=closed.pk)
    assert page.summary == "修改后的摘要。"
    assert page.results_published_at is not None


def test_publishing_emails_each_follower_once(
    closed, editor, resident, other_resident, django_capture_on_commit_callbacks
):
    for user in (resident, other_resident):
        ConsultationFollow.objects.create(consultation=closed, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        results_publish(actor=editor, consultation=closed)
    with django_capture_on_commit_callbacks(execute=True):
        results_publish(actor=editor, consultation=closed)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [resident.email, other_resident.email]
    )
    assert all(closed.title in message.subject for message in mail.outbox)


# Admin screen -----------------------------------------------------------------


def test_staff_publish_results_from_the_admin(client, closed, resident):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    ConsultationFollow.objects.create(consultation=closed, user=resident)
    client.force_login(staff)

    listing = client.get("/admin/consultation-results/")
    assert listing.status_code == 200
    assert closed.title in listing.content.decode()
    url = f"/admin/consultation-results/{closed.pk}/publish/"
    assert client.get(url).status_code == 200

    response = client.post(url)

    assert response.status_code == 302
    assert ConsultationPage.objects.get(pk=closed.pk).results_published_at


def test_an_editor_with_admin_access_sees_only_their_units_consultations(
    client, consultation_index, closed, editor
):
    other = make_consultation(
        consultation_index,
        unit=UnitMembershipFactory(user=UserFactory()).unit,
        phase="closed",
        title="另一个单位的征求意见稿",
    )
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(editor)
    page = client.get("/admin/consultation-results/").content.decode()
    assert closed.title in page and other.title not in page
    assert (
        client.get(f"/admin/consultation-results/{other.pk}/publish/").status_code
        == 404
    )
    client.post(f"/admin/consultation-results/{other.pk}/publish/")
    assert ConsultationPage.objects.get(pk=other.pk).results_published_at is None


def test_a_moderator_or_resident_cannot_open_the_results_screen(
    client, moderator, resident
):
    client.force_login(moderator)
    assert client.get("/admin/consultation-results/").status_code == 302
    client.force_login(resident)
    assert client.get("/admin/consultation-results/").status_code == 302
